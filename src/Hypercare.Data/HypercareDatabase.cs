using Hypercare.Core.Problems;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;

namespace Hypercare.Data;

/// <summary>Which database a connection argument names.</summary>
public enum DatabaseProvider
{
    /// <summary>A SQLite file.</summary>
    Sqlite,
    /// <summary>A PostgreSQL server.</summary>
    Postgres,
}

/// <summary>
/// Opens the database named by a <c>--db</c> argument: a PostgreSQL connection string (it contains
/// <c>Host=</c>) or a SQLite file path. Creates and migrates it on open.
/// </summary>
public static class HypercareDatabase
{
    /// <summary>Which provider an argument names.</summary>
    public static DatabaseProvider ProviderOf(string database) =>
        database.Contains("Host=", StringComparison.OrdinalIgnoreCase) || database.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || database.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    /// <summary>Opens and migrates the database.</summary>
    /// <exception cref="BadInputException">The database cannot be opened or migrated; the message says why.</exception>
    public static async Task<HypercareDbContext> OpenAsync(string database, CancellationToken cancellationToken = default)
    {
        var context = Create(database);
        try
        {
            await context.Database.MigrateAsync(cancellationToken);
            if (context is SqliteHypercareDbContext)
            {
                // WAL lets readers work while a writer appends; synchronous=FULL keeps acknowledged writes on a crash.
                await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", cancellationToken);
            }
            return context;
        }
        catch (Exception e) when (e is SqliteException or NpgsqlException or InvalidOperationException or IOException or ArgumentException)
        {
            await context.DisposeAsync();
            throw new BadInputException("database-unavailable", $"cannot open the database: {e.Message}",
                ProviderOf(database) == DatabaseProvider.Postgres
                    ? "check the PostgreSQL connection string (Host=...;Database=...;Username=...;Password=...) and that the server runs"
                    : "check that the directory exists and is writable",
                SourceLocation.ForField("db"));
        }
    }

    /// <summary>
    /// Turns <c>postgres://user:password@host:port/database?sslmode=require</c> into Npgsql's key=value form,
    /// since many platforms hand out the URL form.
    /// </summary>
    internal static string FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            throw new BadInputException("invalid-connection", $"'{Redact(url)}' is not a PostgreSQL URL", "write postgres://user:password@host:5432/database, or Host=...;Database=...;Username=...;Password=...", SourceLocation.ForField("db"));
        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host, Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port };
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0) builder.Database = database;
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2) builder.Password = Uri.UnescapeDataString(parts[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]);
            var value = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            if (key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) && Enum.TryParse<SslMode>(value.Replace("-", "", StringComparison.Ordinal), true, out var mode)) builder.SslMode = mode;
            else if (key.Equals("application_name", StringComparison.OrdinalIgnoreCase)) builder.ApplicationName = value;
            else throw new BadInputException("invalid-connection", $"the URL parameter '{key}' is not supported", "use sslmode or application_name, or the key=value form for other settings", SourceLocation.ForField("db"));
        }
        return builder.ConnectionString;
    }

    /// <summary>The connection text without its password, for messages.</summary>
    internal static string Redact(string database) =>
        System.Text.RegularExpressions.Regex.Replace(database, @"(?i)(password=)[^;]*|(://[^:/@]+:)[^@]*(@)", m => m.Groups[1].Success ? m.Groups[1].Value + "***" : m.Groups[2].Value + "***" + m.Groups[3].Value);

    /// <summary>Creates a context without touching the database.</summary>
    /// <exception cref="BadInputException">A PostgreSQL URL or connection string that cannot be read.</exception>
    public static HypercareDbContext Create(string database)
    {
        if (ProviderOf(database) == DatabaseProvider.Postgres)
        {
            return Pools.GetOrAdd(database, d => Pool(new DbContextOptionsBuilder<PostgresHypercareDbContext>()
                .UseNpgsql(d.Contains("://", StringComparison.Ordinal) ? FromUrl(d) : d, o => o.MigrationsHistoryTable("__ef_migrations_history"))
                .Options))();
        }
        // Pooled connections: a server opens a context per request, and reopening the file each time costs more
        // than the query. The pool holds no data, so a change made by another process is always seen.
        return Pools.GetOrAdd(Path.GetFullPath(database), p => Pool(new DbContextOptionsBuilder<SqliteHypercareDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = p, Pooling = true }.ConnectionString, o => o.MigrationsHistoryTable("__ef_migrations_history"))
            .Options))();
    }

    /// <summary>
    /// A pool of contexts per database: a server creates one for every request, and a pooled context is reset
    /// and reused instead of built anew. Disposing a context returns it to its pool.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Func<HypercareDbContext>> Pools = new(StringComparer.Ordinal);

    private static Func<HypercareDbContext> Pool<TContext>(DbContextOptions<TContext> options) where TContext : HypercareDbContext
    {
        var pool = new Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory<TContext>(options, poolSize: 256);
        return pool.CreateDbContext;
    }
}

/// <summary>Lets <c>dotnet ef</c> build the SQLite context when adding migrations.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteHypercareDbContext>
{
    public SqliteHypercareDbContext CreateDbContext(string[] args) => (SqliteHypercareDbContext)HypercareDatabase.Create("design-time.db");
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL context when adding migrations.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresHypercareDbContext>
{
    public PostgresHypercareDbContext CreateDbContext(string[] args) => (PostgresHypercareDbContext)HypercareDatabase.Create("Host=localhost;Database=hypercare_design");
}
