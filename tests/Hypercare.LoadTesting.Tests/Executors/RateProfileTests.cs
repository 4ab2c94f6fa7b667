using Hypercare.LoadTesting.Executors;

namespace Hypercare.LoadTesting.Tests.Executors;

public class RateProfileTests
{
    [Fact]
    public void UniformArrivals_AtAConstantRate_AreEvenlySpaced()
    {
        var schedule = new ArrivalSchedule(new RateProfile([(TimeSpan.FromSeconds(2), 100, 100)]), ArrivalProcess.Uniform, 1);
        var times = new List<double>();
        while (schedule.Next() is { } t) times.Add(t);
        Assert.Equal(200, times.Count);
        Assert.Equal(0, times[0]);
        Assert.Equal(0.01, times[1], 9);
        Assert.Equal(1.99, times[^1], 9);
    }

    [Fact]
    public void ARamp_StartsAsManyArrivalsAsTheAreaUnderIt()
    {
        // 0 -> 100/s over 10 s is 500 arrivals; the first half of the time holds a quarter of them.
        var profile = new RateProfile([(TimeSpan.FromSeconds(10), 0, 100)]);
        var schedule = new ArrivalSchedule(profile, ArrivalProcess.Uniform, 1);
        var times = new List<double>();
        while (schedule.Next() is { } t) times.Add(t);
        Assert.Equal(500, times.Count);
        Assert.Equal(125, times.Count(t => t < 5));
        Assert.Equal(50, profile.RateAt(5), 9);
    }

    [Fact]
    public void PoissonArrivals_KeepTheMeanRate_AndAreTheSameForEverySeed()
    {
        var profile = new RateProfile([(TimeSpan.FromSeconds(100), 200, 200)]);
        var a = new ArrivalSchedule(profile, ArrivalProcess.Poisson, 7);
        var b = new ArrivalSchedule(profile, ArrivalProcess.Poisson, 7);
        var count = 0;
        double? x;
        while ((x = a.Next()) is not null)
        {
            Assert.Equal(x, b.Next());
            count++;
        }
        Assert.InRange(count, 19_400, 20_600);
    }

    [Fact]
    public void StepLoad_HoldsEachRateForAStep()
    {
        var s = new StepLoad(new(100), new(100), TimeSpan.FromSeconds(10), new(500));
        Assert.Equal([100, 200, 300, 400, 500], s.Rates);
        Assert.Equal(50, s.Duration.TotalSeconds);
        Assert.Equal(15_000, s.Profile.ExpectedArrivals, 6);
    }

    [Fact]
    public void RampingVus_InterpolatesBetweenStages()
    {
        var e = new RampingVus(0, [new RampStage(10, TimeSpan.FromSeconds(10)), new RampStage(10, TimeSpan.FromSeconds(5))]);
        Assert.Equal(5, e.TargetVusAt(TimeSpan.FromSeconds(5)));
        Assert.Equal(10, e.TargetVusAt(TimeSpan.FromSeconds(12)));
        Assert.Equal(0, e.TargetVusAt(TimeSpan.FromSeconds(15)));
        Assert.Equal(10, e.MaxVus);
    }
}
