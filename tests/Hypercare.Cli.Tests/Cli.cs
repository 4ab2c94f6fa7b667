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
