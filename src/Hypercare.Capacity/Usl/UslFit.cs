namespace Hypercare.Capacity.Usl;

/// <summary>One measured point: a concurrency (or load) and the throughput it gave.</summary>
public readonly record struct LoadPoint(double Concurrency, double Throughput);

/// <summary>A fitted parameter with its 95% confidence interval.</summary>
public readonly record struct Estimate(double Value, double Low, double High);

/// <summary>Which of the two penalties of the Universal Scalability Law costs more at the largest measured load.</summary>
public enum Dominant
{
    /// <summary>Serialization (sigma): queueing for a shared resource; adding load flattens throughput.</summary>
    Contention,
    /// <summary>Crosstalk (kappa): keeping shared state coherent; adding load past the peak lowers throughput.</summary>
    Coherency,
}

/// <summary>
/// The Universal Scalability Law fitted to measured points: X(N) = lambda N / (1 + sigma (N - 1) + kappa N (N - 1)).
/// </summary>
public sealed record UslFit(
    Estimate Lambda,
    Estimate Sigma,
    Estimate Kappa,
    int Points,
    double RSquared,
    double RootMeanSquareError,
    Dominant Dominant,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The concurrency of peak throughput, sqrt((1 - sigma) / kappa); infinite when kappa is zero.</summary>
    public double PeakConcurrency => Kappa.Value <= 0 ? double.PositiveInfinity : Math.Sqrt((1 - Sigma.Value) / Kappa.Value);

    /// <summary>The peak throughput: X at the peak concurrency, or the ceiling lambda / sigma when kappa is zero.</summary>
    public double PeakThroughput => double.IsPositiveInfinity(PeakConcurrency)
        ? (Sigma.Value <= 0 ? double.PositiveInfinity : Lambda.Value / Sigma.Value)
        : Throughput(PeakConcurrency);

    /// <summary>The throughput the model predicts at a concurrency.</summary>
    public double Throughput(double concurrency) => UslModel.Throughput(Lambda.Value, Sigma.Value, Kappa.Value, concurrency);

    /// <summary>The response time the model predicts at a concurrency, by Little's law (R = N / X), in seconds.</summary>
    public double ResponseTime(double concurrency) => concurrency / Throughput(concurrency);
}
