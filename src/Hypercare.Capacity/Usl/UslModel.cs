using Hypercare.Core.Problems;
using MathNet.Numerics.Distributions;

namespace Hypercare.Capacity.Usl;

/// <summary>
/// Fits the Universal Scalability Law by non-linear least squares on the throughput residuals
/// (Levenberg-Marquardt with Marquardt's scaling), with sigma and kappa kept in [0, 1].
/// </summary>
public static class UslModel
{
    private const int MaxIterations = 5000;

    /// <summary>X(N) for given parameters.</summary>
    public static double Throughput(double lambda, double sigma, double kappa, double n) =>
        lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1));

    /// <summary>Fits the model. Refuses points that cannot be fitted, with the reason.</summary>
    public static UslFit Fit(IReadOnlyList<LoadPoint> points, string source = "the points")
    {
        Validate(points, source);
        var n = points.Count;
        var p = new[] { points.Max(x => x.Throughput / x.Concurrency), 0.1, 0.01 };
        var sse = Sse(points, p);
        var mu = 1e-3;
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var (jtj, jtr) = Normal(points, p);
            var improved = false;
            while (mu < 1e16)
            {
                var a = (double[,])jtj.Clone();
                for (var i = 0; i < 3; i++) a[i, i] += mu * Math.Max(jtj[i, i], 1e-30);
                var step = Solve(a, jtr);
                if (step is null) { mu *= 10; continue; }
                var candidate = new[] { Math.Max(p[0] + step[0], 1e-12), Math.Clamp(p[1] + step[1], 0, 1), Math.Clamp(p[2] + step[2], 0, 1) };
                var candidateSse = Sse(points, candidate);
                if (candidateSse < sse)
                {
                    var change = Math.Abs(sse - candidateSse) / Math.Max(sse, 1e-300);
                    p = candidate;
                    sse = candidateSse;
                    mu = Math.Max(mu / 10, 1e-20);
                    improved = true;
                    if (change < 1e-15) iteration = MaxIterations;
                    break;
                }
                mu *= 10;
            }
            if (!improved) break;
        }

        var mean = points.Average(x => x.Throughput);
        var sst = points.Sum(x => (x.Throughput - mean) * (x.Throughput - mean));
        var dof = n - 3;
        var (finalJtj, _) = Normal(points, p);
        var covariance = Invert(finalJtj);
        var variance = dof > 0 ? sse / dof : double.NaN;
        var t = dof > 0 ? StudentT.InvCDF(0, 1, dof, 0.975) : double.NaN;
        Estimate Interval(int i, double low, double high)
        {
            var se = covariance is null || double.IsNaN(variance) ? double.NaN : Math.Sqrt(Math.Max(0, covariance[i, i] * variance));
            return double.IsNaN(se) ? new Estimate(p[i], double.NaN, double.NaN) : new Estimate(p[i], Math.Max(low, p[i] - t * se), Math.Min(high, p[i] + t * se));
        }

        var maxN = points.Max(x => x.Concurrency);
        var minN = points.Min(x => x.Concurrency);
        var dominant = p[1] * (maxN - 1) >= p[2] * maxN * (maxN - 1) ? Dominant.Contention : Dominant.Coherency;
        var fit = new UslFit(Interval(0, 0, double.PositiveInfinity), Interval(1, 0, 1), Interval(2, 0, 1), n,
            sst <= 0 ? 0 : 1 - sse / sst, Math.Sqrt(sse / n), dominant, []);
        var warnings = new List<string>();
        if (n < 6) warnings.Add($"only {n} points: at least 6 are needed before the parameters can be trusted");
        if (maxN / minN < 4) warnings.Add($"the loads span only {minN:0.##} to {maxN:0.##}: measure from low load to well past the expected peak");
        if (fit.PeakConcurrency > maxN * 1.5) warnings.Add($"the peak ({(double.IsPositiveInfinity(fit.PeakConcurrency) ? "none" : fit.PeakConcurrency.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture))}) lies beyond the measured loads: it is extrapolated");
        if (fit.RSquared < 0.9) warnings.Add($"the model explains only {fit.RSquared:P0} of the variation: the system may not follow the law over this range");
        return fit with { Warnings = warnings };
    }

    private static void Validate(IReadOnlyList<LoadPoint> points, string source)
    {
        if (points.Count < 3)
            throw new BadInputException("too-few-points", $"{source} has {points.Count} point(s); fitting three parameters needs at least 3 (and 6 to be trusted)",
                "measure throughput at more loads, from 1 to well past the expected peak");
        foreach (var x in points)
        {
            if (!double.IsFinite(x.Concurrency) || !double.IsFinite(x.Throughput))
                throw new BadInputException("invalid-point", $"{source} has a point that is not a number ({x.Concurrency}, {x.Throughput})", "give finite numbers");
            if (x.Concurrency <= 0 || x.Throughput < 0)
                throw new BadInputException("invalid-point", $"{source} has the point ({x.Concurrency}, {x.Throughput}): concurrency must be above 0 and throughput not negative", null);
        }
        if (points.All(x => x.Concurrency == points[0].Concurrency))
            throw new BadInputException("points-do-not-vary", $"every point of {source} has the same concurrency ({points[0].Concurrency}): the curve cannot be seen", "measure at several loads");
        if (points.All(x => x.Throughput == points[0].Throughput))
            throw new BadInputException("points-do-not-vary", $"every point of {source} has the same throughput ({points[0].Throughput})", "measure at several loads; a flat line means something else limits the test");
    }

    private static double Sse(IReadOnlyList<LoadPoint> points, double[] p)
    {
        var sum = 0.0;
        foreach (var x in points)
        {
            var r = x.Throughput - Throughput(p[0], p[1], p[2], x.Concurrency);
            sum += r * r;
        }
        return sum;
    }

    private static (double[,] JtJ, double[] JtR) Normal(IReadOnlyList<LoadPoint> points, double[] p)
    {
        var jtj = new double[3, 3];
        var jtr = new double[3];
        foreach (var x in points)
        {
            var n = x.Concurrency;
            var d = 1 + p[1] * (n - 1) + p[2] * n * (n - 1);
            var f = p[0] * n / d;
            var g = new[] { n / d, -p[0] * n * (n - 1) / (d * d), -p[0] * n * n * (n - 1) / (d * d) };
            var r = x.Throughput - f;
            for (var i = 0; i < 3; i++)
            {
                jtr[i] += g[i] * r;
                for (var j = 0; j < 3; j++) jtj[i, j] += g[i] * g[j];
            }
        }
        return (jtj, jtr);
    }

    private static double[]? Solve(double[,] a, double[] b)
    {
        var inverse = Invert(a);
        if (inverse is null) return null;
        var x = new double[3];
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++) x[i] += inverse[i, j] * b[j];
        return x;
    }

    private static double[,]? Invert(double[,] m)
    {
        // Gauss-Jordan with partial pivoting on a 3x3 matrix.
        var a = new double[3, 6];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++) a[i, j] = m[i, j];
            a[i, 3 + i] = 1;
        }
        for (var c = 0; c < 3; c++)
        {
            var pivot = c;
            for (var r = c + 1; r < 3; r++) if (Math.Abs(a[r, c]) > Math.Abs(a[pivot, c])) pivot = r;
            if (Math.Abs(a[pivot, c]) < 1e-300) return null;
            for (var j = 0; j < 6; j++) (a[c, j], a[pivot, j]) = (a[pivot, j], a[c, j]);
            var div = a[c, c];
            for (var j = 0; j < 6; j++) a[c, j] /= div;
            for (var r = 0; r < 3; r++)
            {
                if (r == c) continue;
                var factor = a[r, c];
                for (var j = 0; j < 6; j++) a[r, j] -= factor * a[c, j];
            }
        }
        var inv = new double[3, 3];
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++) inv[i, j] = a[i, 3 + j];
        return inv;
    }
}
