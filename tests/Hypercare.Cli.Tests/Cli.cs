using Microsoft.Extensions.Time.Testing;

namespace Hypercare.Cli.Tests;

/// <summary>Runs the real command line in-process with captured output and a fake clock.</summary>
internal sealed class Cli : IDisposable
{
    private readonly DirectoryInfo _dir = System.IO.Directory.CreateTempSubdirectory("hypercare-cli-test-");

    public Cli(DateTimeOffset now) => Clock = new FakeTimeProvider(now);

    public FakeTimeProvider Clock { get; }

    public string Database => Path.Combine(_dir.FullName, "hypercare.db");

    public string Folder => _dir.FullName;

    public static string Sample => Path.Combine(AppContext.BaseDirectory, "TestData", "shop", "hypercare.yaml");

    /// <summary>The sample with a consent and a prerequisite already recorded in the file.</summary>
    public string SampleWithConsent()
    {
        var text = File.ReadAllText(Sample).Replace("\nobjectives:", "\n  authorizations:\n    - kind: monitoring-and-security-event-analysis\n      granted_by: Dana Whitfield\n      granted_at: 2027-08-30T10:00:00-04:00\n      reference: consent-monitoring.pdf\n  prerequisites:\n    - kind: sites\n      provided_by: Sam Okafor\n      provided_at: 2027-08-30T11:00:00-04:00\n      note: HQ war room, floor 3\n\nobjectives:", StringComparison.Ordinal);
        var path = Path.Combine(Folder, "with-consent.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    public async Task<Result> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync([.. args, "--db", Database], output, error, Clock);
        return new Result(code, output.ToString(), error.ToString());
    }

    public void Dispose() => _dir.Delete(recursive: true);

    internal sealed record Result(int Code, string Out, string Err)
    {
        public override string ToString() => $"exit {Code}\n--- stdout\n{Out}\n--- stderr\n{Err}";
    }
}
