using Microsoft.Data.Sqlite;

namespace Hypercare.Cli.Tests;

public class AuditCommandTests
{
    [Fact]
    public async Task AuditVerify_AfterCliChanges_IsIntact_AndNamesATamperedRow()
    {
        using var cli = new Cli(new DateTimeOffset(2027, 9, 1, 14, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, (await cli.Run("engagement", "create", Cli.Sample, "--by", "Ravi Menon")).Code);
        var list = await cli.Run("engagement", "list", "--json");
        var id = System.Text.Json.JsonDocument.Parse(list.Out).RootElement[0].GetProperty("id").GetString()!;
        Assert.Equal(0, (await cli.Run("request", "accept", id, "--by", "Ravi Menon")).Code);

        var intact = await cli.Run("audit", "verify");
        Assert.True(intact.Code == 0, intact.ToString());
        Assert.Contains("audit trail intact: 2 entries", intact.Out);

        await using (var connection = new SqliteConnection($"Data Source={cli.Database};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE audit_entries SET actor = 'Mallory' WHERE sequence = 1";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }
        var broken = await cli.Run("audit", "verify");
        Assert.Equal(1, broken.Code);
        Assert.Contains("edited: entry 1", broken.Out);
    }
}
