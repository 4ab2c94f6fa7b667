using Microsoft.Data.Sqlite;

namespace Hypercare.Samples.Shop.Data;

/// <summary>
/// One connection leased from the pool for the length of a request. Every statement goes through it so that
/// its duration is measured and, when slow, logged; disposing it returns the slot.
/// </summary>
internal sealed class DbLease : IAsyncDisposable
{
    private readonly ShopDatabase _database;
    private readonly SqliteConnection _connection;
    private SqliteTransaction? _transaction;
    private TimeSpan _lockTime;
    private bool _disposed;

    public DbLease(ShopDatabase database, SqliteConnection connection, int connectionId)
    {
        _database = database;
        _connection = connection;
        ConnectionId = connectionId;
    }

    /// <summary>The pool slot, reported as the connection id of slow log events.</summary>
    public int ConnectionId { get; }

    /// <summary>
    /// Starts a write transaction and takes SQLite's write lock at once (BEGIN IMMEDIATE). The time spent
    /// waiting for that lock is reported as the Lock_time of the transaction's first statement.
    /// </summary>
    public void BeginWrite()
    {
        if (_transaction is not null)
            throw new InvalidOperationException("A write transaction is already open on this connection.");
        var started = _database.Time.GetTimestamp();
        _transaction = _connection.BeginTransaction(deferred: false);
        _lockTime = _database.Time.GetElapsedTime(started);
    }

    public void Commit()
    {
        var transaction = _transaction ?? throw new InvalidOperationException("No write transaction is open.");
        _transaction = null;
        _lockTime = TimeSpan.Zero;
        transaction.Commit();
        transaction.Dispose();
    }

    public void Rollback()
    {
        var transaction = _transaction ?? throw new InvalidOperationException("No write transaction is open.");
        _transaction = null;
        _lockTime = TimeSpan.Zero;
        transaction.Rollback();
        transaction.Dispose();
    }

    /// <summary>
    /// Runs a statement that returns rows and maps each of them; <c>rowsExamined</c> turns the number of rows
    /// returned into the Rows_examined estimate of the slow log.
    /// </summary>
    public async Task<List<T>> QueryAsync<T>(ShopStatement statement, IReadOnlyList<QueryArg> args,
        Func<SqliteDataReader, T> map, Func<int, long> rowsExamined, CancellationToken cancellationToken)
    {
        using var command = Command(statement, args);
        var started = _database.Time.GetTimestamp();
        var rows = new List<T>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                rows.Add(map(reader));
        }
        Completed(statement, args, started, rows.Count, rowsExamined(rows.Count));
        return rows;
    }

    /// <summary>
    /// Runs a statement that changes rows and returns how many it changed; <c>rowsExamined</c> turns that
    /// number into the Rows_examined estimate of the slow log.
    /// </summary>
    public async Task<int> ExecuteAsync(ShopStatement statement, IReadOnlyList<QueryArg> args,
        Func<int, long> rowsExamined, CancellationToken cancellationToken)
    {
        using var command = Command(statement, args);
        var started = _database.Time.GetTimestamp();
        var changed = await command.ExecuteNonQueryAsync(cancellationToken);
        Completed(statement, args, started, 0, rowsExamined(changed));
        return changed;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        if (_transaction is not null)
        {
            // An exception left the transaction open: nothing of it may stay.
            _transaction.Rollback();
            await _transaction.DisposeAsync();
            _transaction = null;
        }
        await _connection.DisposeAsync();
        _database.Return(ConnectionId);
    }

    private SqliteCommand Command(ShopStatement statement, IReadOnlyList<QueryArg> args)
    {
        var command = _connection.CreateCommand();
        command.CommandText = statement.Sql;
        command.Transaction = _transaction;
        foreach (var arg in args)
            command.Parameters.AddWithValue(arg.Name, arg.Value ?? DBNull.Value);
        return command;
    }

    private void Completed(ShopStatement statement, IReadOnlyList<QueryArg> args, long started, long rowsSent, long rowsExamined)
    {
        // As in MySQL, the query time includes the time spent waiting for locks.
        var queryTime = _database.Time.GetElapsedTime(started) + _lockTime;
        var lockTime = _lockTime;
        _lockTime = TimeSpan.Zero;
        _database.Metrics.RecordQuery(statement.Name, queryTime.TotalSeconds);
        if (queryTime >= _database.Log.LongQueryTime)
            _database.Log.Record(new SlowQueryEvent(
                ConnectionId, queryTime, lockTime, rowsSent, rowsExamined, SqlText.Inline(statement.Sql, args)));
    }
}
