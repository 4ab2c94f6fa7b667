using System.Globalization;
using System.Text;

namespace Hypercare.Databases.Tests.Digest;

/// <summary>The header styles servers write.</summary>
internal enum LogShape { MySql51, MySql57, Percona, MySql80Extra, Mixed }

/// <summary>Writes slow logs of many query classes with a seeded Random, in the shapes real servers produce.</summary>
internal sealed class SlowLogGenerator(int seed, LogShape shape)
{
    private readonly Random _random = new(seed);
    private static readonly string[] Users = ["shop", "app", "report", "root"];
    private static readonly string[] Hosts = ["localhost", "", "app-1.internal", "10.0.0.7"];
    private static readonly string[] Databases = ["shop", "billing", "analytics"];

    public string Write(int events)
    {
        var b = new StringBuilder();
        var time = new DateTimeOffset(2026, 11, 26, 16, 0, 0, TimeSpan.Zero);
        var lastSecond = -1L;
        string? db = null;
        Banner(b);
        for (var i = 0; i < events; i++)
        {
            time = time.AddMilliseconds(_random.Next(0, 900));
            var style = shape == LogShape.Mixed ? (LogShape)_random.Next(0, 4) : shape;
            if (i > 0 && _random.Next(0, 400) == 0) Banner(b);
            var second = time.ToUnixTimeSeconds();
            if (style == LogShape.MySql51)
            {
                if (second != lastSecond) b.Append(CultureInfo.InvariantCulture, $"# Time: {time:yyMMdd} {time.Hour,2}:{time:mm:ss}\n");
            }
            else if (second != lastSecond || _random.Next(0, 3) > 0) b.Append(CultureInfo.InvariantCulture, $"# Time: {time:yyyy-MM-ddTHH:mm:ss.ffffff}Z\n");
            lastSecond = second;
            var user = Users[_random.Next(Users.Length)];
            var host = Hosts[_random.Next(Hosts.Length)];
            var thread = _random.Next(1, 500);
            var ip = host.Length == 0 || char.IsDigit(host[0]) ? "10.0.0." + _random.Next(2, 250) : "";
            b.Append(CultureInfo.InvariantCulture, $"# User@Host: {user}[{user}] @ {host} [{ip}]{(style == LogShape.MySql51 ? "" : $"  Id: {thread,6}")}\n");
            var queryTime = Math.Round(_random.NextDouble() < 0.1 ? _random.NextDouble() * 5 : _random.NextDouble() * 0.05, 6);
            var lockTime = Math.Round(_random.NextDouble() * 0.001, 6);
            var sent = _random.Next(0, 500);
            var examined = sent + _random.Next(0, 50_000);
            var admin = _random.Next(0, 60) == 0;
            var nextDb = Databases[_random.Next(Databases.Length)];
            if (style == LogShape.Percona) b.Append(CultureInfo.InvariantCulture, $"# Thread_id: {thread}  Schema: {nextDb}  Last_errno: 0  Killed: 0\n");
            if (style == LogShape.MySql51 && _random.Next(0, 4) == 0)
            {
                // 5.0 wrote whole seconds.
                queryTime = _random.Next(0, 12);
                lockTime = 0;
                b.Append(CultureInfo.InvariantCulture, $"# Query_time: {queryTime}  Lock_time: 0  Rows_sent: {sent}  Rows_examined: {examined}");
            }
            else b.Append(CultureInfo.InvariantCulture, $"# Query_time: {F(queryTime)}  Lock_time: {F(lockTime)} Rows_sent: {sent}  Rows_examined: {examined}");
            if (style == LogShape.Percona) b.Append(CultureInfo.InvariantCulture, $"  Rows_affected: 0\n# Bytes_sent: {sent * 40}  Tmp_tables: 0  Tmp_disk_tables: 0  Tmp_table_sizes: 0\n# QC_Hit: No  Full_scan: {(examined > 1000 ? "Yes" : "No")}  Full_join: No  Tmp_table: No  Tmp_table_on_disk: No\n# Filesort: No  Filesort_on_disk: No  Merge_passes: 0\n");
            else if (style == LogShape.MySql80Extra) b.Append(CultureInfo.InvariantCulture, $" Thread_id: {thread} Errno: 0 Killed: 0 Bytes_received: 0 Bytes_sent: {sent * 40} Read_first: 0 Read_last: 0 Read_key: 1 Read_next: {examined} Read_prev: 0 Read_rnd: 0 Read_rnd_next: 0 Sort_merge_passes: 0 Sort_range_count: 0 Sort_rows: 0 Sort_scan_count: 0 Created_tmp_disk_tables: 0 Created_tmp_tables: 0 Start: {time.AddSeconds(-queryTime):yyyy-MM-ddTHH:mm:ss.ffffff}Z End: {time:yyyy-MM-ddTHH:mm:ss.ffffff}Z\n");
            else b.Append('\n');
            if (admin)
            {
                b.Append(CultureInfo.InvariantCulture, $"SET timestamp={second};\n# administrator command: {(_random.Next(2) == 0 ? "Quit" : "Ping")};\n");
                continue;
            }
            if (db != nextDb || _random.Next(0, 5) == 0) b.Append(CultureInfo.InvariantCulture, $"use {nextDb};\n");
            db = nextDb;
            if (_random.Next(0, 10) == 0) b.Append(CultureInfo.InvariantCulture, $"SET insert_id={_random.Next(1, 9999)},timestamp={second};\n");
            else if (style != LogShape.MySql51 || _random.Next(2) == 0) b.Append(CultureInfo.InvariantCulture, $"SET timestamp={second};\n");
            b.Append(Statement()).Append(";\n");
        }
        return b.ToString();
    }

    private static string F(double seconds) => seconds.ToString("0.000000", CultureInfo.InvariantCulture);

    private static void Banner(StringBuilder b) =>
        b.Append("/usr/sbin/mysqld, Version: 8.0.36 (MySQL Community Server - GPL). started with:\nTcp port: 3306  Unix socket: /var/run/mysqld/mysqld.sock\nTime                 Id Command    Argument\n");

    private int N(int max) => _random.Next(0, max);

    private string Str() => new string(Enumerable.Range(0, _random.Next(1, 12)).Select(_ => (char)('a' + _random.Next(26))).ToArray());

    /// <summary>About 30 templates over 12 tables: a few hundred classes, with values that vary per call.</summary>
    private string Statement()
    {
        var table = "t_" + "abcdefghijkl"[N(12)];
        var column = "col" + N(3);
        return N(30) switch
        {
            0 => $"SELECT * FROM {table} WHERE id = {N(100000)}",
            1 => $"select id, name from {table} where {column} = '{Str()}' and status in ({string.Join(", ", Enumerable.Range(0, 1 + N(8)).Select(_ => N(99)))})",
            2 => $"SELECT id, sku, name FROM {table}\n  WHERE category = '{Str()}'\n    AND price_cents BETWEEN {N(1000)} AND {N(100000)}\n  ORDER BY rating DESC\n  LIMIT {N(50)}",
            3 => $"INSERT INTO {table} (a, b, c) VALUES ({N(9)}, '{Str()}', NOW()){string.Concat(Enumerable.Range(0, N(5)).Select(_ => $", ({N(9)}, '{Str()}', NOW())"))}",
            4 => $"UPDATE {table} SET stock = stock - {1 + N(3)} WHERE id = {N(9999)}",
            5 => $"DELETE FROM {table} WHERE created_at < '2026-0{1 + N(9)}-1{N(9)}' LIMIT {N(1000)}",
            6 => $"SELECT o.id, c.name FROM {table} o JOIN customers c ON c.id = o.customer_id WHERE o.total > {N(500)}.{N(99)} ORDER BY o.id ASC LIMIT {N(100)}, {N(20)}",
            7 => $"select count(*) from {table} where {column} is null",
            8 => $"SELECT /* controller:checkout */ * FROM {table} WHERE session = \"{Str()}\"",
            9 => $"select * from {table} where name like '{Str()}%' -- autocomplete",
            10 => $"CALL refresh_{table}({N(9)}, '{Str()}')",
            11 => $"REPLACE INTO {table} VALUES ({N(99)}, 'x''{Str()}'), ({N(9)}, 'y')",
            12 => $"SELECT a FROM {table} WHERE x = {N(9)} UNION ALL SELECT a FROM {table} WHERE x = {N(9)}",
            13 => $"select * from {table} limit {N(10)} offset {N(100)}",
            14 => $"SELECT SQL_NO_CACHE {column}, SUM(amount) FROM {table} GROUP BY {column} ORDER BY {column} ASC",
            15 => $"update {table} set hits = hits + 1, seen = {(N(2) == 0 ? "true" : "FALSE")} where k = 0x{N(65535):X}",
            16 => $"SELECT * FROM {table} WHERE price > -{N(99)}.5e{N(3)} AND ratio < 1.5",
            17 => $"insert ignore into {table} set a = {N(9)}, b = NULL",
            18 => $"SELECT *\nFROM {table}\nWHERE id IN (\n  {N(9)},\n  {N(9)}\n)",
            19 => $"select `id`, `name` from `{table}` where `{column}` = {N(100)}",
            20 => $"SHOW STATUS LIKE 'Threads_{Str()}'",
            21 => $"SELECT * FROM {table} WHERE a = 'it\\'s {Str()}'",
            22 => $"begin",
            23 => $"COMMIT",
            24 => $"SET NAMES utf8mb4",
            25 => $"select sleep({N(3)}) from {table}",
            26 => $"SELECT * FROM {table} t1 WHERE t1.v{N(3)} = {N(9)}",
            27 => $"SELECT * FROM {table} WHERE id IN (SELECT id FROM other WHERE z = {N(9)})",
            28 => $"  select   distinct {column}\tfrom {table}  ",
            _ => $"SELECT /*!40001 SQL_NO_CACHE */ * FROM `{table}`",
        };
    }
}
