using System.Runtime.InteropServices;

namespace Hypercare.LoadTesting.Running;

/// <summary>
/// Sleeps shorter than a millisecond without spinning, for the arrival dispatcher. On Linux the thread's timer
/// slack is set to 1 ns and <c>nanosleep</c> wakes it within microseconds; .NET's own sleep only counts whole
/// milliseconds, which would leave a choice between a late start and a busy core. Elsewhere it yields.
/// </summary>
internal static partial class PreciseSleep
{
    private const int TimerSlackOption = 29; // PR_SET_TIMERSLACK
    private static bool _native = OperatingSystem.IsLinux();

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

#pragma warning disable SYSLIB1054 // DllImport keeps the project free of unsafe code; both calls are rare and cheap.
    [DllImport("libc", SetLastError = true)]
    private static extern int nanosleep(ref Timespec request, IntPtr remaining);

    [DllImport("libc", SetLastError = true)]
    private static extern int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);
#pragma warning restore SYSLIB1054

    /// <summary>Asks for precise wake-ups on the calling thread.</summary>
    public static void PrepareThisThread()
    {
        if (!_native) return;
        try { _ = prctl(TimerSlackOption, 1, 0, 0, 0); }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { _native = false; }
    }

    /// <summary>Sleeps about <paramref name="nanoseconds"/>.</summary>
    public static void Sleep(long nanoseconds)
    {
        if (_native)
        {
            var request = new Timespec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
            try
            {
                _ = nanosleep(ref request, IntPtr.Zero);
                return;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                _native = false;
            }
        }
        if (nanoseconds >= 2_000_000) Thread.Sleep((int)(nanoseconds / 1_000_000) - 1);
        else Thread.Sleep(0);
    }
}
