using System.Xml.Linq;

namespace Hypercare.Cli.Tests;

/// <summary>The dependency rules of the architecture, checked on the project files themselves.</summary>
public class ArchitectureTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "hypercare.slnx"))) return dir.FullName;
        throw new InvalidOperationException("hypercare.slnx not found above the test binaries");
    }

    /// <summary>Hosts and storage, outermost last. Everything else under src/ is a module (a pure library).</summary>
    private static readonly string[] Layers = ["Hypercare.Core", "*module*", "Hypercare.Data", "Hypercare.Server", "Hypercare.Cli"];

    /// <summary>Which modules a module may use (ARCHITECTURE.md); Engagements uses none.</summary>
    private static readonly Dictionary<string, string[]> ModuleUses = new()
    {
        ["Hypercare.Capacity"] = ["Hypercare.LoadTesting", "Hypercare.Inventory"],
        ["Hypercare.Inspection"] = ["Hypercare.Inventory", "Hypercare.Capacity", "Hypercare.LoadTesting"],
        ["Hypercare.Protection"] = ["Hypercare.Inventory", "Hypercare.Capacity", "Hypercare.LoadTesting"],
        ["Hypercare.Monitoring"] = ["Hypercare.Inventory", "Hypercare.Capacity", "Hypercare.LoadTesting"],
    };

    private static int Layer(string project)
    {
        var index = Array.IndexOf(Layers, project);
        return index >= 0 ? index : 1;
    }

    private static IEnumerable<(string Project, string Reference)> References() =>
        Directory.GetFiles(Path.Combine(Root, "src"), "*.csproj", SearchOption.AllDirectories).SelectMany(path =>
            XDocument.Load(path).Descendants("ProjectReference")
                .Select(r => (Path.GetFileNameWithoutExtension(path), Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))));

    [Fact]
    public void Dependencies_PointInward()
    {
        var references = References().ToList();
        Assert.NotEmpty(references);
        foreach (var (project, reference) in references)
        {
            Assert.True(Layer(reference) <= Layer(project), $"{project} references {reference}, which is further out");
            // The CLI is the outermost host and may start the web server; nothing else references a host.
            Assert.False(reference == "Hypercare.Cli" || (reference == "Hypercare.Server" && project != "Hypercare.Cli"), $"{project} references the host {reference}");
            if (Layer(project) == 1 && Layer(reference) == 1)
                Assert.True(ModuleUses.TryGetValue(project, out var allowed) && allowed.Contains(reference), $"module {project} may not use module {reference}");
        }
    }

    [Fact]
    public void EveryTestProject_MirrorsASourceProject()
    {
        // Sample systems live under samples/<name>/service; their tests mirror them like a src project.
        foreach (var test in Directory.GetDirectories(Path.Combine(Root, "tests")).Select(Path.GetFileName))
        {
            var project = test!.Replace(".Tests", "", StringComparison.Ordinal);
            var sample = project.StartsWith("Hypercare.Samples.", StringComparison.Ordinal)
                ? Path.Combine(Root, "samples", project["Hypercare.Samples.".Length..].ToLowerInvariant(), "service")
                : null;
            Assert.True(Directory.Exists(Path.Combine(Root, "src", project)) || sample is not null && Directory.Exists(sample), $"{test} has no src project");
        }
    }

    [Fact]
    public void NoSourceFile_ReadsTheClockDirectly()
    {
        var offenders = Directory.GetFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => System.Text.RegularExpressions.Regex.IsMatch(File.ReadAllText(f), @"DateTime(Offset)?\.(Now|UtcNow|Today)\b"))
            .ToList();
        Assert.Empty(offenders);
    }
}
