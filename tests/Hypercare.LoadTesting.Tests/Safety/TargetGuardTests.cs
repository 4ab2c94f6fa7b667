using Hypercare.Core.Problems;
using Hypercare.LoadTesting.Safety;
using Hypercare.LoadTesting.Tests.Running;

namespace Hypercare.LoadTesting.Tests.Safety;

[Collection("load")]
public class TargetGuardTests : IAsyncLifetime
{
    private readonly TestTarget _target = new() { VerificationToken = "token-0123456789abcdef" };

    public Task InitializeAsync() => _target.InitializeAsync();
    public Task DisposeAsync() => _target.DisposeAsync();

    // Treats loopback as if it were a remote address, so the verification path runs against a loopback server.
    private static TargetGuard Remote() => new(_ => false);

    [Fact]
    public async Task Loopback_IsAllowed_WithoutAToken()
    {
        var vetted = await new TargetGuard().VetAsync([new Uri("http://127.0.0.1:8080/"), new Uri("http://[::1]:8080/")], TargetScope.ExplicitTargets(), false, CancellationToken.None);
        Assert.Equal(2, vetted.Addresses.Count);
    }

    [Fact]
    public async Task ANonLoopbackAddress_WithoutAToken_IsRefusedBeforeAnyConnection()
    {
        var e = await Assert.ThrowsAsync<SafetyRefusalException>(() => new TargetGuard().VetAsync([new Uri("http://192.0.2.10/")], TargetScope.ExplicitTargets(), false, CancellationToken.None));
        Assert.Equal(FailureKind.Refused, e.Kind);
        Assert.Equal("target-unverified", e.Problems[0].Code);
    }

    [Fact]
    public async Task ANameThatDoesNotResolve_IsRefused()
    {
        var e = await Assert.ThrowsAsync<SafetyRefusalException>(() => new TargetGuard().VetAsync([new Uri("http://no-such-host.invalid/")], TargetScope.ExplicitTargets("token-0123456789abcdef"), false, CancellationToken.None));
        Assert.Equal("target-unresolved", e.Problems[0].Code);
    }

    [Fact]
    public async Task ATargetOutsideTheEngagementScope_IsRefused()
    {
        var scope = new TargetScope { Targets = [new Uri("http://127.0.0.1:8080")], Source = "hypercare.yaml" };
        var e = await Assert.ThrowsAsync<SafetyRefusalException>(() => new TargetGuard().VetAsync([new Uri("http://127.0.0.1:9090/")], scope, false, CancellationToken.None));
        Assert.Equal("target-out-of-scope", e.Problems[0].Code);
        Assert.Contains("hypercare.yaml", e.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARemoteTarget_ServingTheToken_IsVerified()
    {
        var vetted = await Remote().VetAsync([_target.BaseUrl], TargetScope.ExplicitTargets("token-0123456789abcdef"), false, CancellationToken.None);
        Assert.Single(vetted.Addresses);
        Assert.Equal(0, _target.Requests);
    }

    [Fact]
    public async Task ARemoteTarget_ServingAnotherToken_IsRefused_AndNoLoadIsSent()
    {
        var plan = TestPlans.Parse($"base_url: {_target.BaseUrl}\nscenarios: [ {{ name: s, steps: [ {{ path: /ok }} ] }} ]\nexecutor: {{ type: constant-arrival-rate, rate: 10/s, duration: 1s }}\n");
        var e = await Assert.ThrowsAsync<SafetyRefusalException>(() =>
            StressTest.RunAsync(plan, new StressRunOptions { Scope = TargetScope.ExplicitTargets("token-ffffffffffffffff") }, Remote(), CancellationToken.None));
        Assert.Contains("serves a different token", e.Problems[0].Message, StringComparison.Ordinal);
        Assert.Equal(0, _target.Requests);
    }

    [Fact]
    public async Task ARemoteTarget_ThatRefusesConnections_IsRefused()
    {
        var e = await Assert.ThrowsAsync<SafetyRefusalException>(() => Remote().VetAsync([new Uri("http://127.0.0.1:9/")], TargetScope.ExplicitTargets("token-0123456789abcdef"), false, CancellationToken.None));
        Assert.Contains("the connection failed", e.Problems[0].Message, StringComparison.Ordinal);
    }
}
