namespace Hypercare.Databases.Tests;

/// <summary>A throw-away directory for generated logs.</summary>
internal sealed class TempFolder : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hypercare-db-test-");

    public string File(string name) => Path.Combine(_dir.FullName, name);

    public void Dispose() => _dir.Delete(recursive: true);
}
