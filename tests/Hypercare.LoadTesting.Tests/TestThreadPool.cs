using System.Runtime.CompilerServices;

namespace Hypercare.LoadTesting.Tests;

internal static class TestThreadPool
{
    /// <summary>
    /// The test host keeps two pool threads blocked for the whole run (its message loop and xunit's runner). With
    /// the pool's minimum of one thread per core, a load test and its in-process target would share what is left,
    /// and the pool's slow thread injection would show up as a stall in the very latencies the tests measure.
    /// A real target runs in its own process; here, start with enough workers. The capacity and command-line
    /// tests, which also load targets in their own process, compile this file too.
    /// </summary>
#pragma warning disable CA2255 // A test assembly, not a library: this sets up the process for every test.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void EnsureWorkers()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), io);
    }
}
