using System.Text.Json;

namespace Hypercare.Cli.Tests;

public sealed class CapacityCommandTests : IDisposable
{
    private readonly Cli _cli = new(new DateTimeOffset(2027, 9, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _cli.Dispose();

    private string File(string name, string text)
    {
        var path = Path.Combine(_cli.Folder, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Fit_PrintsTheParametersThePeakAndPredictions()
    {
        var csv = File("sdm91.csv", "load,throughput\n1,64.9\n18,995.9\n36,1652.4\n72,1853.2\n108,1828.9\n144,1775.0\n216,1702.2\n");
        var r = await _cli.Run("capacity", "fit", csv, "--at", "500", "--json");
        Assert.True(r.Code == 0, r.ToString());
        var json = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(0.0277285, json.GetProperty("sigma").GetProperty("value").GetDouble(), 1e-5);
        Assert.Equal(96.52, json.GetProperty("peak_concurrency").GetDouble(), 0.01);
        Assert.Equal("contention", json.GetProperty("dominant").GetString());
        Assert.Equal(500, json.GetProperty("predictions")[0].GetProperty("concurrency").GetDouble());

        var text = await _cli.Run("capacity", "fit", csv);
        Assert.Contains("peak: 1883.9/s at a concurrency of 96.52", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadPoints_ExitTwo_WithTheirPlace()
    {
        var r = await _cli.Run("capacity", "fit", File("bad.csv", "1,10\n2,x\n3,30\n"));
        Assert.True(r.Code == 2, r.ToString());
        Assert.Contains("bad.csv:2:3: 'x' is not a number", r.Err, StringComparison.Ordinal);

        var flat = await _cli.Run("capacity", "fit", File("flat.csv", "1,50\n2,50\n3,50\n"));
        Assert.True(flat.Code == 2, flat.ToString());
        Assert.Contains("the same throughput", flat.Err, StringComparison.Ordinal);
    }
}
