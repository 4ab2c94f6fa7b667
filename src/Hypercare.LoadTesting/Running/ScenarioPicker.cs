using Hypercare.LoadTesting.Plans;

namespace Hypercare.LoadTesting.Running;

/// <summary>
/// Chooses the scenario of an iteration from its global number with a smooth weighted round robin: with weights
/// 3 and 1 the pattern is A A B A, so shares are exact over every cycle and scenarios interleave evenly.
/// </summary>
internal sealed class ScenarioPicker
{
    private readonly int[] _pattern;

    public ScenarioPicker(IReadOnlyList<Scenario> scenarios)
    {
        var total = scenarios.Sum(s => s.Weight);
        var current = new long[scenarios.Count];
        _pattern = new int[total];
        for (var slot = 0; slot < total; slot++)
        {
            var best = 0;
            for (var i = 0; i < scenarios.Count; i++)
            {
                current[i] += scenarios[i].Weight;
                if (current[i] > current[best]) best = i;
            }
            current[best] -= total;
            _pattern[slot] = best;
        }
    }

    public int For(long iteration) => _pattern[(int)(iteration % _pattern.Length)];
}
