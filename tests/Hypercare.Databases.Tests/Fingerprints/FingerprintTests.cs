using Hypercare.Databases.Fingerprints;

namespace Hypercare.Databases.Tests.Fingerprints;

public class FingerprintTests
{
    /// <summary>Statements and the fingerprint pt-query-digest 3.2.1 gives them (observed with the tool).</summary>
    public static TheoryData<string, string> Shapes => new()
    {
        { "SELECT * FROM t WHERE a = 1 AND b='x'", "select * from t where a = ? and b=?" },
        { "select sleep(2) from test.n", "select sleep(?) from test.n" },
        { "SELECT /*!40001 SQL_NO_CACHE */ * FROM `orders`", "mysqldump" },
        { "CALL refresh_cache(1, 'x')", "call refresh_cache" },
        { "INSERT INTO t (a,b) VALUES (1,'a'),(2,'b')", "insert into t (a,b) values(?+)" },
        { "REPLACE IGNORE INTO t VALUES(1, 'a'), (2, 'b')", "replace ignore into t values(?+)" },
        { "insert into t(a) value (1)", "insert into t(a) value(?+)" },
        { "UPDATE products SET stock = stock - 1 WHERE id=5", "update products set stock = stock ? ? where id=?" },
        { "select * from t where id in (1,2,3) limit 5, 10", "select * from t where id in(?+) limit ?" },
        { "select * from t limit 10 offset 5", "select * from t limit ?" },
        { "select a from t order by a ASC, b asc", "select a from t order by a, b" },
        { "select * from t order by x, ascii(y)", "select * from t order by x,ii(y)" },
        { "SELECT * FROM t WHERE a IN (SELECT b FROM u ORDER BY c ASC) ORDER BY d ASC", "select * from t where a in (select b from u order by c) order by d" },
        { "use shop", "use ?" },
        { "USE `shop`", "use ?" },
        { "select 1 union select 2 union select 3", "select ? /*repeat union*/" },
        { "SELECT Nullable, NULL, a.null FROM t WHERE x IS NOT NULL", "select nullable, ?, a.? from t where x is not ?" },
        { "select true, FALSE, trueish from t", "select ?, ?, trueish from t" },
        { "select * from x1 where c=0x1F and d=-5e3", "select * from ? where c=?f and d=?" },
        { "administrator command: Quit", "administrator command: Quit" },
        { "/* hi */ select   *\n from t # x\nwhere a='b'", "select * from t where a=?" },
        { "select a -- note\nfrom t", "select a from t" },
        { "select * from t where x = 'abc' -- trailing 'q'", "select * from t where x = ? ? trailing ?" },
        { "select /*! STRAIGHT_JOIN */ a from t", "select /*! straight_join */ a from t" },
        { "SELECT /*foo.bar:3/3*/ 1", "percona-toolkit" },
        { "select 'a\\'b', \"x\\\"y\" from t  ", "select ?, ? from t " },
        { "SELECT a FROM t WHERE b = 'it''s'", "select a from t where b = ??" },
        { "select * from t where a in ( 1 , 2 ) and b in ('x') or c in ()", "select * from t where a in(?+) and b in(?+) or c in(?+)" },
        { "select a-1, a+-1, 1.5e-3, .5, x.y1 from t", "select a?, a?, ?, ?, x.y? from t" },
        { "SELECT ÉTÉ FROM café", "select ÉtÉ from café" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Of_KnownShape_GivesThePeersFingerprint(string statement, string expected) => Assert.Equal(expected, Fingerprint.Of(statement));

    [Theory]
    [MemberData(nameof(Shapes))]
    [MemberData(nameof(EdgeShapes))]
    public void Scanner_KnownShape_AgreesWithTheRegularExpressions(string statement, string expected)
    {
        Assert.Equal(Fingerprint.OfByRegexes(statement), FingerprintScanner.Of(statement));
        Assert.Equal(expected, Fingerprint.Of(statement));
    }

    /// <summary>Statements at the edges of the convention's expressions, where a scanner could part from them.</summary>
    public static TheoryData<string, string> EdgeShapes => new()
    {
        { "CALL p(f(1))", "call p(f" },
        { "  call\tsp()", "call\tsp" },
        { "call (x)", "call (x)" },
        { "callx(1)", "callx(?)" },
        { "INSERT INTO t VALUES (1), (2)", "insert into t values(?+)" },
        { "insert  ignore into t values (1),(2)", "insert ignore into t values(?+)" },
        { "INSERT IGNORE  INTO t VALUES ('a)'), ('b')", "insert ignore into t values(?+)" },
        { "INSERT INTO values_t (a) VALUES (1) , (2)", "insert into values_t (a) values(?+)" },
        { "INSERT INTO t SELECT * FROM u WHERE x IN (1), (2)", "insert into t select * from u where x in(?+)" },
        { "REPLACE INTO t VALUES (1)", "replace into t values(?+)" },
        { " INSERT INTO t VALUES (1), (2)", "insert into t values(?+)" },
        { "select /**/ 1 */ from t", "select from t" },
        { "select /*x*/ a /*y*/ from t /* z", "select a from t /* z" },
        { "select a # one 'q\n# two\nfrom t", "select a # one 'q from t" },
        { "select a ---x\n from t", "select a from t" },
        { "select a -- x \"y\"", "select a ? x ?" },
        { "USE db\n", "use ?\n" },
        { "use db x", "use db x" },
        { "use ", "use " },
        { "select 'a\\\\'b' from t", "select ? from t" },
        { "select \"a'b\", 'c\"d' from t", "select ?, ? from t" },
        { "select 'unterminated from t", "select 'unterminated from t" },
        { "select TRUE_x, xtrue, true1, (true) from t", "select true_x, xtrue, true?, (?) from t" },
        { "select 1e5, 0b101, 0xdeadBEEF, 12.5.6, --1 from t", "select ?, ?, ?beef, ?, " },
        { "select col-b, x+.5 from t", "select col?, ? from t" },
        { "\v select\v\va from t\n", "select\v\va from t" },
        { "\n\n select\r\n\ta\f from t", "select a from t" },
        { "select nulls, null_x, (null), is null from t", "select nulls, null_x, (?), is ? from t" },
        { "select * from t where a in(1)(2) and b values (1) and c in (x)", "select * from t where a in(?+) and b values(?+) and c in (x)" },
        { "select * from t where a in ( ? , ? ) ,(?)", "select * from t where a in(?+)" },
        { "select * from t where joinin (1) and win(1) and _in(1)", "select * from t where joinin (?) and win(?) and _in(?)" },
        { "select a from t union select a from t union all select a from t union select b from t", "select a from t /*repeat union all*/ union select b from t" },
        { "select a from t union all select a from t union all select a from t", "select a from t /*repeat union all*/" },
        { "select x union select x", "select x /*repeat union*/" },
        { "(select a from t) union (select a from t)", "(select a from t) union (select a from t)" },
        { "select a union select ab", "select a /*repeat union*/b" },
        { "select a limit 1, 2 limit 3", "select a limit ? limit ?" },
        { "select a limit 1,2", "select a limit ?" },
        { "select a limit 1 offset 2", "select a limit ?" },
        { "select a limit  1", "select a limit ?" },
        { "select a xlimit 1 limit 2, 3", "select a xlimit ? limit ?" },
        { "select a from t order by a asc", "select a from t order by a" },
        { "select a from t order by asc asc", "select a from t order by asc" },
        { "select a from t order by a desc, b asc, c asc", "select a from t order by a desc, b, c" },
        { "select a from t order by a desc, b", "select a from t order by a desc, b" },
        { "select a from t xorder by a asc order by b asc", "select a from t xorder by a asc order by b" },
        { "select a from t order by  a\vasc", "select a from t order by a" },
        { "SELECT /*a.b:1/2*/ x", "percona-toolkit" },
        { "SELECT /*a.b:1/2 */ x", "select x" },
        { "SELECT /*!40001 SQL_NO_CACHE */ * FROM t", "select /*!? sql_no_cache */ * from t" },
        { "administrator command: Ping", "administrator command: Ping" },
        { "", "" },
        { "   ", "" },
    };

    /// <summary>
    /// Random statements made of the pieces the expressions react to (keywords in any case, quotes, escapes, comments,
    /// numbers, every kind of whitespace, lists, unions) and of every other ASCII character: the scanner must give
    /// exactly what the chain of regular expressions gives.
    /// </summary>
    [Fact]
    public void Scanner_RandomStatements_AgreeWithTheRegularExpressions()
    {
        string[] pieces =
        [
            "select ", "SELECT ", "select", " union ", " union all ", " UNION ", "insert", "INSERT ", "replace ", " ignore", " IGNORE ", " into ", " INTO ",
            "values", " VALUES ", "value", "value ", " in ", "in(", " IN (", "(", ")", ",", " , ", "?", "'", "\"", "\\", "\\'", "\\\"", "/*", "*/", "/*!",
            "--", "#", "-", "+", ".", "0x1F", "0XAB", "b'01'", "1", "42", "3.14", "-5e3", "1e+10", "x", "b", "true", "FALSE", "null", "NULL", "nullx",
            "limit ", "LIMIT ", " offset ", "order by ", "ORDER BY ", " asc", " ASC", "ascii(", "desc", "call ", "CALL ", "use ", "USE ", "administrator command: ",
            "/*a.b:1/2*/", " ", "  ", "\n", "\r\n", "\t", "\f", "\v", "t", "a", "id", "_", "`", "select a from t", " union select a from t", " union all select a from t",
        ];
        var random = new Random(8);
        for (var round = 0; round < 200_000; round++)
        {
            var b = new System.Text.StringBuilder();
            var count = random.Next(1, 14);
            for (var i = 0; i < count; i++)
            {
                if (random.Next(8) == 0) b.Append((char)random.Next(1, 128));
                else b.Append(pieces[random.Next(pieces.Length)]);
            }
            var statement = b.ToString();
            var expected = Fingerprint.OfByRegexes(statement);
            var actual = FingerprintScanner.Of(statement);
            if (expected != actual)
                Assert.Fail($"statement: {Show(statement)}\n  regexes: {Show(expected)}\n  scanner: {Show(actual)}");
        }
    }

    /// <summary>Every ASCII character where the expressions test for whitespace, word characters or boundaries.</summary>
    [Fact]
    public void Scanner_EveryAsciiCharacterInEverySensitivePlace_AgreesWithTheRegularExpressions()
    {
        string[] templates =
        [
            "{0}call{0}p(1)", "INSERT{0}INTO t VALUES{0}(1){0},{0}(2)", "REPLACE IGNORE{0}INTO t VALUES (1), (2)", "select{0}a{0}union{0}all{0}select{0}a",
            "select a from t order by a{0}asc, b{0}ASC", "select * from t where a in{0}(1,{0}2) and b values{0}(?)", "select{0}true{0}x{0}false{0}",
            "select{0}null{0}x", "select a limit{0}1{0},{0}2", "{0}use{0}db{0}", "use d{0}", "select a -- x{0}y", "select a # x{0}'y", "select /*{0}x*/ 1{0}",
            "select 0x1{0}, 1{0}e5, a{0}1, x{0}?", "{0}{0}select\n{0}\n a{0}", "SELECT /*a{0}b.c:1/2*/ 1", "select 'a{0}\\'b' from t{0}",
        ];
        for (var c = (char)0; c < 128; c++)
        {
            foreach (var template in templates)
            {
                var statement = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, c);
                var expected = Fingerprint.OfByRegexes(statement);
                var actual = FingerprintScanner.Of(statement);
                if (expected != actual)
                    Assert.Fail($"statement: {Show(statement)}\n  regexes: {Show(expected)}\n  scanner: {Show(actual)}");
            }
        }
    }

    private static string Show(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    [Fact]
    public void Of_NonAsciiStatement_TakesTheRegularExpressions() =>
        Assert.Equal("select ÉtÉ from café where a\u00a0= ?", Fingerprint.Of("SELECT ÉTÉ FROM café WHERE a\u00a0= 1"));

    [Fact]
    public void QueryId_IsUppercaseMd5OfTheFingerprint() =>
        Assert.Equal("A853B50CDEB4866B3A99CC42AEDCCFCD", Fingerprint.QueryId("select sleep(?) from test.n"));

    [Fact]
    public void QueryId_OfTheShopsWorstQuery_IsTheOnePtQueryDigestPrints() =>
        Assert.Equal("65A038189275DABBDB2D656F2BF76569", Fingerprint.QueryId(Fingerprint.Of(
            "SELECT id, sku, name, category, price_cents, rating, stock FROM products WHERE category = 'shoes' AND price_cents BETWEEN 1000 AND 20000 ORDER BY rating DESC LIMIT 20")));

    /// <summary>
    /// pt-fingerprint run over the same statements. Its one known difference from pt-query-digest (it keeps true and
    /// false) is left out: the digest's IDs follow pt-query-digest, whose checks are in PeerComparisonTests. So are
    /// statements with a <c>#</c> comment, which pt-fingerprint's file mode does not read as one statement.
    /// </summary>
    [PerconaFact]
    public void Of_EveryShape_AgreesWithPtFingerprint()
    {
        var statements = Shapes.Select(row => (string)row[0]).Where(s => !s.Contains("true", StringComparison.OrdinalIgnoreCase) && !s.Contains("false", StringComparison.OrdinalIgnoreCase) && !s.Contains('#', StringComparison.Ordinal))
            .Concat(MoreShapes).ToList();
        using var folder = new TempFolder();
        var path = folder.File("queries.sql");
        File.WriteAllText(path, string.Concat(statements.Select(s => s + ";\n")));
        var peer = PerconaToolkit.Run("pt-fingerprint", path).Split('\n')[..^1];
        Assert.True(statements.Count == peer.Length, string.Join("\n", peer));
        for (var i = 0; i < statements.Count; i++)
            Assert.True(peer[i] == Fingerprint.Of(statements[i]), $"{statements[i]}\n  pt:   {peer[i]}\n  ours: {Fingerprint.Of(statements[i])}");
    }

    private static readonly string[] MoreShapes =
    [
        "SELECT id, sku, name, category, price_cents, rating, stock FROM products WHERE category = 'shoes' AND price_cents BETWEEN 1000 AND 20000 ORDER BY rating DESC LIMIT 20",
        "select * from t1 where a = 'x' union all select * from t1 where a = 'y' union all select * from t1 where a='z'",
        "INSERT INTO orders (id, total) VALUES (1, 2.5) ON DUPLICATE KEY UPDATE total = VALUES(total)",
        "select * from t where name like 'ab%' and created > '2026-01-01 00:00:00'",
        "DELETE FROM sessions WHERE expires < 1795712131 LIMIT 1000",
        "select count(*) from `t` where `x` is null",
        "SELECT * FROM t WHERE a = -1 AND b = +2 AND c = 3.14e+10",
        "select md5('x'), sha1(\"y\") from t where id = 'a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4'",
        "SHOW CREATE TABLE `db`.`t`",
        "SET NAMES utf8mb4",
        "select * from t where a in (1) and (b, c) in ((1, 2), (3, 4))",
        "call sp(1)",
        "  select   distinct col0\tfrom t_h  ",
        "select\n  a,\n  b\nfrom t\nwhere c = 1",
        "select * from t where k = 0xABCDEF and b = b'0101'",
        "select x from t order by x desc, y asc limit 1",
        "insert into t values (1, 'a''b'), (2, 'c')",
        "SELECT * FROM t WHERE a = \"q\"\"uote\"",
    ];
}
