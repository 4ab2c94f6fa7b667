using Hypercare.Databases.Sql;

namespace Hypercare.Databases.Tests.Sql;

public class SqlTokenizerTests
{
    [Fact]
    public void Tokens_QuotedNamesStringsNumbersPlaceholdersAndComments()
    {
        var tokens = SqlTokenizer.Tokenize("SELECT `a b`, \"C\" FROM t -- note\nWHERE x = 'it''s \\'q\\'' AND y >= -1.5e3 /* c */ AND z = ? AND w = $2 # end");
        Assert.Equal(
            ["SELECT", "a b", ",", "C", "FROM", "t", "WHERE", "x", "=", "it's 'q'", "AND", "y", ">=", "-", "1.5e3", "AND", "z", "=", "?", "AND", "w", "=", "$2"],
            tokens.Select(t => t.Text));
        Assert.Equal(SqlTokenKind.QuotedName, tokens[1].Kind);
        Assert.Equal(SqlTokenKind.QuotedName, tokens[3].Kind);
        Assert.Equal(SqlTokenKind.Text, tokens[9].Kind);
        Assert.Equal(SqlTokenKind.Number, tokens[14].Kind);
        Assert.Equal(SqlTokenKind.Placeholder, tokens[18].Kind);
        Assert.Equal(SqlTokenKind.Placeholder, tokens[22].Kind);
    }

    [Fact]
    public void Tokens_MultiCharacterOperatorsHexAndVersionedComments()
    {
        var tokens = SqlTokenizer.Tokenize("a<>b AND c!=0x1F AND d<=>e AND f::int /*!40001 SQL_NO_CACHE */");
        Assert.Equal(["a", "<>", "b", "AND", "c", "!=", "0x1F", "AND", "d", "<=>", "e", "AND", "f", "::", "int", "SQL_NO_CACHE"], tokens.Select(t => t.Text));
    }

    [Theory]
    [InlineData("SELECT 'open", "a string is not closed")]
    [InlineData("SELECT \"open", "is not closed")]
    [InlineData("SELECT 1 /* open", "a comment is not closed")]
    public void Tokens_UnclosedInput_IsLocated(string sql, string message)
    {
        var e = Assert.Throws<SqlSyntaxException>(() => SqlTokenizer.Tokenize(sql));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Contains("at character", e.Message, StringComparison.Ordinal);
    }
}

public class SqlReaderTests
{
    private static QueryShape Shape(string sql)
    {
        var r = SqlReader.Read(sql);
        Assert.True(r.Shape is not null, r.Reason);
        return r.Shape!;
    }

    private static string Describe(QueryShape s) => string.Join("; ", s.Predicates.Select(p => $"{p.Column} {p.Kind}{(p.Other is null ? "" : " " + p.Other)}"));

    [Fact]
    public void TheShopsSearch_EqualityRangeOrderAndLimit()
    {
        var s = Shape("SELECT id, sku FROM products WHERE category = 'shoes' AND price_cents BETWEEN 1000 AND 20000 ORDER BY rating DESC LIMIT 20");
        Assert.Equal("SELECT", s.Verb);
        Assert.Equal("products", Assert.Single(s.Tables).Name);
        Assert.Equal("category Equality; price_cents Range", Describe(s));
        Assert.Equal("rating", Assert.Single(s.OrderBy).Column.Name);
        Assert.True(s.OrderBy[0].Descending);
        Assert.Equal(20, s.Limit);
    }

    [Fact]
    public void JoinsWithAliases_OnConditionsAreJoinPredicatesOnBothSides()
    {
        var s = Shape("SELECT o.id FROM orders AS o INNER JOIN users u ON u.id = o.user_id LEFT OUTER JOIN carts c ON c.id = o.cart_id AND c.status = 'open' WHERE o.total_cents > 100 ORDER BY o.created_at");
        Assert.Equal(["orders/o", "users/u", "carts/c"], s.Tables.Select(t => $"{t.Name}/{t.Alias}"));
        Assert.Equal("u.id Join o.user_id; o.user_id Join u.id; c.id Join o.cart_id; o.cart_id Join c.id; c.status Equality; o.total_cents Range", Describe(s));
        Assert.Equal("o.created_at", s.OrderBy[0].Column.ToString());
    }

    [Fact]
    public void CommaJoinsSchemasQuotedNamesAndPlaceholders()
    {
        var s = Shape("select `p`.`name` from `shop`.`products` `p`, \"Order Items\" oi where oi.product_id = p.id and p.\"category\" in (?, ?) and oi.qty <= $1 limit 10, 20");
        Assert.Equal("shop", s.Tables[0].Schema);
        Assert.Equal("p", s.Tables[0].Alias);
        Assert.Equal("Order Items", s.Tables[1].Name);
        Assert.Equal("oi.product_id Join p.id; p.id Join oi.product_id; p.category In; oi.qty Range", Describe(s));
        Assert.Equal(20, s.Limit);
    }

    [Fact]
    public void ReversedComparisonsLikePrefixesAndNulls()
    {
        var s = Shape("SELECT * FROM t WHERE 5 < a AND b LIKE 'abc%' AND c LIKE '%x' AND d IS NULL AND e IS NOT NULL AND f <> 3 AND g NOT IN (1)");
        Assert.Equal("a Range; b PrefixLike; d IsNull", Describe(s));
        Assert.Contains(s.Notes, n => n.Contains("LIKE", StringComparison.Ordinal));
    }

    [Fact]
    public void FunctionsOfColumnsAndOrAreNotedNotAdvised()
    {
        var s = Shape("SELECT * FROM users WHERE lower(email) = 'a@b' AND id > 3");
        Assert.Equal("id Range", Describe(s));
        Assert.Contains(s.Notes, n => n.Contains("expression of a column", StringComparison.Ordinal));
        var or = Shape("SELECT * FROM users WHERE a = 1 OR b = 2");
        Assert.Empty(or.Predicates);
        Assert.Contains(or.Notes, n => n.Contains("OR", StringComparison.Ordinal));
        var nested = Shape("SELECT * FROM users WHERE (a = 1 AND (b = 2)) AND (c = 1 OR d = 2)");
        Assert.Equal("a Equality; b Equality", Describe(nested));
    }

    [Fact]
    public void SubqueriesAreSkippedGracefully()
    {
        var s = Shape("SELECT x.* FROM (SELECT * FROM big) x JOIN small s ON s.id = x.small_id WHERE s.kind = 'a' AND x.id IN (SELECT id FROM other WHERE z = 1) AND EXISTS (SELECT 1 FROM t2 WHERE t2.a = s.a)");
        Assert.Equal("small", Assert.Single(s.Tables).Name);
        Assert.Contains("s.kind Equality", Describe(s), StringComparison.Ordinal);
        Assert.Contains(s.Notes, n => n.Contains("derived table", StringComparison.Ordinal));
        var scalar = Shape("SELECT * FROM t WHERE a = (SELECT max(a) FROM t) AND b = 2");
        Assert.Equal("b Equality", Describe(scalar));
    }

    [Fact]
    public void UpdateAndDelete()
    {
        var u = Shape("UPDATE LOW_PRIORITY products SET stock = stock - 1 WHERE id = 5 AND stock > 0");
        Assert.Equal("UPDATE", u.Verb);
        Assert.Equal("products", Assert.Single(u.Tables).Name);
        Assert.Equal("id Equality; stock Range", Describe(u));
        var d = Shape("DELETE FROM sessions WHERE created_at < '2026-01-01' ORDER BY created_at LIMIT 1000");
        Assert.Equal("DELETE", d.Verb);
        Assert.Equal("created_at Range", Describe(d));
        Assert.Equal(1000, d.Limit);
        var pg = Shape("DELETE FROM carts c USING users u WHERE c.user_id = u.id AND u.email = $1");
        Assert.Equal(["carts", "users"], pg.Tables.Select(t => t.Name));
    }

    [Fact]
    public void GroupByIndexHintsAndOffsets()
    {
        var s = Shape("SELECT category, count(*) FROM products FORCE INDEX (x) WHERE stock = 0 GROUP BY category ORDER BY count(*) DESC LIMIT 5 OFFSET 10");
        Assert.Equal("category", Assert.Single(s.GroupBy).Name);
        Assert.Empty(s.OrderBy);
        Assert.Equal(5, s.Limit);
    }

    [Theory]
    [InlineData("INSERT INTO t VALUES (1)", "INSERT")]
    [InlineData("SELECT 1", "without FROM")]
    [InlineData("SELECT a FROM t UNION SELECT b FROM u", "UNION")]
    [InlineData("WITH x AS (SELECT 1) SELECT * FROM x", "WITH")]
    [InlineData("SELECT * FROM t WHERE a = 'x", "not closed")]
    [InlineData("SELECT * FROM t WHERE (a = 1", "not closed")]
    [InlineData("SELECT * FROM t WHERE a = 1)", "has no '('")]
    [InlineData("SELECT 1; SELECT 2", "several statements")]
    [InlineData("", "empty")]
    [InlineData("administrator command: Quit", "ADMINISTRATOR")]
    [InlineData("  call refresh(1)", "CALL reads no rows")]
    [InlineData("SELECT * FROM 42", "where a table was expected")]
    public void Unreadable_GivesAReasonAndNeverThrows(string sql, string reason)
    {
        var r = SqlReader.Read(sql);
        Assert.Null(r.Shape);
        Assert.Contains(reason, r.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void HugeStatements_AreNotTokenized()
    {
        var insert = "INSERT INTO t VALUES " + string.Join(",", Enumerable.Repeat("(1,'x')", 400_000));
        Assert.Contains("INSERT", SqlReader.Read(insert).Reason, StringComparison.Ordinal);
        var select = "SELECT * FROM t WHERE a IN (" + string.Join(",", Enumerable.Repeat("1", 600_000)) + ")";
        Assert.Contains("too long", SqlReader.Read(select).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ArbitraryBytes_NeverThrow()
    {
        var random = new Random(7);
        const string alphabet = "SELECT FROM WHERE AND OR ( ) ' \" ` , . = < > ? $1 a b 1 2 JOIN ON IN BETWEEN LIKE ORDER BY LIMIT ; -- /* */ #\n";
        for (var n = 0; n < 3000; n++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(1, 80)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var r = SqlReader.Read(text);
            Assert.True(r.Shape is not null || r.Reason is not null);
        }
    }
}
