namespace Hypercare.LoadTesting.Http.Fast;

/// <summary>
/// Which parts of a response are copied out of the receive buffer. Capturing allocates, so a load
/// test asks only for what its checks read; everything else is counted and skipped.
/// </summary>
[Flags]
internal enum ResponseCapture
{
    None = 0,
    Headers = 1,
    Body = 2,
}
