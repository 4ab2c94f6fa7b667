using Hypercare.Core.Problems;
using NodaTime;
using NodaTime.Text;

namespace Hypercare.Core.Tests.Calendar;

/// <summary>Paths of the calendar fixtures and small helpers shared by the calendar tests.</summary>
internal static class CalendarTestFiles
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Calendars", name);

    public static LocalDate Date(string iso) => LocalDatePattern.Iso.Parse(iso).GetValueOrThrow();

    /// <summary>Runs the action and returns the only problem of the <see cref="BadInputException"/> it throws.</summary>
    public static Problem SingleProblem(Action action)
    {
        var exception = Assert.Throws<BadInputException>(action);
        return Assert.Single(exception.Problems);
    }
}
