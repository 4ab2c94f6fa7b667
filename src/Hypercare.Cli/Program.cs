namespace Hypercare.Cli;

/// <summary>The <c>hypercare</c> executable.</summary>
internal static class Program
{
    private static Task<int> Main(string[] args) => CliApp.RunAsync(args, Console.Out, Console.Error, TimeProvider.System);
}
