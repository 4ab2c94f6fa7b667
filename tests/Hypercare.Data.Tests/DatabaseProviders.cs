using Npgsql;

namespace Hypercare.Data.Tests;

/// <summary>
/// The databases the repository tests run against: SQLite always, PostgreSQL when ./test.sh (or the caller)
/// provides <c>HYPERCARE_TEST_POSTGRES</c>. Each test gets a database of its own and drops it afterwards.
/// </summary>
public static class DatabaseProviders
{
    public const string PostgresVariable = "HYPERCARE_TEST_POSTGRES";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Creates an empty database for one test.</summary>
    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        if (provider == "sqlite")
        {
            var dir = Directory.CreateTempSubdirectory("hypercare-data-test-");
            return new TestDatabase(Path.Combine(dir.FullName, "hypercare.db"), () => { dir.Delete(true); return Task.CompletedTask; });
        }
        var admin = Environment.GetEnvironmentVariable(PostgresVariable)
            ?? throw new InvalidOperationException($"{PostgresVariable} is not set: run the tests through ./test.sh, which starts PostgreSQL");
        var name = $"hypercare_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false };
        return new TestDatabase(builder.ConnectionString, async () =>
        {
            // Cleaning up is not part of the test: a database still in use (an autovacuum worker, a pooled
            // connection closing) is retried, then left for the cluster to keep rather than failing the test.
            NpgsqlConnection.ClearAllPools();
            for (var attempt = 1; attempt <= 5; attempt++)
            {
                try
                {
                    await using var connection = new NpgsqlConnection(admin);
                    await connection.OpenAsync();
                    await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
                    await drop.ExecuteNonQueryAsync();
                    return;
                }
                catch (PostgresException) when (attempt < 5)
                {
                    await Task.Delay(200 * attempt);
                }
                catch (PostgresException)
                {
                    return;
                }
            }
        });
    }
}

/// <summary>A database that exists for one test.</summary>
public sealed class TestDatabase(string connection, Func<Task> drop) : IAsyncDisposable
{
    /// <summary>What <c>--db</c> would be given.</summary>
    public string Connection { get; } = connection;

    public ValueTask DisposeAsync() => new(drop());
}

/// <summary>
/// A test that needs the PostgreSQL server ./test.sh starts. Without it the test is skipped, except under CI
/// (CI=true), where it runs and fails: a missing service must never pass as a skip there.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(DatabaseProviders.PostgresVariable) is not { Length: > 0 } && !DatabaseProviders.IsCi)
            Skip = $"PostgreSQL is not configured ({DatabaseProviders.PostgresVariable}); ./test.sh starts it";
    }
}
