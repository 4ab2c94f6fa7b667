using System.Globalization;

namespace Hypercare.Capacity.Sampling;

/// <summary>What /proc says about one process at a moment.</summary>
/// <param name="CpuSeconds">User plus system CPU time since the process started.</param>
/// <param name="ResidentBytes">Resident memory.</param>
/// <param name="Threads">Threads.</param>
/// <param name="ReadBytes">Bytes read from storage (from /proc/PID/io), or null when not readable.</param>
/// <param name="WriteBytes">Bytes written to storage, or null.</param>
public readonly record struct ProcessReading(double CpuSeconds, long ResidentBytes, int Threads, long? ReadBytes, long? WriteBytes);

/// <summary>
/// Reads a local target's process from /proc: finds the process listening on a TCP port (through the socket's
/// inode in /proc/net/tcp and the process's open descriptors), and reads its CPU time, memory and threads.
/// </summary>
public static class LocalProcess
{
    // /proc reports CPU time in USER_HZ ticks, which the kernel ABI fixes at 100 per second on Linux's
    // mainstream architectures whatever the kernel's internal HZ.
    private const double TicksPerSecond = 100;

    /// <summary>The process serving a target on this machine's loopback, or null for any other target.</summary>
    public static int? ForLoopbackTarget(Uri target) =>
        System.Net.IPAddress.TryParse(target.IdnHost.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address) ? ListeningOn(target.Port) : null;

    /// <summary>The process that listens on a local TCP port, or null when it cannot be found (or /proc is absent).</summary>
    public static int? ListeningOn(int port, string proc = "/proc")
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "net/tcp", "net/tcp6" })
        {
            var path = Path.Combine(proc, table);
            if (!File.Exists(path)) continue;
            foreach (var line in ReadLines(path).Skip(1))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 10 || f[3] != "0A") continue; // 0A: LISTEN
                var local = f[1];
                var colon = local.LastIndexOf(':');
                if (colon < 0 || !int.TryParse(local[(colon + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var p) || p != port) continue;
                inodes.Add($"socket:[{f[9]}]");
            }
        }
        if (inodes.Count == 0) return null;
        foreach (var dir in SafeDirectories(proc))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            foreach (var fd in SafeFiles(Path.Combine(dir, "fd")))
            {
                try
                {
                    if (new FileInfo(fd).LinkTarget is { } target && inodes.Contains(target)) return pid;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            }
        }
        return null;
    }

    /// <summary>Reads a process, or null when it has gone or cannot be read.</summary>
    public static ProcessReading? Read(int pid, string proc = "/proc")
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(proc, pid.ToString(CultureInfo.InvariantCulture), "stat"));
            // The command name is in parentheses and may contain spaces; fields count from after its closing one.
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // rest[0] is field 3 (state): utime is field 14, stime 15, num_threads 20, rss 24.
            var utime = double.Parse(rest[11], CultureInfo.InvariantCulture);
            var stime = double.Parse(rest[12], CultureInfo.InvariantCulture);
            var threads = int.Parse(rest[17], CultureInfo.InvariantCulture);
            var rssPages = long.Parse(rest[21], CultureInfo.InvariantCulture);
            long? read = null, write = null;
            var io = Path.Combine(proc, pid.ToString(CultureInfo.InvariantCulture), "io");
            try
            {
                foreach (var line in File.ReadLines(io))
                {
                    if (line.StartsWith("read_bytes:", StringComparison.Ordinal)) read = long.Parse(line[11..].Trim(), CultureInfo.InvariantCulture);
                    else if (line.StartsWith("write_bytes:", StringComparison.Ordinal)) write = long.Parse(line[12..].Trim(), CultureInfo.InvariantCulture);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            return new ProcessReading((utime + stime) / TicksPerSecond, rssPages * Environment.SystemPageSize, threads, read, write);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>The signals of one interval between two readings of a process.</summary>
    public static IReadOnlyList<(SeriesInfo Info, double Value)> Between(ProcessReading earlier, ProcessReading later, double seconds, int pid, int processors)
    {
        var source = $"/proc/{pid}";
        var signals = new List<(SeriesInfo, double)>();
        if (seconds <= 0) return signals;
        signals.Add((new SeriesInfo("proc_cpu", ResourceKind.Cpu, $"CPU process {pid} used, as a share of the host's {processors} CPUs", "ratio", source),
            Math.Max(0, later.CpuSeconds - earlier.CpuSeconds) / seconds / Math.Max(1, processors)));
        signals.Add((new SeriesInfo("proc_resident_bytes", ResourceKind.Memory, $"resident memory of process {pid}", "bytes", source), later.ResidentBytes));
        signals.Add((new SeriesInfo("proc_threads", ResourceKind.ThreadPool, $"threads of process {pid}", "threads", source), later.Threads));
        if (earlier.ReadBytes is { } r0 && later.ReadBytes is { } r1 && earlier.WriteBytes is { } w0 && later.WriteBytes is { } w1)
            signals.Add((new SeriesInfo("proc_storage_bytes", ResourceKind.Disk, $"bytes process {pid} read from and wrote to storage per second", "bytes/s", source), Math.Max(0, r1 - r0 + w1 - w0) / seconds));
        return signals;
    }

    private static IEnumerable<string> ReadLines(string path)
    {
        try { return File.ReadAllLines(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }

    private static IEnumerable<string> SafeDirectories(string path)
    {
        try { return Directory.GetDirectories(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }

    private static IEnumerable<string> SafeFiles(string path)
    {
        try { return Directory.GetFiles(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }
}
