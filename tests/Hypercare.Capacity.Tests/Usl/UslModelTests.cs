using Hypercare.Capacity.Usl;
using Hypercare.Core.Problems;

namespace Hypercare.Capacity.Tests.Usl;

public class UslModelTests
{
    private static readonly LoadPoint[] Sdm91 =
    [
        new(1, 64.9), new(18, 995.9), new(36, 1652.4), new(72, 1853.2), new(108, 1828.9), new(144, 1775.0), new(216, 1702.2),
    ];

    [Fact]
    public void Fit_ReproducesThePublishedSpecSdm91Reference()
    {
        var fit = UslModel.Fit(Sdm91);

        Assert.Equal(0.0277285, fit.Sigma.Value, 0.0277285 * 1e-4);
        Assert.Equal(0.0001044, fit.Kappa.Value, 0.0001044 * 1e-3);
        Assert.Equal(89.995, fit.Lambda.Value, 89.995 * 1e-4);
        Assert.Equal(96.52, fit.PeakConcurrency, 0.01);
        Assert.Equal(1884, fit.PeakThroughput, 0.5);
        Assert.True(fit.Sigma.Low < fit.Sigma.Value && fit.Sigma.Value < fit.Sigma.High, $"{fit.Sigma} {fit.Kappa} {fit.Lambda}");
        Assert.True(fit.RSquared > 0.98, $"R2 {fit.RSquared} rmse {fit.RootMeanSquareError}");
    }

    [Fact]
    public void Fit_RecoversKnownParameters_FromNoisyData_WithinItsIntervals()
    {
        const double lambda = 120, sigma = 0.05, kappa = 0.0002;
        var covered = 0;
        const int seeds = 200;
        for (var seed = 0; seed < seeds; seed++)
        {
            var random = new Random(seed);
            var points = new[] { 1, 4, 8, 16, 32, 48, 64, 96, 128, 160, 200 }.Select(n =>
            {
                var x = UslModel.Throughput(lambda, sigma, kappa, n);
                var noise = 1 + 0.02 * Normal(random);
                return new LoadPoint(n, x * noise);
            }).ToList();
            var fit = UslModel.Fit(points);
            Assert.Equal(sigma, fit.Sigma.Value, 0.03);
            Assert.Equal(kappa, fit.Kappa.Value, 0.0002);
            if (fit.Sigma.Low <= sigma && sigma <= fit.Sigma.High && fit.Kappa.Low <= kappa && kappa <= fit.Kappa.High && fit.Lambda.Low <= lambda && lambda <= fit.Lambda.High) covered++;
        }
        // Each interval is a 95% interval; all three together cover the truth most of the time.
        Assert.InRange(covered, seeds * 0.75, seeds);
    }

    [Fact]
    public void Contention_Or_Coherency_IsNamed()
    {
        var amdahl = Enumerable.Range(1, 10).Select(i => new LoadPoint(i * 10, UslModel.Throughput(100, 0.1, 0, i * 10))).ToList();
        Assert.Equal(Dominant.Contention, UslModel.Fit(amdahl).Dominant);
        var crosstalk = Enumerable.Range(1, 10).Select(i => new LoadPoint(i * 10, UslModel.Throughput(100, 0.001, 0.001, i * 10))).ToList();
        Assert.Equal(Dominant.Coherency, UslModel.Fit(crosstalk).Dominant);
    }

    [Fact]
    public void FewOrNarrowPoints_AreFittedWithAWarning()
    {
        var fit = UslModel.Fit([new(10, 900), new(12, 1000), new(14, 1050), new(16, 1080)]);
        Assert.Contains(fit.Warnings, w => w.StartsWith("only 4 points", StringComparison.Ordinal));
        Assert.Contains(fit.Warnings, w => w.StartsWith("the loads span only 10 to 16", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1,10", "too-few-points")]
    [InlineData("1,10;2,20;3,NaN", "invalid-point")]
    [InlineData("1,10;2,20;-3,30", "invalid-point")]
    [InlineData("4,10;4,20;4,30", "points-do-not-vary")]
    [InlineData("1,50;2,50;3,50", "points-do-not-vary")]
    public void DegenerateInputs_AreRefused(string text, string code)
    {
        var points = text.Split(';').Select(p => p.Split(',')).Select(p => new LoadPoint(double.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var e = Assert.Throws<BadInputException>(() => UslModel.Fit(points));
        Assert.Equal(code, e.Problems[0].Code);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
