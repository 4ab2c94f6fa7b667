using Hypercare.Core.Problems;
using Hypercare.Engagements.Files;

namespace Hypercare.Engagements.Lifecycle;

public sealed partial class Engagement
{
    /// <summary>
    /// Creates an engagement from a loaded engagement file, recording the prerequisites and authorizations the
    /// file lists with their own who and when. The CLI, the REST API and the browser all create engagements here.
    /// </summary>
    /// <exception cref="BadInputException">The file dates something the customer did later than <paramref name="at"/>.</exception>
    public static Engagement FromFile(EngagementFile file, Guid id, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(file);
        RequireRecordedBefore(file, at);
        var engagement = Create(id, file.Definition, by, at);
        foreach (var p in file.Prerequisites) engagement.ProvidePrerequisite(p.Kind, p.By, p.At, p.Note);
        foreach (var a in file.Authorizations) engagement.Authorize(a.Kind, a.By, a.At, a.Reference);
        return engagement;
    }

    /// <summary>What the file says the customer already did cannot be dated after the moment it is recorded.</summary>
    private static void RequireRecordedBefore(EngagementFile file, DateTimeOffset now)
    {
        var problems = new List<Problem>();
        for (var i = 0; i < file.Authorizations.Count; i++)
            if (file.Authorizations[i].At > now)
                problems.Add(new("in-the-future", $"granted_at {file.Authorizations[i].At:u} is later than now ({now:u})",
                    new SourceLocation(file.Path, 0, 0, $"engagement.authorizations[{i}].granted_at"), "record an authorization once it is granted"));
        for (var i = 0; i < file.Prerequisites.Count; i++)
            if (file.Prerequisites[i].At > now)
                problems.Add(new("in-the-future", $"provided_at {file.Prerequisites[i].At:u} is later than now ({now:u})",
                    new SourceLocation(file.Path, 0, 0, $"engagement.prerequisites[{i}].provided_at"), "record a prerequisite once it is provided"));
        if (problems.Count > 0) throw new BadInputException(problems);
    }
}
