using Hypercare.Databases.Digest;
using Hypercare.Databases.Sql;

namespace Hypercare.Databases.Advice;

/// <summary>What EXPLAIN said about one candidate.</summary>
/// <param name="Verified">True when the planner uses the index and it turns a scan into an index access, removes a sort, or cuts the estimated cost.</param>
/// <param name="Reason">Why it is verified or rejected, in a sentence.</param>
/// <param name="PlanBefore">The plan without the index, one line per step.</param>
/// <param name="PlanAfter">The plan with it.</param>
/// <param name="CostBefore">The estimated total cost before, when the database estimates one (PostgreSQL).</param>
/// <param name="CostAfter">The estimated total cost after.</param>
public sealed record Verification(bool Verified, string Reason, IReadOnlyList<string> PlanBefore, IReadOnlyList<string> PlanAfter, double? CostBefore = null, double? CostAfter = null)
{
    /// <summary>How much better: a scan turned into an index access counts most, then a removed sort, then the cost cut.</summary>
    public double Score { get; init; }
}

/// <summary>A candidate and, when a database was given, its verification.</summary>
public sealed record AdvisedIndex(IndexCandidate Candidate, Verification? Verification);

/// <summary>Checks candidates on a database: the schema for the generator, EXPLAIN before and after for each.</summary>
public interface IPlanVerifier : ISchemaSource, IDisposable
{
    /// <summary>What is checked against, for the report: <c>SQLite copy of shop.db</c>, <c>PostgreSQL with HypoPG</c>.</summary>
    string Description { get; }

    /// <summary>EXPLAIN of the statement before and after the candidate, which is never created on the live database.</summary>
    Verification Verify(string statement, QueryShape shape, IndexCandidate candidate);
}

/// <summary>The advice for one class.</summary>
/// <param name="Rank">The class's rank.</param>
/// <param name="QueryId">Its query ID.</param>
/// <param name="Findings">What the log's numbers say.</param>
/// <param name="Indexes">Candidates: the verified ones first (best first), then the rejected ones; only candidates when nothing verified them.</param>
/// <param name="Skipped">Candidates left out before EXPLAIN (already indexed, table not found).</param>
/// <param name="NoCandidateReason">Why the statement gave no candidate, when it gave none.</param>
/// <param name="Notes">What the reader saw that no index serves.</param>
public sealed record ClassAdvice(int Rank, string QueryId, IReadOnlyList<Finding> Findings, IReadOnlyList<AdvisedIndex> Indexes, IReadOnlyList<string> Skipped, string? NoCandidateReason, IReadOnlyList<string> Notes)
{
    /// <summary>The verified candidates, best first.</summary>
    public IEnumerable<AdvisedIndex> Verified => Indexes.Where(i => i.Verification?.Verified == true);
}

/// <summary>Advice for the top classes of a digest.</summary>
public static class Advisor
{
    /// <summary>Findings and index candidates for each class; with a verifier, each candidate is checked with EXPLAIN.</summary>
    public static IReadOnlyList<ClassAdvice> Advise(IEnumerable<QueryClass> classes, IPlanVerifier? verifier)
    {
        ArgumentNullException.ThrowIfNull(classes);
        return [.. classes.Select(q => For(q, verifier))];
    }

    /// <summary>The advice for one class.</summary>
    public static ClassAdvice For(QueryClass q, IPlanVerifier? verifier)
    {
        ArgumentNullException.ThrowIfNull(q);
        var findings = Findings.For(q);
        var reading = SqlReader.Read(q.Worst.Statement);
        if (reading.Shape is not { } shape)
            return new ClassAdvice(q.Rank, q.QueryId, findings, [], [], reading.Reason, []);
        var set = IndexCandidates.For(shape, verifier);
        var indexes = set.Candidates.Select(c => new AdvisedIndex(c, verifier?.Verify(q.Worst.Statement, shape, c))).ToList();
        if (verifier is not null)
            indexes = [.. indexes.OrderByDescending(i => i.Verification!.Verified).ThenByDescending(i => i.Verification!.Score)];
        var reason = indexes.Count > 0 ? null
            : set.Skipped.Count > 0 ? "existing indexes already serve it"
            : shape.Predicates.Count == 0 && shape.OrderBy.Count == 0 && shape.GroupBy.Count == 0 ? "no condition, join or sort that an index could serve"
            : "no column of its conditions or sort could be placed on a table";
        return new ClassAdvice(q.Rank, q.QueryId, findings, indexes, set.Skipped, reason, shape.Notes);
    }
}
