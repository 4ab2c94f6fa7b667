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
        catch (Exception e) when (e is SqliteException or NpgsqlException or InvalidOperationException or IOException)
        {
            await context.DisposeAsync();
            throw new BadInputException("database-unavailable", $"cannot open the database: {e.Message}",
                ProviderOf(database) == DatabaseProvider.Postgres
                    ? "check the PostgreSQL connection string (Host=...;Database=...;Username=...;Password=...) and that the server runs"
                    : "check that the directory exists and is writable",
                SourceLocation.ForField("db"));
        }
    }

    /// <summary>Creates a context without touching the database.</summary>
    public static HypercareDbContext Create(string database)
    {
        if (ProviderOf(database) == DatabaseProvider.Postgres)
        {
            var options = new DbContextOptionsBuilder<PostgresHypercareDbContext>()
                .UseNpgsql(database, o => o.MigrationsHistoryTable("__ef_migrations_history"))
                .Options;
            return new PostgresHypercareDbContext(options);
        }
        var path = Path.GetFullPath(database);
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false };
        var sqlite = new DbContextOptionsBuilder<SqliteHypercareDbContext>()
            .UseSqlite(builder.ConnectionString, o => o.MigrationsHistoryTable("__ef_migrations_history"))
            .Options;
        return new SqliteHypercareDbContext(sqlite);
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
