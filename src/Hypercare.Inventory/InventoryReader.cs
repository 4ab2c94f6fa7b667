using System.Text.Json;
using Hypercare.Core.Problems;
using Hypercare.Inventory.Graph;
using Hypercare.Inventory.Hcl;
using Hypercare.Inventory.Kubernetes;
using Hypercare.Inventory.Terraform;
using Hypercare.Inventory.TerraformPlan;
using Hypercare.Inventory.TerraformState;

namespace Hypercare.Inventory;

/// <summary>
/// The inventory module's entry point: reads a file or every file below a directory into one resource graph.
/// Terraform root modules (directories with .tf files that no other module calls as a local source), state
/// (*.tfstate, or JSON with a state's version), plans (JSON with planned_values), and Kubernetes manifests (YAML
/// with apiVersion and kind). Hidden directories and .terraform are skipped. Every problem met is returned with
/// what could be read.
/// </summary>
public static class InventoryReader
{
    /// <summary>The largest file read; bigger ones are reported and skipped.</summary>
    public const long MaxFileBytes = 2L * 1024 * 1024 * 1024 - 1;

    /// <summary>Reads a file or a directory tree.</summary>
    public static ResourceGraph Read(string path)
    {
        var resources = new List<Resource>();
        var problems = new List<Problem>();
        void Add(ResourceGraph g)
        {
            resources.AddRange(g.Resources);
            problems.AddRange(g.Problems);
        }

        if (File.Exists(path))
        {
            if (path.EndsWith(".tf", StringComparison.Ordinal)) Add(ConfigurationReader.ReadFiles(new Dictionary<string, string> { [path] = File.ReadAllText(path) }));
            else ReadDataFile(path, Add, problems, explicitly: true);
            return new ResourceGraph(resources, problems);
        }
        if (!Directory.Exists(path))
            return new ResourceGraph([], [new Problem("not-found", $"{path} is neither a file nor a directory", new SourceLocation(path, 0, 0, null), "give the folder with the .tf files, state, plans or manifests")]);

        var files = Walk(path).ToList();
        var moduleDirectories = files.Where(f => f.EndsWith(".tf", StringComparison.Ordinal)).Select(f => Path.GetDirectoryName(f)!).Distinct().Order(StringComparer.Ordinal).ToList();
        var called = new HashSet<string>(StringComparer.Ordinal);
        foreach (var directory in moduleDirectories)
            foreach (var tf in Directory.GetFiles(directory, "*.tf"))
                foreach (var source in LocalModuleSources(tf))
                    called.Add(Path.GetFullPath(Path.Combine(directory, source)));
        foreach (var root in moduleDirectories.Where(d => !called.Contains(Path.GetFullPath(d))))
            Add(ConfigurationReader.Read(root));
        foreach (var file in files.Where(f => !f.EndsWith(".tf", StringComparison.Ordinal)))
            ReadDataFile(file, Add, problems, explicitly: false);
        return new ResourceGraph(resources, problems);
    }

    private static IEnumerable<string> Walk(string directory)
    {
        IEnumerable<string> files, directories;
        try
        {
            files = Directory.GetFiles(directory).Order(StringComparer.Ordinal).ToList();
            directories = Directory.GetDirectories(directory).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { yield break; }
        foreach (var f in files) yield return f;
        foreach (var d in directories)
        {
            var name = Path.GetFileName(d);
            if (name.StartsWith('.') || name is "node_modules") continue;
            foreach (var f in Walk(d)) yield return f;
        }
    }

    private static IEnumerable<string> LocalModuleSources(string tf)
    {
        // Only files that call a module are parsed here; the module reader parses every file again anyway.
        var text = SafeRead(tf) ?? "";
        if (!text.Contains("module", StringComparison.Ordinal)) yield break;
        var file = HclParser.Parse(tf, text);
        foreach (var block in file.Body.Blocks)
            if (block.Type == "module" && block.Body.Attribute("source")?.Value is HclTemplate { LiteralText: { } source } && (source.StartsWith("./", StringComparison.Ordinal) || source.StartsWith("../", StringComparison.Ordinal)))
                yield return source;
    }

    private static void ReadDataFile(string file, Action<ResourceGraph> add, List<Problem> problems, bool explicitly)
    {
        var name = Path.GetFileName(file);
        var isJson = name.EndsWith(".json", StringComparison.Ordinal) || name.EndsWith(".tfstate", StringComparison.Ordinal);
        var isYaml = name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal);
        if (!isJson && !isYaml)
        {
            if (explicitly) problems.Add(new Problem("unsupported-file", $"{file} is not a .tf, state, plan or manifest file", new SourceLocation(file, 0, 0, null), "give .tf, .tfstate, plan .json or Kubernetes .yaml files"));
            return;
        }
        if (name.EndsWith(".tfvars.json", StringComparison.Ordinal)) return;   // read with its module
        try
        {
            if (new FileInfo(file).Length > MaxFileBytes)
            {
                problems.Add(new Problem("file-too-large", $"{file} is larger than 2 GB", new SourceLocation(file, 0, 0, null), null));
                return;
            }
        }
        catch (IOException) { }
        if (isYaml)
        {
            var text = SafeRead(file);
            if (text is null)
            {
                problems.Add(new Problem("file-unreadable", $"cannot read {file}", new SourceLocation(file, 0, 0, null), null));
                return;
            }
            if (ManifestReader.LooksLikeManifest(text)) add(ManifestReader.Read(file, text));
            else if (explicitly) problems.Add(new Problem("unsupported-file", $"{file} holds no Kubernetes object (no apiVersion and kind)", new SourceLocation(file, 1, 1, null), null));
            return;
        }
        JsonDocument document;
        try
        {
            // Straight from the file's UTF-8 bytes: a large state is never held as a .NET string.
            using var stream = File.OpenRead(file);
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new Problem("file-unreadable", $"cannot read {file}: {e.Message}", new SourceLocation(file, 0, 0, null), null));
            return;
        }
        catch (JsonException e)
        {
            if (explicitly || name.EndsWith(".tfstate", StringComparison.Ordinal))
                problems.Add(new Problem("invalid-json", $"{name} is not valid JSON: {e.Message}", new SourceLocation(file, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, null), null));
            return;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("format_version", out _) && root.TryGetProperty("planned_values", out _)) add(PlanReader.Read(file, document));
            else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("version", out _) && (root.TryGetProperty("resources", out _) || root.TryGetProperty("modules", out _))) add(StateReader.Read(file, document));
            else if (name.EndsWith(".tfstate", StringComparison.Ordinal) || explicitly) add(StateReader.Read(file, document));
        }
    }

    private static string? SafeRead(string file)
    {
        try { return File.ReadAllText(file); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}
