using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hypercare.LoadTesting.Tests.Running;

/// <summary>A Kestrel server with a self-signed certificate for 127.0.0.1, speaking HTTP/1.1 and HTTP/2 over TLS.</summary>
[Collection("load")]
public sealed class TlsTests : IAsyncLifetime
{
    private WebApplication? _app;
    private Uri _base = new("https://127.0.0.1:1");

    public async Task InitializeAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddDays(1));
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l =>
        {
            l.Protocols = HttpProtocols.Http1AndHttp2;
            l.UseHttps(certificate);
        }));
        _app = builder.Build();
        _app.MapGet("/protocol", (HttpContext c) => c.Request.Protocol);
        await _app.StartAsync();
        _base = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    private LoadTesting.Plans.LoadPlan Plan(string extra) => TestPlans.Parse($$"""
        base_url: {{_base}}
        {{extra}}
        scenarios: [ { name: s, steps: [ { path: /protocol, check: { status: 200, body_contains: HTTP/2 } } ] } ]
        executor: { type: constant-arrival-rate, rate: 50/s, duration: 1s }
        """);

    [Fact]
    public async Task AnUntrustedCertificate_CountsTlsErrors_WithoutACrash()
    {
        var result = await StressTest.RunAsync(Plan(""), new StressRunOptions(), CancellationToken.None);
        Assert.Equal("httpclient", result.Run.Engine);
        Assert.Equal(50, result.Requests.Total);
        Assert.Equal(50, result.Errors["tls"]);
    }

    [Fact]
    public async Task Insecure_AcceptsTheCertificate_AndSpeaksHttp2()
    {
        var result = await StressTest.RunAsync(Plan("insecure: true"), new StressRunOptions(), CancellationToken.None);
        Assert.Equal(50, result.Requests.Total);
        Assert.Equal(0, result.Requests.Failed);
        Assert.Equal(0, result.Checks.Failed);
    }

    [Fact]
    public async Task TheFastEngine_RefusesHttps_BeforeAnyRequest()
    {
        var e = await Assert.ThrowsAsync<Core.Problems.BadInputException>(() => StressTest.RunAsync(Plan("engine: fast"), new StressRunOptions(), CancellationToken.None));
        Assert.Equal("engine-unsupported", e.Problems[0].Code);
    }
}
