using Hypercare.LoadTesting.Plans;

namespace Hypercare.LoadTesting.Running;

/// <summary>
/// Hands out rows of a CSV feeder. Unique rows are owned by execution segment, so agents of a distributed run
/// never use the same row and together use each row at most once.
/// </summary>
internal sealed class DataFeeder(DataFeederDefinition definition, Func<long, bool> owns)
{
    private long _next = -1;
    private long _uniqueCursor = -1;
    private readonly Lock _gate = new();

    public DataFeederDefinition Definition { get; } = definition;

    /// <summary>The next row for an iteration, or null when unique rows ran out.</summary>
    public string[]? Next(Random random)
    {
        var rows = Definition.Rows;
        if (rows.Count == 0) return null;
        switch (Definition.Mode)
        {
            case FeederMode.Sequential:
                return rows[(int)(Interlocked.Increment(ref _next) % rows.Count)];
            case FeederMode.Random:
                return rows[random.Next(rows.Count)];
            default:
                lock (_gate)
                {
                    while (++_uniqueCursor < rows.Count)
                        if (owns(_uniqueCursor)) return rows[(int)_uniqueCursor];
                    return null;
                }
        }
    }
}
