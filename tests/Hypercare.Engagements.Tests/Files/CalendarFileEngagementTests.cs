using System.Text.Json;
using Hypercare.Engagements.Files;
using Hypercare.Engagements.Lifecycle;

namespace Hypercare.Engagements.Tests.Files;

public class CalendarFileEngagementTests
{
    private const string Engagement = """
        engagement:
          name: Singles' Day 2024
          customer: Example Retail
          edition: basic
          calendar: holidays/cn-2024.yaml
          time_zone: Asia/Shanghai
          request:
            submitted: 2024-09-20
            order: 2024-10-17
          key_phases:
            - name: Singles' Day
              start: 2024-11-11
              end: 2024-11-11
          members:
            - name: Wei Zhang
              email: wei@example.com
              role: customer-project-manager
            - name: Ravi Menon
              email: ravi@hypercare.example
              role: provider-project-manager
        """;

    [Fact]
    public void Engagement_KeepsItsCalendarFile_SoItsRulesHoldAfterTheFileIsGone()
    {
        var dir = Directory.CreateTempSubdirectory("hypercare-calendar-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "holidays"));
            File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "Calendars", "cn-2024.yaml"), Path.Combine(dir.FullName, "holidays", "cn-2024.yaml"));
            var path = Path.Combine(dir.FullName, "hypercare.yaml");
            File.WriteAllText(path, Engagement);

            var file = EngagementFileLoader.Load(path);
            Assert.Null(file.Definition.Country);
            Assert.Equal("CN", file.Calendar.Country);
            var created = Hypercare.Engagements.Lifecycle.Engagement.Create(Guid.NewGuid(), file.Definition, "Ravi Menon", new DateTimeOffset(2024, 9, 20, 2, 0, 0, TimeSpan.Zero));
            var stored = created.History.Select(e => JsonSerializer.Serialize(e, EngagementJson.Options)).ToList();
            dir.Delete(recursive: true);

            var replayed = Hypercare.Engagements.Lifecycle.Engagement.Replay(created.Id, stored.Select(j => JsonSerializer.Deserialize<EngagementEvent>(j, EngagementJson.Options)!));
            var calendar = replayed.Definition.BusinessCalendar();
            Assert.True(calendar.IsBusinessDay(new NodaTime.LocalDate(2024, 9, 29)));
            // The 2024-10-17 order is exactly the earliest valid date under the China 2024 calendar.
            replayed.AcceptRequest("Ravi Menon", new DateTimeOffset(2024, 9, 23, 2, 0, 0, TimeSpan.Zero), calendar);
            Assert.True(replayed.Decision!.Accepted);
        }
        finally
        {
            if (dir.Exists) dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Load_MissingCalendarFile_PointsAtTheCalendarKey()
    {
        var e = Assert.Throws<Core.Problems.BadInputException>(() => EngagementFileLoader.Parse("hypercare.yaml", Engagement, "/nonexistent"));
        var problem = e.Problems.Single();
        Assert.Equal("calendar-file-not-found", problem.Code);
        Assert.Equal((5, 13), (problem.Location!.Line, problem.Location.Column));
    }
}
