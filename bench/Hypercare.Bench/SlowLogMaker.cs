using System.Globalization;
using System.Text;

namespace Hypercare.Bench;

/// <summary>
/// Writes a MySQL slow log of a given size for the digest benchmark: a few hundred query classes (statement shapes
/// times tables) drawn with a Zipf-like skew, values that change on every call, multi-line statements, <c>use</c>
/// and <c>SET timestamp</c> lines, Percona's extended attributes on part of the events, administrator commands and
/// an occasional server banner. The same seed gives the same bytes.
/// </summary>
internal sealed class SlowLogMaker
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly string[] Tables =
        ["orders", "order_items", "customers", "products", "carts", "payments", "shipments", "inventory", "sessions", "reviews", "coupons", "audit_log"];
    private static readonly string[] Users = ["shop", "app", "report", "batch", "root"];
    private static readonly string[] Hosts = ["localhost", "app-1.internal", "app-2.internal", "worker-7.internal", ""];
    private static readonly string[] Databases = ["shop", "billing", "analytics"];
    private const int Shapes = 34;

    private readonly Random _random;
    private readonly double[] _cumulative;
    private readonly int[] _slots;

    public SlowLogMaker(int seed)
    {
        _random = new Random(seed);
        // Every (shape, table) pair is a class slot; a seeded shuffle decides which slots are the frequent ones.
        _slots = [.. Enumerable.Range(0, Shapes * Tables.Length)];
        _random.Shuffle(_slots);
        _cumulative = new double[_slots.Length];
        var sum = 0.0;
        for (var rank = 0; rank < _slots.Length; rank++)
        {
            sum += 1.0 / Math.Pow(rank + 1, 1.05);
            _cumulative[rank] = sum;
        }
        for (var rank = 0; rank < _slots.Length; rank++) _cumulative[rank] /= sum;
    }

    /// <summary>Writes events until the file holds at least <paramref name="bytes"/> bytes; returns the number of events.</summary>
    public long Write(string path, long bytes)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 20);
        var b = new StringBuilder(4096);
        var time = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
        var lastSecond = -1L;
        string? database = null;
        long written = 0, events = 0;
        Banner(b);
        while (written < bytes)
        {
            time = time.AddTicks(_random.Next(0, 40_000)); // up to 4 ms between events
            if (events > 0 && _random.Next(0, 200_000) == 0) { Banner(b); database = null; }
            var second = time.ToUnixTimeSeconds();
            if (second != lastSecond || _random.Next(0, 8) == 0) b.Append(Inv, $"# Time: {time:yyyy-MM-ddTHH:mm:ss.ffffff}Z\n");
            lastSecond = second;
            var user = Users[Skewed(Users.Length)];
            var host = Hosts[_random.Next(Hosts.Length)];
            var ip = host.Length == 0 ? "10.0.3." + _random.Next(2, 250).ToString(Inv) : "";
            var thread = _random.Next(1, 5000);
            b.Append(Inv, $"# User@Host: {user}[{user}] @ {host} [{ip}]  Id: {thread,6}\n");
            var percona = _random.Next(0, 4) == 0;
            var nextDatabase = Databases[Skewed(Databases.Length)];
            if (percona) b.Append(Inv, $"# Thread_id: {thread}  Schema: {nextDatabase}  Last_errno: 0  Killed: 0\n");
            var queryTime = _random.NextDouble() switch { < 0.7 => _random.NextDouble() * 0.01, < 0.97 => _random.NextDouble() * 0.5, _ => _random.NextDouble() * 12 };
            var sent = _random.Next(0, 200);
            var examined = sent + (_random.Next(0, 3) == 0 ? _random.Next(0, 2_000_000) : _random.Next(0, 500));
            b.Append(Inv, $"# Query_time: {queryTime:0.000000}  Lock_time: {_random.NextDouble() * 0.0005:0.000000} Rows_sent: {sent}  Rows_examined: {examined}");
            if (percona)
                b.Append(Inv, $"  Rows_affected: 0\n# Bytes_sent: {sent * 57 + 11}  Tmp_tables: 0  Tmp_disk_tables: 0  Tmp_table_sizes: 0\n# QC_Hit: No  Full_scan: {(examined > 10_000 ? "Yes" : "No")}  Full_join: No  Tmp_table: No  Tmp_table_on_disk: No\n# Filesort: {(_random.Next(3) == 0 ? "Yes" : "No")}  Filesort_on_disk: No  Merge_passes: 0\n#   InnoDB_IO_r_ops: {_random.Next(0, 50)}  InnoDB_IO_r_bytes: {_random.Next(0, 50) * 16384}  InnoDB_IO_r_wait: 0.000000\n");
            else b.Append('\n');
            if (_random.Next(0, 80) == 0)
            {
                b.Append(Inv, $"SET timestamp={second};\n# administrator command: {(_random.Next(3) == 0 ? "Ping" : "Quit")};\n");
            }
            else
            {
                if (database != nextDatabase || _random.Next(0, 20) == 0) b.Append("use ").Append(nextDatabase).Append(";\n");
                database = nextDatabase;
                if (_random.Next(0, 12) == 0) b.Append(Inv, $"SET insert_id={_random.Next(1, 1_000_000)},timestamp={second};\n");
                else b.Append(Inv, $"SET timestamp={second};\n");
                var slot = _slots[Pick()];
                Statement(b, slot / Tables.Length, Tables[slot % Tables.Length]);
                b.Append(";\n");
            }
            events++;
            written += b.Length; // ASCII only: one byte per character
            foreach (var chunk in b.GetChunks()) writer.Write(chunk.Span);
            b.Clear();
        }
        return events;
    }

    private static void Banner(StringBuilder b) =>
        b.Append("/usr/sbin/mysqld, Version: 8.0.36-28 (Percona Server (GPL), Release 28). started with:\nTcp port: 3306  Unix socket: /var/run/mysqld/mysqld.sock\nTime                 Id Command    Argument\n");

    // Index of a class slot by rank, from the Zipf-like distribution.
    private int Pick()
    {
        var i = Array.BinarySearch(_cumulative, _random.NextDouble());
        return Math.Min(i < 0 ? ~i : i, _cumulative.Length - 1);
    }

    private int Skewed(int count) => Math.Min(count - 1, (int)(count * Math.Pow(_random.NextDouble(), 2)));

    private int N(int max) => _random.Next(0, max);

    private string Word()
    {
        Span<char> s = stackalloc char[3 + N(10)];
        for (var i = 0; i < s.Length; i++) s[i] = (char)('a' + N(26));
        return new string(s);
    }

    private string Numbers(int count) => string.Join(", ", Enumerable.Range(0, count).Select(_ => N(1_000_000).ToString(Inv)));

    private string Date() => string.Create(Inv, $"2026-{1 + N(12):00}-{1 + N(28):00} {N(24):00}:{N(60):00}:{N(60):00}");

    private void Statement(StringBuilder b, int shape, string t)
    {
        switch (shape)
        {
            case 0: b.Append(Inv, $"SELECT * FROM {t} WHERE id = {N(10_000_000)}"); break;
            case 1: b.Append(Inv, $"SELECT id, status, total_cents FROM {t} WHERE customer_id = {N(500_000)} AND status IN ({string.Join(", ", Enumerable.Range(0, 1 + N(6)).Select(_ => "'" + Word() + "'"))}) ORDER BY created_at DESC LIMIT {1 + N(50)}"); break;
            case 2: b.Append(Inv, $"SELECT o.id, o.total_cents, c.email\n  FROM {t} o\n  JOIN customers c ON c.id = o.customer_id\n WHERE o.created_at >= '{Date()}'\n   AND o.total_cents > {N(100_000)}\n ORDER BY o.created_at DESC\n LIMIT {N(200)}, {1 + N(50)}"); break;
            case 3: b.Append(Inv, $"INSERT INTO {t} (customer_id, sku, quantity, price_cents, created_at) VALUES ({N(500_000)}, 'SKU-{N(99_999)}', {1 + N(5)}, {N(100_000)}, '{Date()}')"); break;
            case 4:
                b.Append(Inv, $"INSERT INTO {t} (order_id, sku, quantity) VALUES ({N(9_000_000)}, 'SKU-{N(99_999)}', {1 + N(5)})");
                for (var i = N(20); i > 0; i--) b.Append(Inv, $",({N(9_000_000)}, 'SKU-{N(99_999)}', {1 + N(5)})");
                break;
            case 5: b.Append(Inv, $"UPDATE {t} SET stock = stock - {1 + N(3)}, updated_at = NOW() WHERE id = {N(1_000_000)} AND stock >= {1 + N(3)}"); break;
            case 6: b.Append(Inv, $"UPDATE {t} SET status = '{Word()}', note = 'it\\'s {Word()}' WHERE id = {N(9_000_000)}"); break;
            case 7: b.Append(Inv, $"DELETE FROM {t} WHERE expires_at < '{Date()}' LIMIT {N(5000)}"); break;
            case 8: b.Append(Inv, $"SELECT COUNT(*) FROM {t} WHERE created_at BETWEEN '{Date()}' AND '{Date()}'"); break;
            case 9: b.Append(Inv, $"select id, name from {t} where name like '{Word()}%' order by name asc limit {1 + N(20)}"); break;
            case 10: b.Append(Inv, $"SELECT /* controller:{Word()} action:show */ * FROM {t} WHERE token = \"{Word()}{N(1_000_000)}\""); break;
            case 11: b.Append(Inv, $"SELECT * FROM {t} WHERE id IN ({Numbers(1 + N(30))})"); break;
            case 12: b.Append(Inv, $"SELECT *\nFROM {t}\nWHERE account_id = {N(100_000)}\n  AND region IN (\n    '{Word()}',\n    '{Word()}'\n  )\nORDER BY id"); break;
            case 13: b.Append(Inv, $"CALL refresh_{t}({N(100)}, '{Word()}')"); break;
            case 14: b.Append(Inv, $"REPLACE INTO {t} (k, v, updated_at) VALUES ('{Word()}', '{Word()}', {N(2_000_000_000)})"); break;
            case 15: b.Append(Inv, $"SELECT a.id FROM {t} a WHERE a.score > {N(100)} UNION ALL SELECT b.id FROM {t}_archive b WHERE b.score > {N(100)}"); break;
            case 16: b.Append(Inv, $"SELECT * FROM {t} ORDER BY id LIMIT {1 + N(100)} OFFSET {N(100_000)}"); break;
            case 17: b.Append(Inv, $"SELECT SQL_NO_CACHE category, SUM(total_cents) AS revenue FROM {t} WHERE created_at > '{Date()}' GROUP BY category ORDER BY revenue DESC"); break;
            case 18: b.Append(Inv, $"UPDATE {t} SET hits = hits + 1, flagged = {(N(2) == 0 ? "true" : "FALSE")} WHERE k = 0x{N(1 << 24):x}"); break;
            case 19: b.Append(Inv, $"SELECT * FROM {t} WHERE price_cents > {N(999)}.{N(99)} AND discount < {N(50)}.5"); break;
            case 20: b.Append(Inv, $"INSERT IGNORE INTO {t} SET customer_id = {N(500_000)}, code = '{Word()}', used_at = NULL"); break;
            case 21: b.Append(Inv, $"select `id`, `email`, `created_at` from `{t}` where `email` = '{Word()}@{Word()}.com'"); break;
            case 22: b.Append(Inv, $"SELECT c.id, COUNT(o.id)\n  FROM customers c\n  LEFT JOIN {t} o ON o.customer_id = c.id\n WHERE c.created_at > '{Date()}'\n GROUP BY c.id\nHAVING COUNT(o.id) > {N(10)}"); break;
            case 23: b.Append(Inv, $"SELECT * FROM {t} WHERE id IN (SELECT {t}_id FROM audit WHERE actor = {N(10_000)}) AND deleted = 0"); break;
            case 24: b.Append(Inv, $"select sleep({N(3)}) from {t} limit 1"); break;
            case 25: b.Append(Inv, $"SELECT id, payload FROM {t} WHERE queue = '{Word()}' AND locked_by IS NULL ORDER BY priority DESC, id ASC LIMIT {1 + N(10)} FOR UPDATE"); break;
            case 26: b.Append(Inv, $"UPDATE {t}\n   SET locked_by = '{Word()}-{N(64)}',\n       locked_at = NOW()\n WHERE id = {N(9_000_000)}"); break;
            case 27: b.Append(Inv, $"SELECT t.id, t.total FROM {t} t WHERE t.customer_id = {N(500_000)} -- account page\n  AND t.total > {N(1000)}"); break;
            case 28: b.Append(Inv, $"DELETE FROM {t} WHERE session_id = '{Word()}{N(1_000_000)}'"); break;
            case 29: b.Append(Inv, $"SELECT MAX(id), MIN(id) FROM {t} WHERE shard = {N(64)}"); break;
            case 30: b.Append(Inv, $"INSERT INTO {t} (id, counter) VALUES ({N(1_000_000)}, 1) ON DUPLICATE KEY UPDATE counter = counter + 1"); break;
            case 31: b.Append(Inv, $"  select   distinct status\tfrom {t}   where region = '{Word()}'"); break;
            case 32: b.Append(Inv, $"SELECT id FROM {t} WHERE updated_at > FROM_UNIXTIME({N(2_000_000_000)}) AND tenant = {N(500)}"); break;
            default: b.Append(Inv, $"SELECT * FROM {t} WHERE email = '{Word()}@example.com' AND password_hash = '{Word()}{Word()}' AND active = 1"); break;
        }
    }
}
