using Hypercare.Databases.Postgres;

namespace Hypercare.Databases.Tests.Postgres;

public class NormalizerTests
{
    [Theory]
    [InlineData("SELECT * FROM orders WHERE id = 42", "select * from orders where id = ?")]
    [InlineData("select *\n  from   orders\twhere id=7;", "select * from orders where id = ?")]
    [InlineData("SELECT * FROM orders WHERE id = $1", "select * from orders where id = ?")]
    [InlineData("SELECT name FROM t WHERE s = 'it''s' AND e = E'a\\'b' AND x = $tag$ raw ' $tag$ AND y = $$z$$", "select name from t where s = ? and e = ? and x = ? and y = ?")]
    [InlineData("SELECT a FROM t WHERE b IN (1, 2, 3) AND c in ('x')", "select a from t where b in (...) and c in (...)")]
    [InlineData("SELECT a FROM t WHERE b IN ($1, $2, $3)", "select a from t where b in (...)")]
    [InlineData("INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y'), (3, NULL)", "insert into t (a, b) values (?, ?)")]
    [InlineData("select 1.5e-3, .5, 10 -- a comment\n/* block /* nested */ still */ from t", "select ?, ?, ? from t")]
    [InlineData("SELECT \"Order\".\"Id\", t.col FROM \"Order\" JOIN t ON t.id=\"Order\".\"Id\"", "select \"Order\".\"Id\", t.col from \"Order\" join t on t.id = \"Order\".\"Id\"")]
    [InlineData("SELECT $1::int, CAST('5' AS bigint), now() - interval '1 day'", "select ?::int, cast(? as bigint), now() - interval ?")]
    [InlineData("UPDATE t SET active = TRUE, n = n + 1 WHERE x IS NULL", "update t set active = ?, n = n + ? where x is null")]
    [InlineData("SELECT t1.a FROM t1 WHERE t1.a = ANY($1) LIMIT 20 OFFSET 40", "select t1.a from t1 where t1.a = any(?) limit ? offset ?")]
    [InlineData("SELECT count(*) FROM t", "select count(*) from t")]
    public void Normalize_AbstractsValuesAndCanonicalizesText(string statement, string expected) =>
        Assert.Equal(expected, Normalizer.Normalize(statement));

    [Fact]
    public void Normalize_LogTextAndPgStatStatementsText_Agree()
    {
        var fromLog = Normalizer.Normalize("SELECT id, name FROM products WHERE category = 'shoes' AND price < 2000 ORDER BY rating DESC LIMIT 20");
        var fromView = Normalizer.Normalize("SELECT id, name FROM products WHERE category = $1 AND price < $2 ORDER BY rating DESC LIMIT $3");
        Assert.Equal(fromLog, fromView);
        Assert.Equal(Normalizer.QueryId(fromLog), Normalizer.QueryId(fromView));
        Assert.Matches("^[0-9A-F]{32}$", Normalizer.QueryId(fromLog));
    }

    [Theory]
    [InlineData("")]
    [InlineData("'unterminated")]
    [InlineData("$tag$ never closed")]
    [InlineData("/* never closed")]
    [InlineData("\"open")]
    [InlineData("E'\\")]
    public void Normalize_DamagedText_NeverThrows(string statement) => Normalizer.Normalize(statement);
}
