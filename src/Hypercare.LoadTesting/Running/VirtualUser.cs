using System.Net;
using System.Text;
using System.Text.Json;
using Hypercare.LoadTesting.Http;
using Hypercare.LoadTesting.Metrics;
using Hypercare.LoadTesting.Plans;
using Hypercare.LoadTesting.Templates;

namespace Hypercare.LoadTesting.Running;

/// <summary>
/// One simulated user: its own connection(s), cookies and variables. An iteration runs one scenario's steps in
/// order; the first request's latency is measured from the iteration's intended start, later ones from the
/// moment the user was ready to send them.
/// </summary>
internal sealed class VirtualUser(RunContext context, long id) : IVariableScope, IAsyncDisposable
{
    private readonly IHttpSession _session = context.Engine.OpenSession();
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);
    private readonly Random _random = new(unchecked((int)(id * 7919 + 17)));
    private CookieContainer? _cookies;
    private long _iteration;

    public long Id { get; } = id;

    /// <summary>Runs one iteration; false when the iteration could not start because unique data ran out.</summary>
    /// <remarks>Pooled: an iteration per request at tens of thousands a second would otherwise feed the GC.</remarks>
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> RunIterationAsync(long iteration, long intendedTimestamp, CancellationToken cancellationToken)
    {
        _iteration = iteration;
        var scenario = context.Scenarios[context.Picker.For(iteration)];
        _variables.Clear();
        if (context.Plan.Cookies) _cookies = null;
        foreach (var feeder in scenario.Feeders)
        {
            var row = feeder.Next(_random);
            if (row is null)
            {
                Interlocked.Increment(ref context.Stats.DataExhausted);
                return false;
            }
            var columns = feeder.Definition.Columns;
            for (var c = 0; c < columns.Count && c < row.Length; c++) _variables[$"{feeder.Definition.Name}.{columns[c]}"] = row[c];
        }

        var time = context.Time;
        var intended = intendedTimestamp;
        for (var s = 0; s < scenario.Steps.Length; s++)
        {
            var prepared = scenario.Steps[s];
            var step = prepared.Step;
            if (s > 0) intended = time.GetTimestamp();
            var request = prepared.FixedRequest ?? RequestBuilder.Build(context.Plan, step, this);
            if (_cookies is { Count: > 0 } && _cookies.GetCookieHeader(request.Url) is { Length: > 0 } cookie)
                request = request with { Headers = [.. request.Headers, new("Cookie", cookie)], Serialized = null };

            var exchange = await _session.SendAsync(request, prepared.Capture, cancellationToken);
            var stats = prepared.Stats;
            var corrected = Latency.Micros(exchange.EndTimestamp - intended, context.Frequency);
            var service = Latency.Micros(exchange.EndTimestamp - exchange.SendTimestamp, context.Frequency);
            if (exchange.Error != TransportError.None)
            {
                if (cancellationToken.IsCancellationRequested) return true;
                stats.Record(corrected, service, 0, ToErrorKind(exchange.Error), 0);
                Interlocked.Increment(ref context.Stats.IterationsAborted);
                return true;
            }
            stats.Record(corrected, service, exchange.Status, null, exchange.BytesReceived);
            if (exchange.Headers is { } headers && context.Plan.Cookies) KeepCookies(request.Url, headers);

            string? bodyText = null;
            foreach (var check in step.Checks)
            {
                var passed = check.Kind switch
                {
                    CheckKind.Status => check.StatusMatches(exchange.Status),
                    CheckKind.BodyContains => (bodyText ??= Text(exchange.Body)).Contains(CheckText(check), StringComparison.Ordinal),
                    CheckKind.BodyExcludes => !(bodyText ??= Text(exchange.Body)).Contains(CheckText(check), StringComparison.Ordinal),
                    _ => (exchange.EndTimestamp - exchange.SendTimestamp) * 1000.0 / context.Frequency <= check.MaxLatency!.Value.TotalMilliseconds,
                };
                stats.RecordCheck(passed);
            }

            var complete = true;
            foreach (var extraction in step.Extract)
            {
                var value = Extract(extraction, exchange, ref bodyText) ?? extraction.Default;
                if (value is null)
                {
                    // The correlation broke: later steps would send nonsense, so the iteration ends here.
                    stats.RecordCheck(false);
                    complete = false;
                    break;
                }
                _variables[extraction.Variable] = value;
            }
            if (!complete)
            {
                Interlocked.Increment(ref context.Stats.IterationsAborted);
                return true;
            }

            if (s < scenario.Steps.Length - 1 && (step.ThinkTime ?? scenario.Scenario.ThinkTime) is { } think)
            {
                var pause = think.Next(_random);
                if (pause > TimeSpan.Zero)
                {
                    try { await Task.Delay(pause, time, cancellationToken); }
                    catch (OperationCanceledException) { return true; }
                }
            }
        }
        Interlocked.Increment(ref context.Stats.IterationsCompleted);
        return true;
    }

    /// <summary>Opens the user's connection ahead of its first request, where the engine keeps one.</summary>
    public ValueTask PrepareAsync(Uri target, CancellationToken cancellationToken) => _session.PrepareAsync(target, cancellationToken);

    public string Resolve(string name)
    {
        if (_variables.TryGetValue(name, out var v)) return v;
        if (context.Plan.Variables.TryGetValue(name, out var p)) return p;
        return BuiltinVariables.Evaluate(name, Id, _iteration, _random, context.Time) ?? "";
    }

    private string CheckText(Check check) => check.TextTemplate is { IsConstant: false } t ? t.Render(this) : check.Text!;

    private static string Text(byte[]? body) => body is null ? "" : Encoding.UTF8.GetString(body);

    private static string? Extract(Extraction extraction, Exchange exchange, ref string? bodyText)
    {
        switch (extraction.Source)
        {
            case ExtractionSource.Header:
                if (exchange.Headers is null) return null;
                foreach (var (name, value) in exchange.Headers)
                    if (name.Equals(extraction.Expression, StringComparison.OrdinalIgnoreCase)) return value;
                return null;
            case ExtractionSource.Regex:
                var m = extraction.Pattern!.Match(bodyText ??= Text(exchange.Body));
                if (!m.Success) return null;
                return m.Groups.Count > 1 ? m.Groups[1].Value : m.Value;
            default:
                if (exchange.Body is not { Length: > 0 } body) return null;
                try
                {
                    using var doc = JsonDocument.Parse(body);
                    return extraction.Path!.SelectFirst(doc.RootElement);
                }
                catch (JsonException)
                {
                    return null;
                }
        }
    }

    private void KeepCookies(Uri url, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        foreach (var (name, value) in headers)
        {
            if (!name.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase)) continue;
            _cookies ??= new CookieContainer();
            try { _cookies.SetCookies(url, value); }
            catch (CookieException) { /* a malformed cookie is the server's problem; the user goes on without it */ }
        }
    }

    private static ErrorKind ToErrorKind(TransportError error) => error switch
    {
        TransportError.Connect => ErrorKind.Connect,
        TransportError.Dns => ErrorKind.Dns,
        TransportError.Timeout => ErrorKind.Timeout,
        TransportError.Protocol => ErrorKind.Protocol,
        TransportError.Tls => ErrorKind.Tls,
        _ => ErrorKind.Reset,
    };

    public ValueTask DisposeAsync() => _session.DisposeAsync();
}
