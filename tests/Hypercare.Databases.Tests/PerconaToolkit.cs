using System.Diagnostics;

namespace Hypercare.Databases.Tests;

/// <summary>Skips when percona-toolkit is not installed, except under CI=true, where a missing peer is a failure.</summary>
public sealed class PerconaFactAttribute : FactAttribute
{
    public PerconaFactAttribute()
    {
        if (PerconaToolkit.Find("pt-query-digest") is null && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = "percona-toolkit is not installed (./test.sh installs it)";
    }
}

/// <summary>Runs Debian's percona-toolkit (3.2.1), the peer whose answers the digest must give.</summary>
internal static class PerconaToolkit
{
    public static string? Find(string tool) => new[] { $"/usr/bin/{tool}", $"/usr/local/bin/{tool}" }.FirstOrDefault(File.Exists);

    public static string Run(string tool, params string[] args)
    {
        var path = Find(tool) ?? throw new InvalidOperationException($"{tool} is not installed (apt-get install percona-toolkit)");
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} exited with {process.ExitCode}: {stderr.Result}");
        return stdout;
    }
}
