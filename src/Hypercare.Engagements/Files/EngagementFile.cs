using Hypercare.Core;
using Hypercare.Core.Calendar;
using Hypercare.Core.Problems;
using Hypercare.Core.Units;
using Hypercare.Core.Yaml;
using Hypercare.Engagements.Access;
using Hypercare.Engagements.Catalog;
using Hypercare.Engagements.Lifecycle;
using Hypercare.Engagements.Objectives;
using Hypercare.Engagements.Requests;
using NodaTime;
using NodaTime.Text;
using YamlDotNet.RepresentationModel;

namespace Hypercare.Engagements.Files;

/// <summary>A loaded and validated <c>hypercare.yaml</c>.</summary>
/// <param name="Path">The file as given.</param>
/// <param name="Definition">The engagement it defines.</param>
/// <param name="Authorizations">Authorizations the customer already granted, with who and when.</param>
/// <param name="Prerequisites">Prerequisites the customer already provided, with who and when.</param>
/// <param name="Calendar">The business calendar the file's country or calendar file resolves to.</param>
public sealed record EngagementFile(
    string Path,
    EngagementDefinition Definition,
    IReadOnlyList<GrantedAuthorization> Authorizations,
    IReadOnlyList<ProvidedPrerequisite> Prerequisites,
    BusinessCalendar Calendar);

/// <summary>
/// Reads <c>hypercare.yaml</c> strictly: every unknown key, wrong type and impossible value is reported with
/// file, line and column, all at once, so that one run shows everything to fix.
/// </summary>
public static class EngagementFileLoader
{
    /// <summary>Sections that later modules will read; naming them gives a clear "not built yet" instead of "unknown".</summary>
    private static readonly Dictionary<string, string> FutureSections = new()
    {
        ["monitoring"] = "monitoring optimization",
        ["protection"] = "traffic protection planning",
        ["warroom"] = "the war room",
    };

    /// <summary>Sections of modules that exist but take their inputs on the command line in this version.</summary>
    private static readonly Dictionary<string, string> CommandLineSections = new()
    {
        ["inventory"] = "give the estate's paths to the command instead: hypercare inspect PATH --engagement FILE",
        ["databases"] = "give the logs and the database to the command instead: hypercare db digest LOG... --explain CONNECTION --engagement FILE",
    };

    /// <summary>Loads and validates a file.</summary>
    /// <exception cref="BadInputException">The file is missing or invalid; every problem is listed.</exception>
    public static EngagementFile Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException("file-unreadable", $"cannot read the engagement file: {e.Message}",
                "give the path of a hypercare.yaml (see samples/shop/hypercare.yaml)", new SourceLocation(path, 0, 0, null));
        }
        return Parse(path, text, System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)));
    }

    /// <summary>Parses and validates text; relative paths in it resolve from <paramref name="baseDirectory"/>.</summary>
    public static EngagementFile Parse(string path, string text, string? baseDirectory)
    {
        var (doc, root) = YamlDocumentReader.Parse(path, text);
        if (root is null) { doc.ThrowIfAny(); throw new BadInputException("empty-document", "the file is empty"); }
        var top = doc.Map(root, "");
        if (top is null) { doc.ThrowIfAny(); }

        var reader = new Reader(doc, baseDirectory ?? Directory.GetCurrentDirectory());
        var engagement = top!.Map("engagement", required: true, hint: "every engagement file starts with an 'engagement' section");
        var objectives = top.Map("objectives");
        var scope = top.Map("scope");
        var topology = top.Map("topology");
        // The stress section is read by the stress-testing engine (hypercare stress run --engagement FILE).
        top.Raw("stress");
        foreach (var (key, module) in FutureSections)
            if (top.Has(key))
                top.Error(key, "section-not-supported", $"the '{key}' section is read by {module}, which this version of Hypercare does not have yet", "remove the section for now");
        foreach (var (key, instead) in CommandLineSections)
            if (top.Has(key))
                top.Error(key, "section-not-supported", $"the '{key}' section is not read from the file in this version", instead);
        top.Done();

        var result = reader.Read(engagement, objectives, scope, topology);
        doc.ThrowIfAny();
        return result!;
    }

    private sealed class Reader(YamlDocumentReader doc, string baseDirectory)
    {
        public EngagementFile? Read(MapReader? e, MapReader? o, MapReader? s, MapReader? t)
        {
            var objectives = o is null ? null : Objectives(o);
            var scope = s is null ? Scope.Empty : ScopeOf(s);
            var topology = t is null ? Topology.Empty : TopologyOf(t);
            if (e is null) return null;

            var name = e.Text("name", required: true);
            var customer = e.Text("customer", required: true);
            var provider = e.Text("provider") ?? "Hypercare provider";
            var edition = e.Enum<Edition>("edition", required: true);
            var services = e.List("services", (node, path) => node is YamlScalarNode { Value: { Length: > 0 } v } ? e.EnumValue<ServiceKind>(node, v, path) : null)
                .Select(x => x!.Value).ToList();
            var negotiated = e.WholeNumber("negotiated_duration_days", min: 1, max: 366);
            var zoneName = e.Text("time_zone", required: true, hint: "an IANA time zone such as America/New_York");
            var zone = zoneName is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneName);
            if (zoneName is not null && zone is null)
            {
                var closest = Suggestions.Closest(zoneName, DateTimeZoneProviders.Tzdb.Ids);
                e.Error("time_zone", "invalid-value", $"'{zoneName}' is not an IANA time zone", closest is null ? "e.g. America/New_York, Europe/Berlin, Asia/Shanghai" : $"did you mean '{closest}'?");
            }
            var country = e.Text("country");
            var calendarFile = e.Text("calendar");
            var (calendar, calendarDocument) = Calendar(e, country, calendarFile);

            ServiceRequest? request = null;
            var r = e.Map("request", required: true, hint: "the service request's dates: submitted, order");
            if (r is not null)
            {
                var submitted = r.Date("submitted", required: true);
                var order = r.Date("order", required: true);
                var large = r.Boolean("large_resources") ?? false;
                r.Done();
                if (submitted is { } sub && order is { } ord)
                {
                    if (ord < sub) r.Error("order", "impossible-value", $"the order date {ord:yyyy-MM-dd} is before the request was submitted ({sub:yyyy-MM-dd})", "the request comes first; check both dates");
                    else request = new ServiceRequest(sub, ord, large);
                }
            }

            var phases = e.ListOfMaps("key_phases", KeyPhase, required: true, hint: "list the event's key phases with name, start and end");
            if (e.Has("key_phases") && phases.Count == 0 && e.Raw("key_phases") is YamlSequenceNode { Children.Count: 0 })
                e.Error("key_phases", "impossible-value", "the event has no key phases", "list at least one phase with name, start and end");
            var expires = e.Parsed<LocalDateTime>("expires", false, "a local date-time such as 2027-12-31T23:59", LocalDateTimeValue);

            var members = e.ListOfMaps("members", MemberOf);
            foreach (var dup in members.GroupBy(m => m.Email, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
                e.Error("members", "duplicate", $"{dup.Key} is listed {dup.Count()} times", "list each person once");
            var authorizations = e.ListOfMaps("authorizations", a =>
            {
                var kind = a.Enum<AuthorizationKind>("kind", required: true);
                var by = a.Text("granted_by", required: true);
                var at = a.Timestamp("granted_at", required: true);
                var reference = a.Text("reference");
                if (by is not null && !members.Any(m => m.IsNamedBy(by) && m.Role == MemberRole.CustomerProjectManager))
                    a.Error("granted_by", "not-allowed", $"'{by}' is not the customer's project manager in 'members'", "authorizations are granted by the customer's project manager");
                return kind is { } k && by is not null && at is { } when ? new GrantedAuthorization(k, by, when, reference) : null;
            });
            var prerequisites = e.ListOfMaps("prerequisites", p =>
            {
                var kind = p.Enum<PrerequisiteKind>("kind", required: true);
                var by = p.Text("provided_by", required: true);
                var at = p.Timestamp("provided_at", required: true);
                var note = p.Text("note");
                if (by is not null && !members.Any(m => m.IsNamedBy(by) && m.Party == Party.Customer && m.Role != MemberRole.Observer))
                    p.Error("provided_by", "not-allowed", $"'{by}' is not a customer member (other than an observer) in 'members'", "the customer provides prerequisites; name one of its project manager or engineers");
                return kind is { } k && by is not null && at is { } when ? new ProvidedPrerequisite(k, by, when, note) : null;
            });
            e.Done();

            if (edition == Edition.Custom)
            {
                if (services.Count == 0) e.Error("services", "missing-key", "a Custom edition lists the services it buys", "list them under 'services', e.g. [readiness-assessment, stress-testing]");
                if (negotiated is null) e.Error("negotiated_duration_days", "missing-key", "a Custom edition's service duration is negotiated", "give it as negotiated_duration_days");
            }
            else if (edition is { } fixedEdition)
            {
                foreach (var service in services.Where(x => !ServiceCatalog.Includes(fixedEdition, x)))
                    e.Error("services", "service-not-in-edition",
                        $"{ServiceCatalog.Entry(service).Title} is not included in the {fixedEdition} edition; the cheapest edition that includes it is {ServiceCatalog.CheapestEditionWith(service)}",
                        $"order the {ServiceCatalog.CheapestEditionWith(service)} edition, or a Custom edition");
                if (negotiated is not null) e.Error("negotiated_duration_days", "not-allowed", $"the {fixedEdition} edition has a fixed duration of {ServiceCatalog.MaxServiceDays(fixedEdition)} days", "remove negotiated_duration_days, or use the custom edition");
            }
            var max = edition is { } ed ? ServiceCatalog.MaxServiceDays(ed) ?? (int?)negotiated : null;
            var days = KeyPhases.ServiceDays(phases);
            if (max is { } limit && days > limit)
                e.Error("key_phases", "duration-exceeds-edition", $"the key phases cover {days} days but the {edition} edition's service lasts at most {limit} days",
                    "shorten the key phases, or order an edition with a longer service duration");
            if (expires is { } exp && phases.Count > 0 && exp < phases.Max(p => p.End))
                e.Error("expires", "impossible-value", $"the service expires ({exp:uuuu-MM-ddTHH:mm}) before the last key phase ends ({phases.Max(p => p.End):uuuu-MM-ddTHH:mm})", "the service runs at least until the event is over");

            if (name is null || customer is null || edition is null || zone is null || request is null || calendar is null || doc.Problems.Count > 0) return null;
            var definition = new EngagementDefinition(name, customer, provider, edition.Value,
                edition == Edition.Custom ? services : null, negotiated is { } n ? (int)n : null,
                country?.ToUpperInvariant(), calendarDocument,
                zoneName!, request, expires, phases, members, objectives, scope, topology);
            return new EngagementFile(doc.File, definition, authorizations, prerequisites, calendar);
        }

        private (BusinessCalendar?, CalendarDocument?) Calendar(MapReader e, string? country, string? file)
        {
            if (country is null && file is null)
            {
                e.Error("country", "missing-key", "the engagement needs a country (for business days and holidays) or a calendar file",
                    $"add 'country: US' (covered: {string.Join(", ", BusinessCalendars.PackageCountries)}) or 'calendar: holidays.yaml'");
                return (null, null);
            }
            try
            {
                // The text is kept with the engagement, so later checks never depend on the file staying where it was.
                var document = file is null ? null : CalendarDocument.Load(System.IO.Path.Combine(baseDirectory, file));
                return (BusinessCalendars.ResolveDocument(country, document), document);
            }
            catch (BadInputException ex)
            {
                foreach (var problem in ex.Problems)
                {
                    // A problem inside the calendar file keeps its own location; others point at the key that caused them.
                    if (problem.Location?.File is not null && problem.Location.Line > 0) doc.Add(problem);
                    else e.Error(file is not null ? "calendar" : "country", problem.Code, problem.Message, problem.Hint);
                }
                return (null, null);
            }
        }

        private KeyPhase? KeyPhase(MapReader p)
        {
            var name = p.Text("name", required: true);
            var start = p.Parsed<(LocalDateTime, bool)>("start", true, "a date (2027-11-25) or local date-time (2027-11-25T08:00)", DateOrDateTime);
            var end = p.Parsed<(LocalDateTime, bool)>("end", true, "a date (2027-11-30) or local date-time (2027-11-30T23:00)", DateOrDateTime);
            if (name is null || start is not { } s || end is not { } e) return null;
            // A date alone means the whole day: a phase ending 2027-11-30 includes the 30th.
            var endValue = e.Item2 ? e.Item1.PlusDays(1) : e.Item1;
            if (endValue <= s.Item1)
            {
                p.Error("end", "impossible-value", $"the phase '{name}' ends before it starts", "end is after start (a date alone means the whole day)");
                return null;
            }
            return new KeyPhase(name, s.Item1, endValue);
        }

        private static (bool, (LocalDateTime, bool), string?) DateOrDateTime(string text)
        {
            var date = LocalDatePattern.Iso.Parse(text);
            if (date.Success) return (true, (date.Value.AtMidnight(), true), null);
            var (ok, value, why) = LocalDateTimeValue(text);
            if (!ok && why is null && (text.EndsWith('Z') || text.Contains('+', StringComparison.Ordinal) || text.LastIndexOf('-') > 10))
                return (false, default, "write local time without an offset; the engagement's time_zone applies");
            return (ok, (value, false), why);
        }

        private static (bool, LocalDateTime, string?) LocalDateTimeValue(string text)
        {
            foreach (var pattern in new[] { LocalDateTimePattern.ExtendedIso, LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm"), LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm") })
            {
                var r = pattern.Parse(text);
                if (r.Success) return (true, r.Value, null);
            }
            return (false, default, null);
        }

        private static Member? MemberOf(MapReader m)
        {
            var name = m.Text("name", required: true);
            var email = m.Text("email", required: true);
            var role = m.Enum<MemberRole>("role", required: true);
            var party = m.Enum<Party>("party");
            if (email is not null && (!email.Contains('@', StringComparison.Ordinal) || email.StartsWith('@') || email.EndsWith('@')))
                m.Error("email", "invalid-value", $"'{email}' is not an e-mail address", "write name@domain");
            if (role is { } r && party is { } p && r != MemberRole.Observer && Member.PartyOf(r) != p)
                m.Error("party", "impossible-value", $"a {KebabCase.Of(r)} is on the {KebabCase.Of(Member.PartyOf(r))} side, not the {KebabCase.Of(p)} side", "remove 'party' (it follows from the role) or fix the role");
            return name is null || email is null || role is null ? null : new Member(name, email, role.Value, party ?? Member.PartyOf(role.Value));
        }

        private static BusinessObjectives? Objectives(MapReader o)
        {
            var peak = o.Rate("peak_rps", required: true);
            var users = o.WholeNumber("peak_concurrent_users", required: true, min: 1);
            var latency = Latency(o.Map("latency"));
            var budget = o.Percentage("error_budget", max: 100);
            var ramp = Ramp(o);
            var egress = o.Bandwidth("peak_egress");
            var apis = o.ListOfMaps("apis", a =>
            {
                var name = a.Text("name", required: true);
                var method = a.Text("method") ?? "GET";
                if (!new[] { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS" }.Contains(method.ToUpperInvariant()))
                    a.Error("method", "invalid-value", $"'{method}' is not an HTTP method", "GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS");
                var path = a.Text("path", required: true);
                if (path is not null && !path.StartsWith('/')) a.Error("path", "invalid-value", $"'{path}' is not a path", "start it with '/'");
                var rate = a.Rate("peak_rps");
                if (rate is { } rr && peak is { } pk && rr.PerSecond > pk.PerSecond)
                    a.Error("peak_rps", "impossible-value", $"this API's peak {rr} is above the whole system's peak {pk}", "an API's share cannot exceed objectives.peak_rps");
                var slos = Latency(a.Map("latency"));
                return name is null || path is null ? null : new ApiTarget(name, method.ToUpperInvariant(), path, rate, slos);
            });
            o.Done();
            return peak is null || users is null ? null : new BusinessObjectives(peak.Value, users.Value, latency, budget, ramp, egress, apis);
        }

        private static TrafficRamp? Ramp(MapReader o)
        {
            var node = o.Raw("ramp");
            if (node is null) return null;
            if (node is YamlScalarNode { Value: { } text })
            {
                // "10x in 10m"
                var m = System.Text.RegularExpressions.Regex.Match(text.Trim(), @"^(?<f>[0-9]+(\.[0-9]+)?)\s*x\s+in\s+(?<d>\S+)$");
                if (m.Success && DurationText.TryParse(m.Groups["d"].Value, out var within) && within > TimeSpan.Zero)
                {
                    var factor = double.Parse(m.Groups["f"].Value, System.Globalization.CultureInfo.InvariantCulture);
                    if (factor > 1) return new TrafficRamp(factor, within);
                    o.Error("ramp", "impossible-value", $"a ramp factor of {factor} is not a climb", "the factor is above 1, e.g. 10x in 10m");
                    return null;
                }
                o.Error("ramp", "wrong-type", $"'{text}' is not a ramp", "write e.g. '10x in 10m' or {factor: 10, within: 10m}");
                return null;
            }
            var map = o.Map("ramp");
            if (map is null) return null;
            var f = map.Number("factor", required: true, min: 1.0000001);
            var w = map.Duration("within", required: true);
            map.Done();
            return f is { } ff && w is { } ww ? new TrafficRamp(ff, ww) : null;
        }

        private static IReadOnlyList<LatencySlo> Latency(MapReader? map)
        {
            if (map is null) return [];
            var slos = new List<LatencySlo>();
            foreach (var (keyNode, _) in map.Node.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value ?? "";
                var m = System.Text.RegularExpressions.Regex.Match(key, @"^p(?<p>[0-9]{1,2}(\.[0-9]+)?)$");
                if (!m.Success) continue; // Done() reports it
                var percentile = double.Parse(m.Groups["p"].Value, System.Globalization.CultureInfo.InvariantCulture);
                var value = map.Duration(key, required: true);
                if (value is { } v) slos.Add(new LatencySlo(percentile, v));
            }
            if (map.Node.Children.Count == 0) map.Document.Add(map.Node, "impossible-value", "no latency objective is given", "write e.g. p99: 300ms", map.Path);
            var sorted = slos.OrderBy(x => x.Percentile).ToList();
            for (var j = 1; j < sorted.Count; j++)
            {
                if (sorted[j].Threshold >= sorted[j - 1].Threshold) continue;
                map.Error($"p{sorted[j].Percentile}", "impossible-value",
                    $"p{sorted[j].Percentile} ({DurationText.Format(sorted[j].Threshold)}) is below p{sorted[j - 1].Percentile} ({DurationText.Format(sorted[j - 1].Threshold)})",
                    "a higher percentile cannot be faster than a lower one");
                break;
            }
            foreach (var (keyNode, _) in map.Node.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value ?? "";
                if (!System.Text.RegularExpressions.Regex.IsMatch(key, @"^p[0-9]{1,2}(\.[0-9]+)?$"))
                    map.Document.Add(keyNode, "unknown-key", $"unknown key '{key}'", "latency objectives are written pNN: duration, e.g. p95: 150ms, p99.9: 1s", map.PathOf(key));
            }
            return slos;
        }

        private static Scope ScopeOf(MapReader s)
        {
            var targets = s.ListOfMaps("targets", t =>
            {
                var url = t.Text("url", required: true);
                var note = t.Text("note");
                var uri = url is null ? null : HttpUrl(t, "url", url);
                return uri is null ? null : new ScopeTarget(uri, note);
            });
            var hosts = s.Strings("hosts");
            var ports = s.List("ports", (node, path) =>
            {
                if (node is YamlScalarNode { Value: { } v } && int.TryParse(v, out var port) && port is >= 1 and <= 65535) return (int?)port;
                s.Document.Add(node, "invalid-value", $"'{(node as YamlScalarNode)?.Value}' is not a TCP port", "a port is a whole number from 1 to 65535", path);
                return null;
            }).Select(p => p!.Value).ToList();
            StressEnvironment? environment = null;
            var env = s.Map("stress_environment");
            if (env is not null)
            {
                var description = env.Text("description", required: true);
                var baseUrl = env.Text("base_url");
                var uri = baseUrl is null ? null : HttpUrl(env, "base_url", baseUrl);
                env.Done();
                if (description is not null) environment = new StressEnvironment(description, uri);
            }
            var token = s.Text("verification_token");
            if (token is not null && (token.Length < 16 || token.Any(char.IsWhiteSpace)))
                s.Error("verification_token", "invalid-value", "a verification token has at least 16 characters and no spaces", "generate one, e.g. with: openssl rand -hex 16");
            s.Done();
            return new Scope(targets, hosts, ports, environment, token);
        }

        private static Uri? HttpUrl(MapReader map, string key, string text)
        {
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)) return uri;
            map.Error(key, "invalid-value", $"'{text}' is not an http or https URL", "write the full URL, e.g. http://127.0.0.1:8080");
            return null;
        }

        private static Topology TopologyOf(MapReader t)
        {
            var tiers = t.ListOfMaps("tiers", tier =>
            {
                var name = tier.Text("name", required: true);
                var role = tier.Enum<TierRole>("role", required: true);
                var instances = tier.WholeNumber("instances", required: true, min: 0, max: 100_000);
                Scaling? scaling = null;
                var sc = tier.Map("scaling");
                if (sc is not null)
                {
                    var min = sc.WholeNumber("min", required: true, min: 0, max: 100_000);
                    var max = sc.WholeNumber("max", required: true, min: 0, max: 100_000);
                    var time = sc.Duration("scale_out_time");
                    sc.Done();
                    if (min is { } mn && max is { } mx)
                    {
                        if (mx < mn) sc.Error("max", "impossible-value", $"max ({mx}) is below min ({mn})", "max is at least min");
                        else if (instances is { } i && (i < mn || i > mx)) tier.Error("instances", "impossible-value", $"{i} instances is outside the scaling range {mn}..{mx}", "instances lie between scaling.min and scaling.max");
                        else scaling = new Scaling((int)mn, (int)mx, time);
                    }
                }
                var pools = new Dictionary<string, long>(StringComparer.Ordinal);
                var pm = tier.Map("pools");
                if (pm is not null)
                {
                    foreach (var (k, _) in pm.Node.Children)
                        if (k is YamlScalarNode { Value: { } key } && pm.WholeNumber(key, min: 1) is { } size) pools[key] = size;
                    pm.Done();
                }
                var metrics = tier.Strings("metrics").Select(m => HttpUrl(tier, "metrics", m)).OfType<Uri>().ToList();
                var zones = tier.Strings("zones");
                return name is null || role is null || instances is null ? null : new Tier(name, role.Value, (int)instances.Value, scaling, pools, metrics, zones);
            }, required: true, hint: "list the tiers with name, role and instances");
            foreach (var dup in tiers.GroupBy(x => x.Name).Where(g => g.Count() > 1))
                t.Error("tiers", "duplicate", $"the tier name '{dup.Key}' is used {dup.Count()} times", "give each tier its own name");
            t.Done();
            return new Topology(tiers);
        }
    }
}
