using System.Text.Json;
using Hypercare.Core.Problems;
using Hypercare.Inventory.Graph;
using Hypercare.Inventory.Hcl;

namespace Hypercare.Inventory.Terraform;

/// <summary>
/// Reads a Terraform module from its .tf files and evaluates it as far as it can be known without a cloud:
/// variables (defaults, then terraform.tfvars, *.auto.tfvars and their .json forms, then module inputs), locals,
/// <c>count</c> and <c>for_each</c> when known, nested and <c>dynamic</c> blocks, local child modules, and references
/// between resources: a configured attribute of another resource resolves to its value, a computed one stays unknown
/// with its reference.
/// </summary>
public sealed class ConfigurationReader
{
    private static readonly HashSet<string> MetaArguments = new(StringComparer.Ordinal) { "count", "for_each", "depends_on", "provider", "lifecycle", "provisioner", "connection" };

    private static readonly string[] VariableFiles = ["terraform.tfvars", "terraform.tfvars.json"];

    private readonly List<Problem> _problems = [];
    private readonly List<Resource> _resources = [];

    /// <summary>Reads the module in <paramref name="directory"/> (the root module) and the local modules it calls.</summary>
    public static ResourceGraph Read(string directory)
    {
        var reader = new ConfigurationReader();
        var module = reader.Load(directory, [], null, null);
        module?.Expand();
        return new ResourceGraph(reader._resources, reader._problems);
    }

    /// <summary>Reads a module from files given as text (name → content), for tests and single files.</summary>
    public static ResourceGraph ReadFiles(IReadOnlyDictionary<string, string> files)
    {
        var reader = new ConfigurationReader();
        var module = new Module(reader, [], null, null, ".");
        foreach (var (name, text) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (name.EndsWith(".tf", StringComparison.Ordinal)) module.Add(HclParser.Parse(name, text));
            else if (name.EndsWith(".tfvars", StringComparison.Ordinal)) module.AddVariables(name, text);
        }
        module.Expand();
        return new ResourceGraph(reader._resources, reader._problems);
    }

    private Module? Load(string directory, IReadOnlyList<string> path, IReadOnlyDictionary<string, Value>? inputs, Module? parent)
    {
        if (!Directory.Exists(directory))
        {
            _problems.Add(new Problem("module-not-found", $"module directory {directory} does not exist", new SourceLocation(directory, 0, 0, null), null));
            return null;
        }
        var module = new Module(this, path, inputs, parent, directory);
        foreach (var file in Directory.GetFiles(directory, "*.tf").Order(StringComparer.Ordinal))
            module.Add(HclParser.Parse(file, ReadText(file)));
        if (inputs is null)
        {
            var tfvars = VariableFiles.Select(f => Path.Combine(directory, f)).Where(File.Exists)
                .Concat(Directory.GetFiles(directory, "*.auto.tfvars").Concat(Directory.GetFiles(directory, "*.auto.tfvars.json")).Order(StringComparer.Ordinal));
            foreach (var file in tfvars) module.AddVariables(file, ReadText(file));
        }
        return module;
    }

    private string ReadText(string file)
    {
        try { return File.ReadAllText(file); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _problems.Add(new Problem("file-unreadable", $"cannot read {file}: {e.Message}", new SourceLocation(file, 0, 0, null), null));
            return "";
        }
    }

    private static SourceLocation At(HclRange r) => new(r.File, r.Start.Line, r.Start.Column, null);

    /// <summary>One module: its declarations, its variable values, and the scope its expressions see.</summary>
    private sealed class Module : IHclScope
    {
        private readonly ConfigurationReader _reader;
        private readonly IReadOnlyList<string> _path;
        private readonly IReadOnlyDictionary<string, Value>? _inputs;
        private readonly string _directory;
        private readonly Dictionary<string, HclBlock> _variables = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Value> _variableValues = new(StringComparer.Ordinal);
        private readonly Dictionary<string, HclAttribute> _locals = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Value> _localValues = new(StringComparer.Ordinal);
        private readonly HashSet<string> _evaluating = new(StringComparer.Ordinal);
        private readonly List<(string Mode, HclBlock Block)> _resourceBlocks = [];
        private readonly Dictionary<string, (string Mode, HclBlock Block)> _byAddress = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Value> _instances = new(StringComparer.Ordinal);
        private readonly Dictionary<string, HclBlock> _moduleCalls = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Module?> _children = new(StringComparer.Ordinal);
        private readonly Dictionary<string, HclBlock> _outputs = new(StringComparer.Ordinal);
        private readonly HclEvaluator _evaluator;
        private Value? _countIndex;
        private (Value Key, Value Value)? _each;
        private List<ResourceReference>? _collecting;
        private string _collectingAttribute = "";

        public Module(ConfigurationReader reader, IReadOnlyList<string> path, IReadOnlyDictionary<string, Value>? inputs, Module? parent, string directory)
        {
            _ = parent;
            _reader = reader;
            _path = path;
            _inputs = inputs;
            _directory = directory;
            _evaluator = new HclEvaluator(this, reader._problems);
        }

        public void Add(HclFile file)
        {
            _reader._problems.AddRange(file.Errors);
            foreach (var block in file.Body.Blocks)
            {
                switch (block.Type)
                {
                    case "variable" when block.Labels.Count == 1: _variables[block.Labels[0]] = block; break;
                    case "locals": foreach (var a in block.Body.Attributes) _locals[a.Name] = a; break;
                    case "resource" or "data" when block.Labels.Count == 2:
                        var mode = block.Type == "data" ? "data" : "managed";
                        _resourceBlocks.Add((mode, block));
                        _byAddress[(mode == "data" ? "data." : "") + $"{block.Labels[0]}.{block.Labels[1]}"] = (mode, block);
                        break;
                    case "module" when block.Labels.Count == 1: _moduleCalls[block.Labels[0]] = block; break;
                    case "output" when block.Labels.Count == 1: _outputs[block.Labels[0]] = block; break;
                }
            }
        }

        public void AddVariables(string file, string text)
        {
            if (file.EndsWith(".json", StringComparison.Ordinal))
            {
                try
                {
                    using var doc = JsonDocument.Parse(text);
                    if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("the top level must be an object");
                    foreach (var (name, value) in new JsonValues(file).Members(doc.RootElement, "")) _variableValues[name] = value;
                }
                catch (JsonException e)
                {
                    _reader._problems.Add(new Problem("invalid-tfvars", $"{Path.GetFileName(file)} is not valid JSON: {e.Message}", new SourceLocation(file, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, null), null));
                }
                return;
            }
            var parsed = HclParser.Parse(file, text);
            _reader._problems.AddRange(parsed.Errors);
            foreach (var a in parsed.Body.Attributes) _variableValues[a.Name] = _evaluator.Evaluate(a.Value);
        }

        /// <summary>Evaluates every resource and data source (with count and for_each), then the modules it calls.</summary>
        public void Expand()
        {
            foreach (var (mode, block) in _resourceBlocks)
                foreach (var (index, value) in Instances(mode, block))
                    _reader._resources.Add(ToResource(mode, block, index, value));
            foreach (var name in _moduleCalls.Keys) Child(name)?.Expand();
        }

        private Resource ToResource(string mode, HclBlock block, object? index, Value instance)
        {
            var type = ProviderAliases.Type(block.Labels[0]);
            var (provider, alias) = ProviderOf(block);
            var attributes = instance.Members.ToDictionary(m => ProviderAliases.Attribute(type, m.Key), m => m.Value, StringComparer.Ordinal);
            var references = _references.GetValueOrDefault(Key(mode, block, index)) ?? [];
            return new Resource(Addresses.Of(_path, mode, type, block.Labels[1], index), mode, type, block.Labels[1], index, provider, alias, _path,
                attributes, references, Origin.Configuration, At(block.Range));
        }

        private readonly Dictionary<string, List<ResourceReference>> _references = new(StringComparer.Ordinal);

        private static string Key(string mode, HclBlock block, object? index) => (mode == "data" ? "data." : "") + $"{block.Labels[0]}.{block.Labels[1]}" + Addresses.IndexText(index);

        private static (string Provider, string? Alias) ProviderOf(HclBlock block)
        {
            var prefix = block.Labels[0].Split('_')[0];
            if (block.Body.Attribute("provider")?.Value is HclGetAttr { Source: HclVariable p } g) return (ProviderAliases.Canonical(p.Name), g.Name);
            if (block.Body.Attribute("provider")?.Value is HclVariable only) return (ProviderAliases.Canonical(only.Name), null);
            return (ProviderAliases.Canonical(prefix), null);
        }

        /// <summary>The instances of a resource block: one, one per count index, or one per for_each key.</summary>
        private List<(object? Index, Value Value)> Instances(string mode, HclBlock block)
        {
            var address = (mode == "data" ? "data." : "") + $"{block.Labels[0]}.{block.Labels[1]}";
            var list = new List<(object?, Value)>();
            if (block.Body.Attribute("count") is { } count)
            {
                var n = _evaluator.Evaluate(count.Value);
                if (HclEvaluator.ToNumber(n) is { } c && c >= 0 && c == Math.Floor(c))
                {
                    for (var i = 0; i < (int)Math.Min(c, 100_000); i++)
                    {
                        _countIndex = Value.Of(i);
                        list.Add(((long)i, Instance(mode, block, address, (long)i)));
                    }
                    _countIndex = null;
                    return list;
                }
                var unknown = Instance(mode, block, address, null);
                return [(null, Value.Instance([.. unknown.Members, new("count", n.Kind == ValueKind.Unknown ? n : Value.Unknown(null, At(count.Value.Range)))], address))];
            }
            if (block.Body.Attribute("for_each") is { } forEach)
            {
                var collection = _evaluator.Evaluate(forEach.Value);
                if (collection.Kind is ValueKind.Map or ValueKind.List && collection.IsWhollyKnown)
                {
                    foreach (var (key, value) in HclEvaluator.Elements(collection))
                    {
                        // A set of strings is keyed by its values.
                        var k = collection.Kind == ValueKind.List ? value : key;
                        if (!HclEvaluator.TryString(k, out var name)) continue;
                        _each = (Value.Of(name), value);
                        list.Add((name, Instance(mode, block, address, name)));
                    }
                    _each = null;
                    return list;
                }
                var unknown = Instance(mode, block, address, null);
                return [(null, Value.Instance([.. unknown.Members, new("for_each", Value.Unknown(collection.Reference, At(forEach.Value.Range)))], address))];
            }
            return [(null, Instance(mode, block, address, null))];
        }

        /// <summary>One instance's configured attributes, evaluated once and remembered (other resources refer to them).</summary>
        private Value Instance(string mode, HclBlock block, string address, object? index)
        {
            var key = address + Addresses.IndexText(index);
            if (_instances.TryGetValue(key, out var done)) return done;
            if (!_evaluating.Add(key))
            {
                _reader._problems.Add(new Problem("reference-cycle", $"{key} refers to itself through its attributes", At(block.Range), null));
                return Value.Instance([], key);
            }
            var saved = (_collecting, _collectingAttribute);
            var references = new List<ResourceReference>();
            _collecting = references;
            try
            {
                var type = ProviderAliases.Type(block.Labels[0]);
                var members = Body(block.Body, "", top: true).Select(m => new KeyValuePair<string, Value>(ProviderAliases.Attribute(type, m.Key), m.Value)).ToList();
                if (block.Body.Attribute("depends_on")?.Value is HclTuple deps)
                    foreach (var d in deps.Items) references.Add(new ResourceReference("depends_on", Traversal(d), null));
                _references[key] = references;
                var value = Value.Instance(members, key, At(block.Range));
                _instances[key] = value;
                return value;
            }
            finally
            {
                (_collecting, _collectingAttribute) = saved;
                _evaluating.Remove(key);
            }
        }

        private List<KeyValuePair<string, Value>> Body(HclBody body, string prefix, bool top)
        {
            var members = new List<KeyValuePair<string, Value>>();
            foreach (var a in body.Attributes)
            {
                if (top && MetaArguments.Contains(a.Name)) continue;
                _collectingAttribute = prefix + a.Name;
                members.Add(new(a.Name, _evaluator.Evaluate(a.Value).At(At(a.Value.Range))));
            }
            // Nested blocks become lists of objects, as state stores them; dynamic blocks are expanded.
            var nested = new Dictionary<string, List<Value>>(StringComparer.Ordinal);
            foreach (var b in body.Blocks)
            {
                if (top && MetaArguments.Contains(b.Type)) continue;
                if (b.Type == "dynamic" && b.Labels.Count == 1)
                {
                    var items = Dynamic(b, prefix);
                    if (!nested.TryGetValue(b.Labels[0], out var list)) nested[b.Labels[0]] = list = [];
                    list.AddRange(items);
                    continue;
                }
                if (!nested.TryGetValue(b.Type, out var blocks)) nested[b.Type] = blocks = [];
                blocks.Add(Value.Map(Body(b.Body, $"{prefix}{b.Type}.", top: false), At(b.Range)));
            }
            foreach (var (name, list) in nested) members.Add(new(name, Value.List(list)));
            return members;
        }

        private List<Value> Dynamic(HclBlock block, string prefix)
        {
            var iterator = block.Body.Attribute("iterator")?.Value is HclVariable v ? v.Name : block.Labels[0];
            var forEach = block.Body.Attribute("for_each");
            var content = block.Body.Blocks.FirstOrDefault(b => b.Type == "content");
            if (forEach is null || content is null) return [];
            var collection = _evaluator.Evaluate(forEach.Value);
            if (collection.Kind == ValueKind.Unknown) return [Value.Unknown(collection.Reference, At(block.Range))];
            var result = new List<Value>();
            foreach (var (key, value) in HclEvaluator.Elements(collection))
            {
                _dynamic[iterator] = Value.Map([new("key", key), new("value", value)]);
                result.Add(Value.Map(Body(content.Body, $"{prefix}{block.Labels[0]}.", top: false), At(content.Range)));
            }
            _dynamic.Remove(iterator);
            return result;
        }

        private readonly Dictionary<string, Value> _dynamic = new(StringComparer.Ordinal);

        private static string Traversal(HclExpression e) => e switch
        {
            HclVariable v => v.Name,
            HclGetAttr g => $"{Traversal(g.Source)}.{g.Name}",
            HclIndex i => $"{Traversal(i.Source)}[{(i.Key is HclLiteral l ? l.Text : "?")}]",
            _ => "?",
        };

        // ------------------------------------------------------------ scope

        public (Value Value, int Consumed)? Resolve(string root, IReadOnlyList<string> path, HclRange range)
        {
            if (_dynamic.TryGetValue(root, out var iterator)) return (iterator, 0);
            switch (root)
            {
                case "var":
                    return path.Count == 0 ? null : (Variable(path[0], range), 1);
                case "local":
                    return path.Count == 0 ? null : (Local(path[0], range), 1);
                case "count":
                    if (path.Count > 0 && path[0] == "index" && _countIndex is { } i) return (i, 1);
                    return (Value.Unknown("count.index", At(range)), path.Count);
                case "each":
                    if (_each is { } each && path.Count > 0) return (path[0] == "key" ? each.Key : each.Value, 1);
                    return (Value.Unknown("each", At(range)), path.Count);
                case "path":
                    return (Value.Map([new("module", Value.Of(_directory)), new("root", Value.Of(".")), new("cwd", Value.Of("."))]), 0);
                case "terraform":
                    return (Value.Map([new("workspace", Value.Of("default"))]), 0);
                case "self":
                    return (Value.Unknown("self", At(range)), path.Count);
                case "module":
                    if (path.Count < 2) return (Value.Unknown("module" + string.Concat(path.Select(p => "." + p)), At(range)), path.Count);
                    return (Output(path[0], path[1], range), 2);
                case "data":
                    if (path.Count < 2) return null;
                    return ResourceReference($"data.{path[0]}.{path[1]}", "data", path, 2, range);
            }
            if (path.Count >= 1 && _byAddress.ContainsKey($"{root}.{path[0]}"))
                return ResourceReference($"{root}.{path[0]}", "managed", path, 1, range);
            return null;
        }

        private (Value, int) ResourceReference(string address, string mode, IReadOnlyList<string> path, int nameSteps, HclRange range)
        {
            var (_, block) = _byAddress.GetValueOrDefault(address);
            if (block is null) return (Value.Unknown(address, At(range)), path.Count);
            var attribute = path.Count > nameSteps ? path[nameSteps] : null;
            _collecting?.Add(new ResourceReference(_collectingAttribute, string.Concat(_path.Select(m => $"module.{m}.")) + address, attribute));
            var instances = Instances(mode, block);
            if (block.Body.Attribute("count") is not null && instances.Count > 0 && instances[0].Index is not null)
                return (Value.List(instances.Select(i => i.Value).ToList()), nameSteps);
            if (block.Body.Attribute("for_each") is not null && instances.Count > 0 && instances[0].Index is not null)
                return (Value.Map(instances.Select(i => new KeyValuePair<string, Value>((string)i.Index!, i.Value)).ToList()), nameSteps);
            return (instances[0].Value, nameSteps);
        }

        private Value Variable(string name, HclRange range)
        {
            if (_inputs is not null && _inputs.TryGetValue(name, out var input)) return input;
            if (_variableValues.TryGetValue(name, out var set)) return set;
            if (_variables.TryGetValue(name, out var declared))
            {
                if (declared.Body.Attribute("default") is { } d) return _evaluator.Evaluate(d.Value);
                return Value.Unknown($"var.{name}", At(range));
            }
            _reader._problems.Add(new Problem("undeclared-variable", $"var.{name} is not declared", At(range), $"declare it: variable \"{name}\" {{}}"));
            return Value.Unknown($"var.{name}", At(range));
        }

        private Value Local(string name, HclRange range)
        {
            if (_localValues.TryGetValue(name, out var done)) return done;
            if (!_locals.TryGetValue(name, out var attribute))
            {
                _reader._problems.Add(new Problem("undeclared-local", $"local.{name} is not declared", At(range), null));
                return Value.Unknown($"local.{name}", At(range));
            }
            if (!_evaluating.Add("local." + name))
            {
                _reader._problems.Add(new Problem("reference-cycle", $"local.{name} refers to itself", At(range), null));
                return Value.Unknown($"local.{name}", At(range));
            }
            try
            {
                var value = _evaluator.Evaluate(attribute.Value);
                _localValues[name] = value;
                return value;
            }
            finally { _evaluating.Remove("local." + name); }
        }

        private Module? Child(string name)
        {
            if (_children.TryGetValue(name, out var existing)) return existing;
            _children[name] = null;
            var call = _moduleCalls[name];
            var source = call.Body.Attribute("source")?.Value is HclTemplate t ? t.LiteralText : null;
            if (source is null || !(source.StartsWith("./", StringComparison.Ordinal) || source.StartsWith("../", StringComparison.Ordinal)) || _directory == ".")
                return null;
            var inputs = new Dictionary<string, Value>(StringComparer.Ordinal);
            foreach (var a in call.Body.Attributes)
                if (a.Name is not ("source" or "version" or "count" or "for_each" or "providers" or "depends_on"))
                    inputs[a.Name] = _evaluator.Evaluate(a.Value);
            var child = _reader.Load(Path.GetFullPath(Path.Combine(_directory, source)), [.. _path, name], inputs, this);
            _children[name] = child;
            return child;
        }

        private Value Output(string module, string output, HclRange range)
        {
            var reference = $"module.{module}.{output}";
            if (!_moduleCalls.ContainsKey(module))
            {
                _reader._problems.Add(new Problem("undeclared-module", $"module.{module} is not declared", At(range), null));
                return Value.Unknown(reference, At(range));
            }
            var child = Child(module);
            if (child is null || !child._outputs.TryGetValue(output, out var block) || block.Body.Attribute("value") is not { } value) return Value.Unknown(reference, At(range));
            return child._evaluator.Evaluate(value.Value);
        }
    }
}
