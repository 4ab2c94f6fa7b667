using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Hypercare.Core;
using Hypercare.Core.Units;
using Hypercare.Engagements.Access;
using Hypercare.Engagements.Catalog;
using Hypercare.Engagements.Lifecycle;
using Hypercare.Engagements.Objectives;
using NodaTime;
using NodaTime.Text;

namespace Hypercare.Engagements.Files;

/// <summary>
/// Writes an engagement back as <c>hypercare.yaml</c>: the sections, keys and value formats that
/// <see cref="EngagementFileLoader"/> reads, so that loading the text gives an equal definition.
/// </summary>
/// <remarks>
/// The output is written by hand rather than by a serializer so that it keeps the documented layout (the key order of
/// the sample, flow lists for short lists, units such as <c>2000/s</c> and <c>800Mbps</c>). Every text value goes
/// through <see cref="Scalar"/>, which leaves it plain only when a YAML reader cannot take it for anything else.
/// Numbers are written in the shortest form that reads back to the same value; a unit that would lose precision is
/// not used.
/// </remarks>
public static class EngagementFileWriter
{
    /// <summary>A flow list or mapping longer than this is written one item per line instead.</summary>
    private const int FlowLineLimit = 100;

    private static readonly LocalDateTimePattern Minutes = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");

    private static readonly Regex Special = new(
        @"^(?:(?i:y|n|yes|no|true|false|on|off|null|~)" +
        @"|[-+]?(?:0b[01_]+|0o[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?)" +
        @"|[-+]?\.(?i:inf)|\.(?i:nan)" +
        @"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?" +
        @"|<<|=)$",
        RegexOptions.CultureInvariant);

    /// <summary>Writes the engagement file for a definition and the authorizations and prerequisites to record with it.</summary>
    /// <param name="definition">The engagement.</param>
    /// <param name="authorizations">Authorizations already granted, written under <c>engagement.authorizations</c>.</param>
    /// <param name="prerequisites">Prerequisites already provided, written under <c>engagement.prerequisites</c>.</param>
    /// <returns>The YAML text. A definition with a calendar file names it by file name only; write
    /// <see cref="CompanionFiles"/> into the same directory.</returns>
    public static string Write(EngagementDefinition definition, IReadOnlyList<GrantedAuthorization>? authorizations = null, IReadOnlyList<ProvidedPrerequisite>? prerequisites = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var yaml = new YamlText();
        Engagement(yaml, definition, authorizations ?? [], prerequisites ?? []);
        if (definition.Objectives is { } objectives)
        {
            yaml.Blank();
            Objectives(yaml, objectives);
        }
        var scope = definition.Scope;
        if (scope.Targets.Count > 0 || scope.Hosts.Count > 0 || scope.Ports.Count > 0 || scope.StressEnvironment is not null || scope.VerificationToken is not null)
        {
            yaml.Blank();
            Scope(yaml, scope);
        }
        if (definition.Topology.Tiers.Count > 0)
        {
            yaml.Blank();
            Topology(yaml, definition.Topology);
        }
        return yaml.ToString();
    }

    /// <summary>
    /// An engagement as it stands, written back as its file: members added since creation included (recorded
    /// consent may name them), with the authorizations and prerequisites recorded so far, and the companion files.
    /// </summary>
    public static (string Text, IReadOnlyList<(string FileName, string Text)> Companions) Export(Lifecycle.Engagement engagement)
    {
        ArgumentNullException.ThrowIfNull(engagement);
        var definition = engagement.Definition with { Members = engagement.Members };
        var text = Write(definition, [.. engagement.Authorizations.Values.OrderBy(a => a.Kind)], [.. engagement.Prerequisites.Values.OrderBy(p => p.Kind)]);
        return (text, CompanionFiles(definition));
    }

    /// <summary>
    /// The files the written engagement file refers to, which must sit in the same directory: the calendar file, under
    /// its own file name, with the text the engagement keeps.
    /// </summary>
    public static IReadOnlyList<(string FileName, string Text)> CompanionFiles(EngagementDefinition d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return d.Calendar is { } calendar ? [(CalendarFileName(calendar.Name), calendar.Text)] : [];
    }

    /// <summary>The file name of a calendar document, without the directory it was read from (on any platform).</summary>
    private static string CalendarFileName(string name) => Path.GetFileName(name.Replace('\\', '/'));

    // ---------------------------------------------------------------- sections

    private static void Engagement(YamlText y, EngagementDefinition d, IReadOnlyList<GrantedAuthorization> authorizations, IReadOnlyList<ProvidedPrerequisite> prerequisites)
    {
        y.Line(0, "engagement:");
        y.Pair(2, "name", Scalar(d.Name));
        y.Pair(2, "customer", Scalar(d.Customer));
        y.Pair(2, "provider", Scalar(d.Provider));
        y.Pair(2, "edition", KebabCase.Of(d.Edition));
        if (d.Edition == Edition.Custom && d.CustomServices is { Count: > 0 } services)
            y.List(2, "services", services.Select(s => KebabCase.Of(s)));
        if (d.NegotiatedDurationDays is { } days) y.Pair(2, "negotiated_duration_days", Number(days));
        if (d.Country is not null) y.Pair(2, "country", Scalar(d.Country));
        if (d.Calendar is { } calendar)
        {
            y.Line(2, "# The calendar file is kept with the engagement; it must sit in the same directory as this file.");
            y.Pair(2, "calendar", Scalar(CalendarFileName(calendar.Name)));
        }
        y.Pair(2, "time_zone", Scalar(d.TimeZone));
        y.Line(2, "request:");
        y.Pair(4, "submitted", Date(d.Request.Submitted));
        y.Pair(4, "order", Date(d.Request.PlannedOrder));
        y.Pair(4, "large_resources", d.Request.LargeResources ? "true" : "false");

        y.Line(2, "key_phases:");
        foreach (var phase in d.KeyPhases)
        {
            y.Item(4, [
                $"name: {Scalar(phase.Name)}",
                $"start: {LocalDateTimeText(phase.Start)}",
                $"end: {LocalDateTimeText(phase.End)}",
            ]);
        }
        if (d.Expires is { } expires) y.Pair(2, "expires", LocalDateTimeText(expires));

        if (d.Members.Count > 0)
        {
            y.Line(2, "members:");
            foreach (var m in d.Members)
            {
                var lines = new List<string> { $"name: {Scalar(m.Name)}", $"email: {Scalar(m.Email)}", $"role: {KebabCase.Of(m.Role)}" };
                // The party follows from the role; only an observer on the provider side needs it said.
                if (m.Party != Member.PartyOf(m.Role)) lines.Add($"party: {KebabCase.Of(m.Party)}");
                y.Item(4, lines);
            }
        }
        if (authorizations.Count > 0)
        {
            y.Line(2, "authorizations:");
            foreach (var a in authorizations)
            {
                var lines = new List<string> { $"kind: {KebabCase.Of(a.Kind)}", $"granted_by: {Scalar(a.By)}", $"granted_at: {Timestamp(a.At)}" };
                if (a.Reference is not null) lines.Add($"reference: {Scalar(a.Reference)}");
                y.Item(4, lines);
            }
        }
        if (prerequisites.Count > 0)
        {
            y.Line(2, "prerequisites:");
            foreach (var p in prerequisites)
            {
                var lines = new List<string> { $"kind: {KebabCase.Of(p.Kind)}", $"provided_by: {Scalar(p.By)}", $"provided_at: {Timestamp(p.At)}" };
                if (p.Note is not null) lines.Add($"note: {Scalar(p.Note)}");
                y.Item(4, lines);
            }
        }
    }

    private static void Objectives(YamlText y, BusinessObjectives o)
    {
        y.Line(0, "objectives:");
        y.Pair(2, "peak_rps", RateText(o.PeakRate));
        y.Pair(2, "peak_concurrent_users", Number(o.PeakConcurrentUsers));
        if (o.Latency.Count > 0)
        {
            y.Line(2, "latency:");
            foreach (var line in LatencyLines(o.Latency)) y.Line(4, line);
        }
        if (o.ErrorBudget is { } budget) y.Pair(2, "error_budget", $"{Plain(budget.Value)}%");
        if (o.Ramp is { } ramp) y.Pair(2, "ramp", $"{Plain(ramp.Factor)}x in {DurationOf(ramp.Within)}");
        if (o.PeakEgress is { } egress) y.Pair(2, "peak_egress", BandwidthText(egress));
        if (o.Apis.Count > 0)
        {
            y.Line(2, "apis:");
            foreach (var api in o.Apis)
            {
                var lines = new List<string> { $"name: {Scalar(api.Name)}", $"method: {Scalar(api.Method)}", $"path: {Scalar(api.Path)}" };
                if (api.PeakRate is { } rate) lines.Add($"peak_rps: {RateText(rate)}");
                if (api.Latency.Count > 0)
                {
                    lines.Add("latency:");
                    lines.AddRange(LatencyLines(api.Latency).Select(l => "  " + l));
                }
                y.Item(4, lines);
            }
        }
    }

    private static IEnumerable<string> LatencyLines(IReadOnlyList<LatencySlo> slos) =>
        slos.Select(s => $"p{Plain(s.Percentile)}: {DurationOf(s.Threshold)}");

    private static void Scope(YamlText y, Scope s)
    {
        y.Line(0, "scope:");
        if (s.Targets.Count > 0)
        {
            y.Line(2, "targets:");
            foreach (var t in s.Targets)
            {
                var lines = new List<string> { $"url: {Scalar(t.Url.OriginalString)}" };
                if (t.Note is not null) lines.Add($"note: {Scalar(t.Note)}");
                y.Item(4, lines);
            }
        }
        if (s.Hosts.Count > 0) y.List(2, "hosts", s.Hosts.Select(h => Scalar(h, flow: true)));
        if (s.Ports.Count > 0) y.List(2, "ports", s.Ports.Select(p => Number(p)));
        if (s.StressEnvironment is { } env)
        {
            y.Line(2, "stress_environment:");
            y.Pair(4, "description", Scalar(env.Description));
            if (env.BaseUrl is { } baseUrl) y.Pair(4, "base_url", Scalar(baseUrl.OriginalString));
        }
        if (s.VerificationToken is { } token) y.Pair(2, "verification_token", Scalar(token));
    }

    private static void Topology(YamlText y, Topology t)
    {
        y.Line(0, "topology:");
        y.Line(2, "tiers:");
        foreach (var tier in t.Tiers)
        {
            var lines = new List<string> { $"name: {Scalar(tier.Name)}", $"role: {KebabCase.Of(tier.Role)}", $"instances: {Number(tier.Instances)}" };
            if (tier.Scaling is { } scaling)
            {
                var entries = new List<(string, string)> { ("min", Number(scaling.Min)), ("max", Number(scaling.Max)) };
                if (scaling.ScaleOutTime is { } time) entries.Add(("scale_out_time", DurationOf(time)));
                lines.AddRange(YamlText.MapLines("scaling", entries));
            }
            if (tier.Pools.Count > 0)
                lines.AddRange(YamlText.MapLines("pools", tier.Pools.Select(p => (Scalar(p.Key, flow: true, key: true), Number(p.Value))).ToList()));
            if (tier.Metrics.Count > 0) lines.AddRange(YamlText.ListLines("metrics", tier.Metrics.Select(m => Scalar(m.OriginalString, flow: true)).ToList()));
            if (tier.Zones.Count > 0) lines.AddRange(YamlText.ListLines("zones", tier.Zones.Select(z => Scalar(z, flow: true)).ToList()));
            y.Item(4, lines);
        }
    }

    // ---------------------------------------------------------------- values

    /// <summary>
    /// A text value as a YAML scalar: plain when no YAML reader could take it for something else (a number, a
    /// boolean, null, a date, a comment, a key or an indicator), single-quoted when it is printable on one line, and
    /// double-quoted with escapes otherwise (line breaks, tabs, control and other non-printable characters).
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="flow">The scalar sits inside a flow list or mapping (<c>[a, b]</c>), where <c>,[]{}</c> end it.</param>
    /// <param name="key">The scalar is a mapping key; one with a colon is quoted, so that no reader (or person) splits it there.</param>
    internal static string Scalar(string text, bool flow = false, bool key = false)
    {
        if (IsPlain(text, flow) && !(key && text.Contains(':', StringComparison.Ordinal))) return text;
        if (AllPrintable(text)) return $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";
        var sb = new StringBuilder(text.Length + 8).Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
                continue;
            }
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append(@"\n"); break;
                case '\r': sb.Append(@"\r"); break;
                case '\t': sb.Append(@"\t"); break;
                case '\0': sb.Append(@"\0"); break;
                default:
                    if (IsPrintable(c)) sb.Append(c);
                    else sb.Append(@"\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    private static bool IsPlain(string text, bool flow)
    {
        if (text.Length == 0 || !AllPrintable(text)) return false;
        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])) return false;
        if ("-?:,[]{}#&*!|>'\"%@`".Contains(text[0], StringComparison.Ordinal)) return false;
        if (text.Contains(": ", StringComparison.Ordinal) || text.Contains(" #", StringComparison.Ordinal) || text.EndsWith(':')) return false;
        if (flow && text.AsSpan().IndexOfAny(",[]{}") >= 0) return false;
        return !Special.IsMatch(text);
    }

    private static bool AllPrintable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (!IsPrintable(c)) return false;
        }
        return true;
    }

    /// <summary>YAML's printable characters, less the tab and the characters some readers take as line breaks.</summary>
    private static bool IsPrintable(char c) =>
        c >= ' ' && c != '\u007F' && c is not (>= '\u0080' and <= '\u009F') && !char.IsSurrogate(c)
        && c is not ('\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF');

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>A local date-time to the minute when that is exact (<c>2027-11-25T00:00</c>), with seconds and fractions otherwise.</summary>
    private static string LocalDateTimeText(LocalDateTime value) =>
        value.Second == 0 && value.NanosecondOfSecond == 0 ? Minutes.Format(value) : LocalDateTimePattern.ExtendedIso.Format(value);

    /// <summary>A point in time with its own offset (<c>2027-08-30T10:00:00-04:00</c>, <c>Z</c> for UTC); fractions of a second when there are any.</summary>
    private static string Timestamp(DateTimeOffset at)
    {
        var local = at.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF", CultureInfo.InvariantCulture);
        return at.Offset == TimeSpan.Zero ? local + "Z" : local + at.ToString("zzz", CultureInfo.InvariantCulture);
    }

    /// <summary>A rate per second (<c>2000/s</c>, <c>1.5/s</c>); per minute or hour when that is exact and shorter than a long fraction.</summary>
    private static string RateText(Rate rate)
    {
        var perSecond = Plain(rate.PerSecond);
        if (Decimals(perSecond) <= 3) return $"{perSecond}/s";
        foreach (var (unit, seconds) in new[] { ("min", 60.0), ("h", 3600.0) })
        {
            var text = $"{Plain(Math.Round(rate.PerSecond * seconds, 3))}/{unit}";
            if (Rate.TryParse(text, out var back) && back.PerSecond.Equals(rate.PerSecond)) return text;
        }
        return $"{perSecond}/s";
    }

    /// <summary>A bandwidth in Gbps, Mbps or kbps when that reads back exactly, in bps otherwise.</summary>
    private static string BandwidthText(Bandwidth bandwidth)
    {
        foreach (var (prefix, factor) in new[] { ("G", 1e9), ("M", 1e6), ("k", 1e3) })
        {
            var n = bandwidth.BitsPerSecond / factor;
            if (n < 1) continue;
            var text = $"{Plain(n)}{prefix}bps";
            if (Decimals(Plain(n)) <= 3 && Bandwidth.TryParse(text, out var back) && back.BitsPerSecond.Equals(bandwidth.BitsPerSecond)) return text;
        }
        return $"{Plain(bandwidth.BitsPerSecond)}bps";
    }

    /// <summary>
    /// A duration as <see cref="DurationText.Format"/> writes it, when that reads back to the same value; otherwise the
    /// first exact spelling among whole parts plus milliseconds, seconds, milliseconds and microseconds.
    /// </summary>
    private static string DurationOf(TimeSpan duration)
    {
        var text = DurationText.Format(duration);
        if (ReadsBack(text, duration)) return text;
        var fraction = TimeSpan.FromTicks(duration.Ticks % TimeSpan.TicksPerSecond);
        var whole = duration - fraction;
        var candidates = new List<string>();
        if (whole >= TimeSpan.FromSeconds(1)) candidates.Add($"{DurationText.Format(whole)}{Plain(fraction.Ticks / (double)TimeSpan.TicksPerMillisecond)}ms");
        candidates.Add($"{Plain(duration.Ticks / (double)TimeSpan.TicksPerSecond)}s");
        candidates.Add($"{Plain(duration.Ticks / (double)TimeSpan.TicksPerMillisecond)}ms");
        candidates.Add($"{Plain(duration.Ticks / (double)TimeSpan.TicksPerMicrosecond)}us");
        return candidates.FirstOrDefault(c => ReadsBack(c, duration)) ?? text;
    }

    private static bool ReadsBack(string text, TimeSpan duration) => DurationText.TryParse(text, out var back) && back == duration;

    /// <summary>The shortest decimal text that reads back to the same double, without an exponent (the file's units take none).</summary>
    internal static string Plain(double value)
    {
        var r = value.ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOfAny(['E', 'e']);
        if (e < 0) return r;
        var exponent = int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = r[..e];
        var negative = mantissa.StartsWith('-');
        if (negative) mantissa = mantissa[1..];
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        var point = (dot < 0 ? mantissa.Length : dot) + exponent;
        var plain = point <= 0 ? $"0.{new string('0', -point)}{digits}"
            : point >= digits.Length ? digits + new string('0', point - digits.Length)
            : $"{digits[..point]}.{digits[point..]}";
        return negative ? "-" + plain : plain;
    }

    private static int Decimals(string plain)
    {
        var dot = plain.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? 0 : plain.Length - dot - 1;
    }

    /// <summary>Lines of YAML with two-space indentation, lists indented under their key as in the sample file.</summary>
    private sealed class YamlText
    {
        private readonly StringBuilder _text = new();

        public void Line(int indent, string text) => _text.Append(' ', indent).Append(text).Append('\n');

        public void Blank() => _text.Append('\n');

        public void Pair(int indent, string key, string value) => Line(indent, $"{key}: {value}");

        /// <summary>A list of scalars, already quoted for a flow context.</summary>
        public void List(int indent, string key, IEnumerable<string> items)
        {
            foreach (var line in ListLines(key, items.ToList())) Line(indent, line);
        }

        /// <summary>One item of a list of mappings: the first line after "- ", the others aligned with it.</summary>
        public void Item(int indent, IReadOnlyList<string> lines)
        {
            for (var i = 0; i < lines.Count; i++) Line(indent, (i == 0 ? "- " : "  ") + lines[i]);
        }

        /// <summary><c>key: [a, b]</c>, or one <c>- item</c> line each when that would be too long.</summary>
        public static IEnumerable<string> ListLines(string key, IReadOnlyList<string> items)
        {
            var flow = $"{key}: [{string.Join(", ", items)}]";
            if (flow.Length <= FlowLineLimit) return [flow];
            return [$"{key}:", .. items.Select(i => $"  - {i}")];
        }

        /// <summary><c>key: { a: 1, b: 2 }</c>, or one <c>a: 1</c> line each when that would be too long.</summary>
        public static IEnumerable<string> MapLines(string key, IReadOnlyList<(string Key, string Value)> entries)
        {
            var flow = $"{key}: {{ {string.Join(", ", entries.Select(e => $"{e.Key}: {e.Value}"))} }}";
            if (flow.Length <= FlowLineLimit) return [flow];
            return [$"{key}:", .. entries.Select(e => $"  {e.Key}: {e.Value}")];
        }

        public override string ToString() => _text.ToString();
    }
}
