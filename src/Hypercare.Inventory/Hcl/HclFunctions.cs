using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text;
using Hypercare.Core.Problems;
using Hypercare.Inventory.Graph;

namespace Hypercare.Inventory.Hcl;

/// <summary>
/// Terraform's common functions, evaluated the way Terraform does for known values. An unknown argument makes the
/// result unknown; a function that needs the outside world (<c>file</c>, <c>timestamp</c>, <c>uuid</c>...) or is not
/// listed here yields an unknown value, never a guess.
/// </summary>
public static class HclFunctions
{
    /// <summary>The functions evaluated.</summary>
    public static IReadOnlyCollection<string> Supported => Table.Keys;

    private delegate Value Fn(IReadOnlyList<Value> a, SourceLocation at, Action<string> error);

    private static readonly Dictionary<string, Fn> Table = new(StringComparer.Ordinal)
    {
        ["length"] = (a, at, e) => Arity(a, 1, e) ? a[0].Kind switch
        {
            ValueKind.List => Value.Of(a[0].Items.Count, at),
            ValueKind.Map => Value.Of(a[0].Members.Count, at),
            ValueKind.Text => Value.Of(new StringInfo(a[0].AsString!).LengthInTextElements, at),
            _ => Fail(e, "needs a list, map or string"),
        } : Value.Unknown(null, at),
        ["lookup"] = (a, at, e) => a.Count is 2 or 3 && a[0].Kind == ValueKind.Map && HclEvaluator.TryString(a[1], out var key)
            ? a[0][key] ?? (a.Count == 3 ? a[2] : Fail(e, $"the map has no key '{key}' and no default was given"))
            : Fail(e, "needs a map, a key and an optional default"),
        ["merge"] = (a, at, e) =>
        {
            var members = new List<KeyValuePair<string, Value>>();
            foreach (var m in a.Where(x => x.Kind != ValueKind.Null))
            {
                if (m.Kind != ValueKind.Map) return Fail(e, "needs maps or objects");
                foreach (var kv in m.Members) { members.RemoveAll(x => x.Key == kv.Key); members.Add(kv); }
            }
            return Value.Map(members, at);
        },
        ["concat"] = (a, at, e) => a.All(x => x.Kind == ValueKind.List) ? Value.List(a.SelectMany(x => x.Items).ToList(), at) : Fail(e, "needs lists"),
        ["element"] = (a, at, e) => Arity(a, 2, e) && a[0].Kind == ValueKind.List && HclEvaluator.ToNumber(a[1]) is { } i
            ? a[0].Items.Count == 0 ? Fail(e, "cannot take an element of an empty list") : a[0].Items[(int)(Math.Floor(i) % a[0].Items.Count + a[0].Items.Count) % a[0].Items.Count]
            : Fail(e, "needs a list and an index"),
        ["join"] = (a, at, e) => Arity(a, 2, e) && HclEvaluator.TryString(a[0], out var sep) && a[1].Kind == ValueKind.List
            ? Strings(a[1].Items, e) is { } items ? Value.Of(string.Join(sep, items), at) : Value.Unknown(null, at)
            : Fail(e, "needs a separator and a list of strings"),
        ["split"] = (a, at, e) => Arity(a, 2, e) && HclEvaluator.TryString(a[0], out var sep) && HclEvaluator.TryString(a[1], out var s)
            ? Value.List(s.Split(sep).Select(x => Value.Of(x)).ToList(), at) : Fail(e, "needs a separator and a string"),
        ["format"] = (a, at, e) => a.Count >= 1 && HclEvaluator.TryString(a[0], out var spec) ? Format(spec, a.Skip(1).ToList(), at, e) : Fail(e, "needs a format string"),
        ["tostring"] = (a, at, e) => Arity(a, 1, e) && (a[0].Kind == ValueKind.Null || HclEvaluator.TryString(a[0], out _))
            ? a[0].Kind == ValueKind.Null ? a[0] : Value.Of(Str(a[0]), at) : Fail(e, "needs a string, number or bool"),
        ["tonumber"] = (a, at, e) => Arity(a, 1, e) && HclEvaluator.ToNumber(a[0]) is { } n ? Value.Of(n, at) : a.Count == 1 && a[0].Kind == ValueKind.Null ? a[0] : Fail(e, "needs a number or a string holding one"),
        ["tobool"] = (a, at, e) => Arity(a, 1, e) ? a[0].Kind == ValueKind.Bool ? a[0] : a[0].AsString is "true" or "false" ? Value.Of(a[0].AsString == "true", at) : Fail(e, "needs a bool") : Value.Unknown(null, at),
        ["tolist"] = (a, at, e) => Arity(a, 1, e) && a[0].Kind == ValueKind.List ? a[0] : Fail(e, "needs a list or set"),
        ["toset"] = (a, at, e) => Arity(a, 1, e) && a[0].Kind == ValueKind.List ? Value.List(Distinct(a[0].Items), at) : Fail(e, "needs a list"),
        ["tomap"] = (a, at, e) => Arity(a, 1, e) && a[0].Kind == ValueKind.Map ? a[0] : Fail(e, "needs an object"),
        ["distinct"] = (a, at, e) => Arity(a, 1, e) && a[0].Kind == ValueKind.List ? Value.List(Distinct(a[0].Items), at) : Fail(e, "needs a list"),
        ["flatten"] = (a, at, e) => Arity(a, 1, e) && a[0].Kind == ValueKind.List ? Value.List(Flatten(a[0].Items).ToList(), at) : Fail(e, "needs a list"),
        ["compact"] = (a, at, e) => Arity(a, 1, e) && a[0].Kind == ValueKind.List ? Value.List(a[0].Items.Where(x => x.Kind != ValueKind.Null && x.AsString != "").ToList(), at) : Fail(e, "needs a list of strings"),
        ["index"] = (a, at, e) => Arity(a, 2, e) && a[0].Kind == ValueKind.List
            ? a[0].Items.ToList().FindIndex(x => x.Equals(a[1])) is var i and >= 0 ? Value.Of(i, at) : Fail(e, "the value is not in the list")
            : Fail(e, "needs a list and a value"),
        ["contains"] = (a, at, e) => Arity(a, 2, e) && a[0].Kind == ValueKind.List ? Value.Of(a[0].Items.Any(x => x.Equals(a[1])), at) : Fail(e, "needs a list and a value"),
        ["keys"] = (a, at, e) => Arity(a, 1, e) && a[0].Kind == ValueKind.Map ? Value.List(a[0].Members.Select(m => m.Key).Order(StringComparer.Ordinal).Select(k => Value.Of(k)).ToList(), at) : Fail(e, "needs a map"),
        ["values"] = (a, at, e) => Arity(a, 1, e) && a[0].Kind == ValueKind.Map ? Value.List(a[0].Members.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => m.Value).ToList(), at) : Fail(e, "needs a map"),
        ["zipmap"] = (a, at, e) => Arity(a, 2, e) && a[0].Kind == ValueKind.List && a[1].Kind == ValueKind.List && a[0].Items.Count == a[1].Items.Count && Strings(a[0].Items, e) is { } ks
            ? Value.Map(ks.Zip(a[1].Items).Select(p => new KeyValuePair<string, Value>(p.First, p.Second)).ToList(), at) : Fail(e, "needs two lists of the same length"),
        ["range"] = (a, at, e) => Range(a, at, e),
        ["coalesce"] = (a, at, e) => a.FirstOrDefault(x => x.Kind != ValueKind.Null && x.AsString != "") ?? Fail(e, "every argument is null or empty"),
        ["coalescelist"] = (a, at, e) => a.FirstOrDefault(x => x.Kind == ValueKind.List && x.Items.Count > 0) ?? Fail(e, "every list is empty"),
        ["try"] = (a, at, e) => a.FirstOrDefault(x => x.IsWhollyKnown) ?? Value.Unknown(null, at),
        ["lower"] = (a, at, e) => Text(a, at, e, s => s.ToLowerInvariant()),
        ["upper"] = (a, at, e) => Text(a, at, e, s => s.ToUpperInvariant()),
        ["trimspace"] = (a, at, e) => Text(a, at, e, s => s.Trim()),
        ["title"] = (a, at, e) => Text(a, at, e, s => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(s)),
        ["replace"] = (a, at, e) => a.Count == 3 && a.All(x => HclEvaluator.TryString(x, out _))
            ? Value.Of(Str(a[0]).Replace(Str(a[1]), Str(a[2]), StringComparison.Ordinal), at) : Fail(e, "needs a string, a substring and a replacement"),
        ["substr"] = (a, at, e) => a.Count == 3 && HclEvaluator.TryString(a[0], out var s) && HclEvaluator.ToNumber(a[1]) is { } off && HclEvaluator.ToNumber(a[2]) is { } len
            ? Value.Of(Substring(s, (int)off, (int)len), at) : Fail(e, "needs a string, an offset and a length"),
        ["startswith"] = (a, at, e) => a.Count == 2 && HclEvaluator.TryString(a[0], out var s) && HclEvaluator.TryString(a[1], out var p) ? Value.Of(s.StartsWith(p, StringComparison.Ordinal), at) : Fail(e, "needs two strings"),
        ["endswith"] = (a, at, e) => a.Count == 2 && HclEvaluator.TryString(a[0], out var s) && HclEvaluator.TryString(a[1], out var p) ? Value.Of(s.EndsWith(p, StringComparison.Ordinal), at) : Fail(e, "needs two strings"),
        ["min"] = (a, at, e) => Numbers(a, e) is { Count: > 0 } n ? Value.Of(n.Min(), at) : Fail(e, "needs numbers"),
        ["max"] = (a, at, e) => Numbers(a, e) is { Count: > 0 } n ? Value.Of(n.Max(), at) : Fail(e, "needs numbers"),
        ["sum"] = (a, at, e) => Arity(a, 1, e) && a[0].Kind == ValueKind.List && Numbers(a[0].Items, e) is { } n ? Value.Of(n.Sum(), at) : Fail(e, "needs a list of numbers"),
        ["abs"] = (a, at, e) => Arity(a, 1, e) && HclEvaluator.ToNumber(a[0]) is { } n ? Value.Of(Math.Abs(n), at) : Fail(e, "needs a number"),
        ["ceil"] = (a, at, e) => Arity(a, 1, e) && HclEvaluator.ToNumber(a[0]) is { } n ? Value.Of(Math.Ceiling(n), at) : Fail(e, "needs a number"),
        ["floor"] = (a, at, e) => Arity(a, 1, e) && HclEvaluator.ToNumber(a[0]) is { } n ? Value.Of(Math.Floor(n), at) : Fail(e, "needs a number"),
        ["cidrsubnet"] = (a, at, e) => a.Count == 3 && HclEvaluator.TryString(a[0], out var prefix) && HclEvaluator.ToNumber(a[1]) is { } bits && HclEvaluator.ToNumber(a[2]) is { } num
            ? CidrSubnet(prefix, (int)bits, new BigInteger(num), at, e) : Fail(e, "needs a CIDR prefix, new bits and a network number"),
        ["cidrhost"] = (a, at, e) => a.Count == 2 && HclEvaluator.TryString(a[0], out var prefix) && HclEvaluator.ToNumber(a[1]) is { } host
            ? CidrHost(prefix, new BigInteger(host), at, e) : Fail(e, "needs a CIDR prefix and a host number"),
    };

    /// <summary>Calls a function; errors go to <paramref name="error"/> and give an unknown value.</summary>
    public static Value Call(string name, IReadOnlyList<Value> arguments, SourceLocation at, Action<string> error)
    {
        if (!Table.TryGetValue(name, out var fn)) return Value.Unknown($"{name}()", at);
        if (name != "try" && arguments.Any(a => a.Kind == ValueKind.Unknown)) return Value.Unknown(arguments.First(a => a.Kind == ValueKind.Unknown).Reference, at);
        var failed = false;
        var result = fn(arguments, at, m => { failed = true; error(m); });
        return failed ? Value.Unknown(null, at) : result.Location is null ? result.At(at) : result;
    }

    private static bool Arity(IReadOnlyList<Value> a, int n, Action<string> error)
    {
        if (a.Count == n) return true;
        error($"takes {n} argument{(n == 1 ? "" : "s")}, not {a.Count}");
        return false;
    }

    private static Value Fail(Action<string> error, string message)
    {
        error(message);
        return Value.Unknown();
    }

    private static string Str(Value v) => HclEvaluator.TryString(v, out var s) ? s : "";

    private static Value Text(IReadOnlyList<Value> a, SourceLocation at, Action<string> e, Func<string, string> f) =>
        Arity(a, 1, e) && HclEvaluator.TryString(a[0], out var s) ? Value.Of(f(s), at) : Fail(e, "needs a string");

    private static List<string>? Strings(IEnumerable<Value> items, Action<string> error)
    {
        var list = new List<string>();
        foreach (var i in items)
        {
            if (i.Kind == ValueKind.Unknown) return null;
            if (!HclEvaluator.TryString(i, out var s)) { error("needs strings"); return null; }
            list.Add(s);
        }
        return list;
    }

    private static List<decimal>? Numbers(IEnumerable<Value> items, Action<string> error)
    {
        var list = new List<decimal>();
        foreach (var i in items)
        {
            if (HclEvaluator.ToNumber(i) is not { } n) { error("needs numbers"); return null; }
            list.Add(n);
        }
        return list;
    }

    private static List<Value> Distinct(IEnumerable<Value> items)
    {
        var result = new List<Value>();
        foreach (var i in items) if (!result.Any(r => r.Equals(i))) result.Add(i);
        return result;
    }

    private static IEnumerable<Value> Flatten(IEnumerable<Value> items) =>
        items.SelectMany(i => i.Kind == ValueKind.List ? Flatten(i.Items) : [i]);

    private static string Substring(string s, int offset, int length)
    {
        var runes = s.EnumerateRunes().ToList();
        if (offset < 0) offset = Math.Max(0, runes.Count + offset);
        offset = Math.Min(offset, runes.Count);
        var count = length < 0 ? runes.Count - offset : Math.Min(length, runes.Count - offset);
        return string.Concat(runes.Skip(offset).Take(count).Select(r => r.ToString()));
    }

    private static Value Range(IReadOnlyList<Value> a, SourceLocation at, Action<string> e)
    {
        var n = Numbers(a, e);
        if (n is null || n.Count is 0 or > 3) return Fail(e, "takes 1 to 3 numbers");
        var (start, end, step) = n.Count switch { 1 => (0m, n[0], 1m), 2 => (n[0], n[1], 1m), _ => (n[0], n[1], n[2]) };
        if (step == 0 || Math.Abs((end - start) / step) > 1024) return Fail(e, "the step must not be zero and the range at most 1024 long");
        var items = new List<Value>();
        for (var x = start; step > 0 ? x < end : x > end; x += step) items.Add(Value.Of(x));
        return Value.List(items, at);
    }

    private static Value Format(string spec, IReadOnlyList<Value> args, SourceLocation at, Action<string> error)
    {
        var b = new StringBuilder();
        var next = 0;
        for (var i = 0; i < spec.Length; i++)
        {
            if (spec[i] != '%') { b.Append(spec[i]); continue; }
            if (++i >= spec.Length) return Fail(error, "the format ends with a lone %");
            if (spec[i] == '%') { b.Append('%'); continue; }
            var left = false;
            var zero = false;
            while (i < spec.Length && spec[i] is '-' or '0' or '+' or ' ' or '#') { left |= spec[i] == '-'; zero |= spec[i] == '0'; i++; }
            var width = 0;
            while (i < spec.Length && char.IsAsciiDigit(spec[i])) width = width * 10 + (spec[i++] - '0');
            int? precision = null;
            if (i < spec.Length && spec[i] == '.')
            {
                i++;
                precision = 0;
                while (i < spec.Length && char.IsAsciiDigit(spec[i])) precision = precision * 10 + (spec[i++] - '0');
            }
            if (i >= spec.Length) return Fail(error, "the format ends inside a verb");
            if (next >= args.Count) return Fail(error, $"the format has more verbs than the {args.Count} values given");
            var v = args[next++];
            string text;
            switch (spec[i])
            {
                case 's' or 'v':
                    text = v.Kind is ValueKind.List or ValueKind.Map ? v.ToString() : Str(v);
                    break;
                case 'q':
                    text = "\"" + Str(v).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
                    break;
                case 'd':
                    if (HclEvaluator.ToNumber(v) is not { } d || d != Math.Floor(d)) return Fail(error, "%d needs a whole number");
                    text = d.ToString(CultureInfo.InvariantCulture);
                    break;
                case 'f' or 'e' or 'g':
                    if (HclEvaluator.ToNumber(v) is not { } f) return Fail(error, $"%{spec[i]} needs a number");
                    text = spec[i] == 'f' ? f.ToString("F" + (precision ?? 6).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : ((double)f).ToString(CultureInfo.InvariantCulture);
                    break;
                case 't':
                    if (v.AsBool is not { } t) return Fail(error, "%t needs a bool");
                    text = t ? "true" : "false";
                    break;
                case 'x' or 'X':
                    if (HclEvaluator.ToNumber(v) is not { } x) return Fail(error, "%x needs a number");
                    text = ((long)x).ToString(spec[i] == 'x' ? "x" : "X", CultureInfo.InvariantCulture);
                    break;
                default:
                    return Fail(error, $"'%{spec[i]}' is not a format verb");
            }
            if (text.Length < width) text = left ? text.PadRight(width) : zero ? text.PadLeft(width, '0') : text.PadLeft(width);
            b.Append(text);
        }
        return Value.Of(b.ToString(), at);
    }

    private static bool TryPrefix(string prefix, out byte[] address, out int length)
    {
        address = [];
        length = 0;
        var slash = prefix.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(prefix[..slash], out var ip) || !int.TryParse(prefix[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out length)) return false;
        address = ip.GetAddressBytes();
        return length <= address.Length * 8;
    }

    private static Value CidrSubnet(string prefix, int newBits, BigInteger number, SourceLocation at, Action<string> error)
    {
        if (!TryPrefix(prefix, out var bytes, out var length)) return Fail(error, $"'{prefix}' is not a CIDR prefix such as 10.0.0.0/16");
        var total = bytes.Length * 8;
        var newLength = length + newBits;
        if (newBits < 0 || newLength > total) return Fail(error, $"{newBits} new bits do not fit in the {total - length} bits left in {prefix}");
        if (number < 0 || number >= BigInteger.One << newBits) return Fail(error, $"network number {number} does not fit in {newBits} bits");
        var value = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        var mask = ((BigInteger.One << length) - 1) << (total - length);
        value = (value & mask) | (number << (total - newLength));
        return Value.Of($"{ToAddress(value, bytes.Length)}/{newLength}", at);
    }

    private static Value CidrHost(string prefix, BigInteger host, SourceLocation at, Action<string> error)
    {
        if (!TryPrefix(prefix, out var bytes, out var length)) return Fail(error, $"'{prefix}' is not a CIDR prefix such as 10.0.0.0/16");
        var total = bytes.Length * 8;
        var size = BigInteger.One << (total - length);
        if (host < 0) host += size;
        if (host < 0 || host >= size) return Fail(error, $"host number {host} does not fit in {prefix}");
        var value = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        var mask = ((BigInteger.One << length) - 1) << (total - length);
        return Value.Of(ToAddress((value & mask) | host, bytes.Length), at);
    }

    private static string ToAddress(BigInteger value, int size)
    {
        var raw = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var bytes = new byte[size];
        Array.Copy(raw, 0, bytes, size - raw.Length, raw.Length);
        return new IPAddress(bytes).ToString();
    }
}
