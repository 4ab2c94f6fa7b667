using Hypercare.Server;

var app = HypercareServer.Build(args, TimeProvider.System, Console.Out);
await app.RunAsync();

/// <summary>The server's entry point, visible to the test host.</summary>
public partial class Program;
