using System.Text;
using Hypercare.Databases.Postgres;

namespace Hypercare.Databases.Tests.Postgres;

/// <summary>Damaged PostgreSQL input, cut and scrambled at random (seeded): never an exception, always located problems.</summary>
public class PostgresBadInputTests
{
    private const string Log = """
        2026-11-26 10:00:01.250 UTC [2001] shop@shopdb LOG:  duration: 12.345 ms  statement: SELECT * FROM orders WHERE note = 'a''b' -- x
        	AND id IN (1, 2, 3) /* c */
        2026-11-26 10:00:02.010 UTC [2002] app@shopdb LOG:  duration: 3.500 ms  execute <unnamed>: SELECT $1::text, $2 FROM t WHERE x = $$q$$
        2026-11-26 10:00:02.010 UTC [2002] app@shopdb DETAIL:  parameters: $1 = 'it''s', $2 = NULL
        {"timestamp":"2026-11-26 10:00:03.000 UTC","pid":3,"error_severity":"LOG","message":"duration: 1 ms  statement: select E'\\'' ","detail":"parameters: $1 = 'x'"}
        """;

    private const string Csv = "queryid,query,calls,total_exec_time,min_exec_time,max_exec_time,mean_exec_time,stddev_exec_time,rows\n"
        + "1,\"SELECT a, \"\"b\"\"\nFROM t WHERE c = $1\",10,2.5,0.1,1,0.25,0.1,10\n2,select 1,1,1,1,1,1,0,1\n";

    [Fact]
    public void ServerLog_RandomlyDamaged_NeverThrows()
    {
        var random = new Random(8);
        var original = Encoding.UTF8.GetBytes(Log);
        for (var round = 0; round < 500; round++)
        {
            var bytes = Damage(original, random);
            var reader = new ServerLogReader(new MemoryStream(bytes), "pg.log");
            foreach (var e in reader.Events())
            {
                Normalizer.Normalize(e.Statement);
                Assert.True(e.Duration >= 0);
            }
            Assert.All(reader.Problems, p => Assert.True(p.Location!.Line >= 1));
        }
    }

    [Fact]
    public void StatStatements_RandomlyDamaged_NeverThrows()
    {
        var random = new Random(13);
        var original = Encoding.UTF8.GetBytes(Csv);
        for (var round = 0; round < 500; round++)
        {
            var reader = new StatStatementsReader(new MemoryStream(Damage(original, random)), "pgss.csv");
            foreach (var row in reader.Rows())
            {
                Normalizer.Normalize(row.Query);
                Assert.True(row.Calls >= 0 && row.TotalTime >= 0);
            }
        }
    }

    [Fact]
    public void Normalize_RandomText_NeverThrows()
    {
        var random = new Random(21);
        const string alphabet = "'\"$-/*eEuU&xb0123456789.,()[]:; \n\tabcINVALUES?";
        for (var round = 0; round < 2000; round++)
        {
            var chars = new char[random.Next(0, 40)];
            for (var i = 0; i < chars.Length; i++) chars[i] = alphabet[random.Next(alphabet.Length)];
            Normalizer.Normalize(new string(chars));
        }
    }

    // Cuts the input short, or flips, drops or inserts a few bytes (newlines, quotes, tabs among them).
    private static byte[] Damage(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        for (var k = random.Next(1, 6); k > 0 && bytes.Count > 0; k--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(3))
            {
                case 0: bytes[at] = (byte)"\n\t'\"$,{}\u00ff"[random.Next(9)]; break;
                case 1: bytes.RemoveAt(at); break;
                default: bytes.Insert(at, (byte)random.Next(256)); break;
            }
        }
        var cut = random.Next(2) == 0 ? random.Next(bytes.Count + 1) : bytes.Count;
        return [.. bytes.Take(cut)];
    }
}
