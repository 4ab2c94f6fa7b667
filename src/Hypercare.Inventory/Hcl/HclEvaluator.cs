using System.Globalization;
using System.Text;
using Hypercare.Core.Problems;
using Hypercare.Inventory.Graph;

namespace Hypercare.Inventory.Hcl;

/// <summary>
/// What names mean while evaluating: <c>var</c>, <c>local</c>, <c>count</c>, <c>each</c>, for variables, and other
/// resources. A name that cannot be resolved here yields an unknown value that keeps the reference.
/// </summary>
public interface IHclScope
{
    /// <summary>
    /// Resolves a traversal from a root name, e.g. (<c>var</c>, [<c>cidr</c>]) or (<c>alicloud_vpc</c>, [<c>main</c>,
    /// <c>cidr_block</c>]). Returns the value and how many steps of the path it consumed, or null when the root is not
    /// known at all.
    /// </summary>
    (Value Value, int Consumed)? Resolve(string root, IReadOnlyList<string> path, HclRange range);
}

/// <summary>
/// Evaluates HCL expressions to <see cref="Value"/>s: literals, templates with directives, collections, operators,
/// conditionals, for expressions, splats and the common Terraform functions. What cannot be known (a computed
/// attribute, an unknown function) is explicitly unknown, never guessed; an unknown operand makes the result unknown.
/// </summary>
public sealed class HclEvaluator(IHclScope scope, List<Problem> problems)
{
    private readonly Dictionary<string, Value> _locals = new(StringComparer.Ordinal);

    /// <summary>Evaluates an expression.</summary>
    public Value Evaluate(HclExpression e) => e switch
    {
        HclLiteral l => Literal(l),
        HclTemplate t => Template(t),
        HclTuple t => Value.List(t.Items.Select(Evaluate).ToList(), At(t.Range)),
        HclObject o => Object(o),
        HclParentheses p => Evaluate(p.Inner),
        HclVariable or HclGetAttr or HclIndex => Traversal(e),
        HclSplat s => Splat(s),
        HclCall c => Call(c),
        HclConditional c => Conditional(c),
        HclBinary b => Binary(b),
        HclUnary u => Unary(u),
        HclFor f => For(f),
        HclSplatItem => _locals.TryGetValue("@", out var item) ? item : Value.Unknown(null, At(e.Range)),
        _ => Value.Unknown(null, At(e.Range)),
    };

    private static Value Literal(HclLiteral l) => l.Kind switch
    {
        HclLiteralKind.Bool => Value.Of(l.Text == "true", At(l.Range)),
        HclLiteralKind.Null => Value.Null(At(l.Range)),
        _ => decimal.TryParse(l.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? Value.Of(n, At(l.Range)) : Value.Unknown(null, At(l.Range)),
    };

    private Value Template(HclTemplate t)
    {
        // "${x}" alone is x itself, not its string form.
        if (t.Parts is [HclInterpolation only]) return Evaluate(only.Expression).At(At(t.Range));
        var text = Render(t.Parts, out var unknown);
        return unknown is not null ? Value.Unknown(unknown, At(t.Range)) : Value.Of(text, At(t.Range));
    }

    private string Render(IReadOnlyList<HclTemplatePart> parts, out string? unknownReference)
    {
        var b = new StringBuilder();
        unknownReference = null;
        foreach (var part in parts)
        {
            switch (part)
            {
                case HclTemplateText text:
                    b.Append(text.Text);
                    break;
                case HclInterpolation i:
                    var v = Evaluate(i.Expression);
                    if (!TryString(v, out var s)) { unknownReference ??= v.Reference ?? ""; continue; }
                    b.Append(s);
                    break;
                case HclTemplateIf d:
                    var condition = Evaluate(d.Condition);
                    if (condition.AsBool is not { } yes) { unknownReference ??= condition.Reference ?? ""; continue; }
                    b.Append(Render(yes ? d.Then : d.Else, out var inner));
                    unknownReference ??= inner;
                    break;
                case HclTemplateFor f:
                    var collection = Evaluate(f.Collection);
                    if (!collection.IsWhollyKnown && collection.Kind == ValueKind.Unknown) { unknownReference ??= collection.Reference ?? ""; continue; }
                    foreach (var (key, value) in Elements(collection))
                    {
                        using var _ = Bind(f.KeyVariable, key, f.ValueVariable, value);
                        b.Append(Render(f.Body, out var innerFor));
                        unknownReference ??= innerFor;
                    }
                    break;
            }
        }
        return b.ToString();
    }

    private Value Object(HclObject o)
    {
        var members = new List<KeyValuePair<string, Value>>();
        foreach (var item in o.Items)
        {
            string? key = item.BareKey;
            if (key is null)
            {
                var k = Evaluate(item.KeyExpression!);
                if (!TryString(k, out key)) return Value.Unknown(k.Reference, At(o.Range));
            }
            members.RemoveAll(m => m.Key == key);
            members.Add(new(key, Evaluate(item.Value)));
        }
        return Value.Map(members, At(o.Range));
    }

    private Value Traversal(HclExpression e)
    {
        // Flatten a.b["c"][0] into a root and steps; evaluate index keys.
        var steps = new List<object>();
        var node = e;
        while (true)
        {
            if (node is HclGetAttr g) { steps.Insert(0, g.Name); node = g.Source; continue; }
            if (node is HclIndex i)
            {
                var key = Evaluate(i.Key);
                if (key.Kind == ValueKind.Unknown) return Value.Unknown(key.Reference, At(e.Range));
                steps.Insert(0, key.AsString is { } s ? s : (object)(key.AsNumber ?? 0));
                node = i.Source;
                continue;
            }
            break;
        }
        Value current;
        var consumed = 0;
        if (node is HclVariable v)
        {
            if (_locals.TryGetValue(v.Name, out var bound)) current = bound;
            else
            {
                var names = steps.TakeWhile(s => s is string).Cast<string>().ToList();
                var resolved = scope.Resolve(v.Name, names, e.Range);
                if (resolved is null)
                {
                    problems.Add(new Problem("unknown-name", $"'{v.Name}' is not a known name here", new SourceLocation(v.Range.File, v.Range.Start.Line, v.Range.Start.Column, null),
                        "names are var., local., module., data., count., each., a resource type, or a for variable"));
                    return Value.Unknown(Text(v.Name, steps), At(e.Range));
                }
                (current, consumed) = resolved.Value;
            }
        }
        else current = Evaluate(node);
        foreach (var step in steps.Skip(consumed))
        {
            if (current.Kind == ValueKind.Unknown) return Value.Unknown(current.Reference, At(e.Range));
            current = step switch
            {
                string name when current.Kind == ValueKind.Map => current[name] ?? (current.IsInstance ? Value.Unknown($"{current.Reference}.{name}", At(e.Range)) : Missing(e, $"has no attribute '{name}'")),
                decimal n when current.Kind == ValueKind.List => n >= 0 && n < current.Items.Count && n == Math.Floor(n) ? current.Items[(int)n] : Missing(e, $"has no element {n}"),
                string s when current.Kind == ValueKind.List && int.TryParse(s, out var i) => i >= 0 && i < current.Items.Count ? current.Items[i] : Missing(e, $"has no element {i}"),
                decimal n when current.Kind == ValueKind.Map => current[n.ToString(CultureInfo.InvariantCulture)] ?? Missing(e, $"has no key {n}"),
                _ => Missing(e, $"cannot be indexed with {step}"),
            };
        }
        return current.At(current.Location ?? At(e.Range));
    }

    private Value Missing(HclExpression e, string what)
    {
        problems.Add(new Problem("invalid-reference", $"the value {what}", new SourceLocation(e.Range.File, e.Range.Start.Line, e.Range.Start.Column, null), null));
        return Value.Unknown(null, At(e.Range));
    }

    private static string Text(string root, IEnumerable<object> steps) =>
        root + string.Concat(steps.Select(s => s is string n ? "." + n : $"[{s}]"));

    private Value Splat(HclSplat s)
    {
        var source = Evaluate(s.Source);
        if (source.Kind == ValueKind.Unknown) return Value.Unknown(source.Reference is null ? null : source.Reference + "[*]", At(s.Range));
        var items = source.Kind switch
        {
            ValueKind.Null => [],
            ValueKind.List => source.Items,
            _ => [source],
        };
        var results = new List<Value>();
        foreach (var item in items)
        {
            using var _ = Bind(null, null, "@", item);
            results.Add(Evaluate(s.Each));
        }
        return Value.List(results, At(s.Range));
    }

    private Value Conditional(HclConditional c)
    {
        var condition = Evaluate(c.Condition);
        return condition.AsBool switch
        {
            true => Evaluate(c.True),
            false => Evaluate(c.False),
            _ => Value.Unknown(condition.Reference, At(c.Range)),
        };
    }

    private Value Unary(HclUnary u)
    {
        var v = Evaluate(u.Operand);
        if (v.Kind == ValueKind.Unknown) return v;
        return u.Operator == "!"
            ? v.AsBool is { } b ? Value.Of(!b, At(u.Range)) : TypeError(u, "'!' needs a bool")
            : ToNumber(v) is { } n ? Value.Of(-n, At(u.Range)) : TypeError(u, "'-' needs a number");
    }

    private Value Binary(HclBinary b)
    {
        var left = Evaluate(b.Left);
        // && and || need only the left side when it decides.
        if (b.Operator == "&&" && left.AsBool == false) return Value.Of(false, At(b.Range));
        if (b.Operator == "||" && left.AsBool == true) return Value.Of(true, At(b.Range));
        var right = Evaluate(b.Right);
        if (left.Kind == ValueKind.Unknown || right.Kind == ValueKind.Unknown) return Value.Unknown(left.Reference ?? right.Reference, At(b.Range));
        var at = At(b.Range);
        switch (b.Operator)
        {
            case "==": return Value.Of(Same(left, right), at);
            case "!=": return Value.Of(!Same(left, right), at);
            case "&&" or "||":
                return left.AsBool is { } l && right.AsBool is { } r ? Value.Of(b.Operator == "&&" ? l && r : l || r, at) : TypeError(b, $"'{b.Operator}' needs bools");
        }
        if (ToNumber(left) is not { } x || ToNumber(right) is not { } y) return TypeError(b, $"'{b.Operator}' needs numbers");
        try
        {
            return b.Operator switch
            {
                "+" => Value.Of(x + y, at),
                "-" => Value.Of(x - y, at),
                "*" => Value.Of(x * y, at),
                "/" => y == 0 ? TypeError(b, "division by zero") : Value.Of(x / y, at),
                "%" => y == 0 ? TypeError(b, "division by zero") : Value.Of(x % y, at),
                "<" => Value.Of(x < y, at),
                "<=" => Value.Of(x <= y, at),
                ">" => Value.Of(x > y, at),
                _ => Value.Of(x >= y, at),
            };
        }
        catch (OverflowException) { return TypeError(b, "the number is too large"); }
    }

    private static bool Same(Value a, Value b)
    {
        if (a.Kind == ValueKind.Number || b.Kind == ValueKind.Number) return ToNumber(a) is { } x && ToNumber(b) is { } y && x == y;
        return a.Equals(b);
    }

    private Value For(HclFor f)
    {
        var collection = Evaluate(f.Collection);
        if (collection.Kind == ValueKind.Unknown) return Value.Unknown(collection.Reference, At(f.Range));
        var list = new List<Value>();
        var members = new List<KeyValuePair<string, Value>>();
        var groups = new Dictionary<string, List<Value>>(StringComparer.Ordinal);
        foreach (var (key, value) in Elements(collection))
        {
            using var _ = Bind(f.KeyVariable, key, f.ValueVariable, value);
            if (f.Condition is not null)
            {
                var keep = Evaluate(f.Condition);
                if (keep.AsBool is not { } yes) return Value.Unknown(keep.Reference, At(f.Range));
                if (!yes) continue;
            }
            if (!f.IsObject) { list.Add(Evaluate(f.ValueResult)); continue; }
            var k = Evaluate(f.KeyResult!);
            if (!TryString(k, out var name)) return Value.Unknown(k.Reference, At(f.Range));
            var v = Evaluate(f.ValueResult);
            if (f.Grouping)
            {
                if (!groups.TryGetValue(name, out var group)) { groups[name] = group = []; members.Add(new(name, Value.Null())); }
                group.Add(v);
            }
            else
            {
                members.RemoveAll(m => m.Key == name);
                members.Add(new(name, v));
            }
        }
        if (!f.IsObject) return Value.List(list, At(f.Range));
        if (f.Grouping) members = members.Select(m => new KeyValuePair<string, Value>(m.Key, Value.List(groups[m.Key]))).ToList();
        return Value.Map(members, At(f.Range));
    }

    private Value Call(HclCall c)
    {
        var arguments = c.Arguments.Select(Evaluate).ToList();
        if (c.ExpandFinal && arguments.Count > 0)
        {
            var last = arguments[^1];
            if (last.Kind == ValueKind.Unknown) return Value.Unknown(last.Reference, At(c.Range));
            arguments = [.. arguments.Take(arguments.Count - 1), .. last.Items];
        }
        return HclFunctions.Call(c.Name, arguments, At(c.Range), message =>
            problems.Add(new Problem("invalid-call", $"{c.Name}(): {message}", new SourceLocation(c.Range.File, c.Range.Start.Line, c.Range.Start.Column, null), null)));
    }

    private Value TypeError(HclExpression e, string message)
    {
        problems.Add(new Problem("invalid-operation", message, new SourceLocation(e.Range.File, e.Range.Start.Line, e.Range.Start.Column, null), null));
        return Value.Unknown(null, At(e.Range));
    }

    /// <summary>Key and value of each element: index and item for lists, key and member for objects.</summary>
    internal static IEnumerable<(Value Key, Value Value)> Elements(Value collection) => collection.Kind switch
    {
        ValueKind.List => collection.Items.Select((v, i) => (Value.Of(i), v)),
        ValueKind.Map => collection.Members.Select(m => (Value.Of(m.Key), m.Value)),
        _ => [],
    };

    private Binding Bind(string? keyName, Value? key, string valueName, Value value)
    {
        var saved = new List<(string, Value?)>();
        void Set(string name, Value v)
        {
            saved.Add((name, _locals.TryGetValue(name, out var old) ? old : null));
            _locals[name] = v;
        }
        if (keyName is not null && key is not null) Set(keyName, key);
        Set(valueName, value);
        return new Binding(this, saved);
    }

    private readonly struct Binding(HclEvaluator owner, List<(string Name, Value? Old)> saved) : IDisposable
    {
        public void Dispose()
        {
            for (var i = saved.Count - 1; i >= 0; i--)
            {
                if (saved[i].Old is { } old) owner._locals[saved[i].Name] = old;
                else owner._locals.Remove(saved[i].Name);
            }
        }
    }

    /// <summary>A value's string form for templates and keys: strings as is, numbers and bools converted.</summary>
    internal static bool TryString(Value v, out string text)
    {
        switch (v.Kind)
        {
            case ValueKind.Text: text = v.AsString!; return true;
            case ValueKind.Number: text = v.AsNumber!.Value.ToString(CultureInfo.InvariantCulture); return true;
            case ValueKind.Bool: text = v.AsBool!.Value ? "true" : "false"; return true;
            default: text = ""; return false;
        }
    }

    /// <summary>A number, or a string holding one (HCL converts), or null.</summary>
    internal static decimal? ToNumber(Value v) => v.Kind switch
    {
        ValueKind.Number => v.AsNumber,
        ValueKind.Text => decimal.TryParse(v.AsString, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null,
        _ => null,
    };

    private static SourceLocation At(HclRange r) => new(r.File, r.Start.Line, r.Start.Column, null);
}
