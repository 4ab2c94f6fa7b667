namespace Hypercare.Cli.Tests;

/// <summary>
/// Tests that put real load on a target in this process (the demo, stress and capacity commands) run one at a
/// time and apart from the others: on two cores, two of them at once measure each other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadTests
{
    public const string Name = "load";
}
