using System.Collections.Concurrent;
using Hypercare.Samples.Shop.Metrics;
using Microsoft.Data.Sqlite;

namespace Hypercare.Samples.Shop.Data;

/// <summary>
/// The shop's database with a bounded pool in front of it: at most <see cref="ShopOptions.DbPoolSize"/>
/// connections are leased at once and further requests queue, as they would for a real server's
/// max_connections. Each slot of the pool has a stable id, the "thread id" the slow log reports.
/// </summary>
internal sealed class ShopDatabase : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentStack<int> _freeIds;

    public ShopDatabase(ShopOptions options, TimeProvider time, ShopMetrics metrics, SlowQueryLog log)
    {
        Time = time;
        Metrics = metrics;
        Log = log;
        ProductRows = options.Products;
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Pooling = true,
            Mode = SqliteOpenMode.ReadWrite,
            DefaultTimeout = 30,
        }.ToString();
        _slots = new SemaphoreSlim(options.DbPoolSize, options.DbPoolSize);
        _freeIds = new ConcurrentStack<int>(Enumerable.Range(1, options.DbPoolSize).Reverse());
    }

    public string ConnectionString { get; }

    /// <summary>The size of the products table, which only seeding changes; the search examines all of it.</summary>
    public long ProductRows { get; }

    internal TimeProvider Time { get; }

    internal ShopMetrics Metrics { get; }

    internal SlowQueryLog Log { get; }

    /// <summary>Waits for a free slot of the pool, then opens a connection in it.</summary>
    public async Task<DbLease> LeaseAsync(CancellationToken cancellationToken)
    {
        var started = Time.GetTimestamp();
        if (!_slots.Wait(0, CancellationToken.None))
        {
            Metrics.PoolWaitStarted();
            try
            {
                await _slots.WaitAsync(cancellationToken);
            }
            finally
            {
                Metrics.PoolWaitEnded();
            }
        }
        Metrics.PoolWait.Observe(Time.GetElapsedTime(started).TotalSeconds);
        Metrics.ConnectionLeased();
        _freeIds.TryPop(out var id);
        SqliteConnection? connection = null;
        try
        {
            connection = new SqliteConnection(ConnectionString);
            await connection.OpenAsync(cancellationToken);
            using (var pragmas = connection.CreateCommand())
            {
                // Writers wait inside SQLite for the write lock instead of failing with SQLITE_BUSY.
                pragmas.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";
                await pragmas.ExecuteNonQueryAsync(cancellationToken);
            }
            return new DbLease(this, connection, id);
        }
        catch
        {
            if (connection is not null)
                await connection.DisposeAsync();
            Return(id);
            throw;
        }
    }

    internal void Return(int id)
    {
        _freeIds.Push(id);
        Metrics.ConnectionReturned();
        _slots.Release();
    }

    public void Dispose()
    {
        _slots.Dispose();
        // Closes the pooled connections so that the database file can be deleted or reseeded.
        using var connection = new SqliteConnection(ConnectionString);
        SqliteConnection.ClearPool(connection);
    }
}
