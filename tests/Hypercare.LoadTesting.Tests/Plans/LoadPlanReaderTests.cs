using Hypercare.Core.Problems;
using Hypercare.LoadTesting.Executors;
using Hypercare.LoadTesting.Plans;

namespace Hypercare.LoadTesting.Tests.Plans;

public class LoadPlanReaderTests
{
    private const string Executor = "executor: { type: constant-arrival-rate, rate: 10/s, duration: 1s }\n";

    private static BadInputException Fails(string yaml, string? dir = null) =>
        Assert.Throws<BadInputException>(() => LoadPlanReader.Parse("plan.yaml", yaml, dir ?? Path.GetTempPath()));

    [Theory]
    [InlineData("base_url: http://127.0.0.1:1\nscenarios: [ { name: s, steps: [ { path: /a } ] } ]\n" + Executor + "tiemout: 1s\n", 4, 1, "unknown key 'tiemout'", "did you mean 'timeout'?")]
    [InlineData("base_url: http://127.0.0.1:1\ntimeout: soon\nscenarios: [ { name: s, steps: [ { path: /a } ] } ]\n" + Executor, 2, 10, "expected a duration such as 300ms, 30s or 10m, found 'soon'", null)]
    [InlineData("base_url: ftp://x\nscenarios: [ { name: s, steps: [ { path: /a } ] } ]\n" + Executor, 1, 11, "'ftp://x' is not an http or https URL", null)]
    [InlineData("base_url: http://127.0.0.1:1\nscenarios:\n  - name: s\n    steps:\n      - path: /a/${id}\n" + Executor, 5, 9, "step 'GET /a/${id}' of scenario 's' uses '${id}', which nothing defines", null)]
    [InlineData("base_url: http://127.0.0.1:1\nscenarios:\n  - name: s\n    steps:\n      - path: /a\n        extract: { t: { json: '$.items[?(@.x)]' } }\n" + Executor, 6, 31, "filter expressions ('?(@.x)') are not supported; select by index or name, or use a regex extraction", null)]
    [InlineData("base_url: http://127.0.0.1:1\nscenarios: [ { name: s, steps: [ { path: /a } ] } ]\nexecutor: { type: constant-arival-rate }\n", 3, 19, "'constant-arival-rate' is not an executor", "did you mean 'constant-arrival-rate'?")]
    [InlineData("base_url: http://127.0.0.1:1\nscenarios: [ { name: s, steps: [ { path: /a } ] } ]\n" + Executor + "thresholds: [ 'p(99) < fast' ]\n", 4, 15, "'fast' is not a duration; write e.g. 300ms or 1.5s", null)]
    [InlineData("base_url: http://127.0.0.1:1\nscenarios: [ { name: s, steps: [ { path: /a, check: { status: 299x } } ] } ]\n" + Executor, 2, 63, "'299x' is not a status code", null)]
    [InlineData("base_url: http://127.0.0.1:1\ndata: [ { name: users, file: missing.csv } ]\nscenarios: [ { name: s, steps: [ { path: /a } ] } ]\n" + Executor, 2, 30, "cannot read 'missing.csv'", null)]
    [InlineData("base_url: http://127.0.0.1:1\nscenarios: [ { name: s, steps: [ { path: 'http://${h}/a' } ] } ]\n" + Executor, 2, 42, "the host of an absolute URL cannot come from a variable: every target is checked before the run", null)]
    public void BadPlans_AreReportedAtTheirPlace(string yaml, int line, int column, string message, string? hint)
    {
        var e = Fails(yaml);
        var p = e.Problems.FirstOrDefault(p => p.Message.StartsWith(message, StringComparison.Ordinal));
        Assert.True(p is not null, string.Join(" | ", e.Problems.Select(x => $"{x.Location}: {x.Message}")));
        Assert.Equal((line, column), (p.Location!.Line, p.Location.Column));
        if (hint is not null) Assert.Equal(hint, p.Hint);
    }

    [Fact]
    public void AVariableExtractedLater_IsUnreachable()
    {
        var e = Fails("""
            base_url: http://127.0.0.1:1
            scenarios:
              - name: s
                steps:
                  - name: cart
                    path: /cart
                    headers: { Authorization: "Bearer ${token}" }
                  - name: login
                    path: /login
                    extract: { token: { json: $.token } }
            executor: { type: constant-vus, vus: 1, duration: 1s }
            """);
        var p = Assert.Single(e.Problems);
        Assert.Equal("unreachable-variable", p.Code);
        Assert.Equal("step 'cart' uses '${token}', which step 'login' extracts only later", p.Message);
        Assert.Equal(5, p.Location!.Line);
    }

    [Fact]
    public void AFullPlan_IsRead()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(dir, "users.csv"), "email,password\r\n\"a@x.example\",\"p,1\"\nb@x.example,p2\n");
        var plan = LoadPlanReader.Parse("plan.yaml", """
            base_url: http://127.0.0.1:8080
            headers: { Accept: application/json }
            variables: { category: shoes }
            data: [ { name: users, file: users.csv, mode: unique } ]
            scenarios:
              - name: buy
                weight: 3
                think_time: { uniform: [1s, 3s] }
                steps:
                  - name: login
                    method: post
                    path: /api/login
                    json: { email: "${users.email}", password: "${users.password}", remember: true, n: 3 }
                    extract: { token: { json: $.token } }
                  - name: search
                    path: /api/search
                    query: { category: "${category}" }
                    headers: { Authorization: "Bearer ${token}" }
                    check: { status: [200, 3xx], latency: 500ms }
              - name: browse
                steps: [ { path: /api/products } ]
            executor:
              type: ramping-arrival-rate
              start_rate: 10/s
              stages: [ { target: 100/s, duration: 10s }, { target: 0/s, duration: 5s } ]
              arrivals: poisson
            thresholds:
              - p(99) < 300ms
              - { expr: error_rate < 1%, abort: true, scenario: buy, step: login }
            """, dir);

        Assert.Equal(2, plan.Scenarios.Count);
        var login = plan.Scenarios[0].Steps[0];
        Assert.Equal("POST", login.Method);
        Assert.Equal("""{"email":"${users.email}","password":"${users.password}","remember":true,"n":3}""", login.Body!.Text);
        Assert.Contains(login.Headers, h => h.Key == "Content-Type" && h.Value.Text == "application/json");
        Assert.Equal(2, plan.Data[0].Rows.Count);
        Assert.Equal("p,1", plan.Data[0].Rows[0][1]);
        var executor = Assert.IsType<RampingArrivalRate>(plan.Executor);
        Assert.Equal(ArrivalProcess.Poisson, executor.Arrivals);
        Assert.Equal(15, executor.Duration.TotalSeconds);
        Assert.Equal("login", plan.Thresholds[1].Step);
        Assert.True(plan.Thresholds[1].AbortOnFail);
        Assert.True(plan.Scenarios[1].Steps[0].IsStatic);
        Assert.False(login.IsStatic);
    }

    [Fact]
    public void TheSampleShopsPlan_IsValid()
    {
        var plan = LoadPlanReader.Load(Path.Combine(AppContext.BaseDirectory, "TestData", "shop", "stress.yaml"));
        Assert.Equal(["browse", "search", "purchase"], plan.Scenarios.Select(s => s.Name));
        Assert.Equal(1000, plan.Data[0].Rows.Count);
        Assert.Equal(3, plan.Thresholds.Count);
    }
}
