using System.Globalization;
using Hypercare.Databases.Digest;

namespace Hypercare.Databases.Advice;

/// <summary>One thing wrong with a query class, with its numbers and what to do.</summary>
/// <param name="Code">A stable code: <c>rows-examined-per-row-sent</c>, <c>full-scan</c>, <c>full-join</c>, <c>tmp-table-on-disk</c>, <c>tmp-table</c>, <c>filesort</c>.</param>
/// <param name="Message">What the log shows, with the numbers.</param>
/// <param name="Action">What to do about it.</param>
public sealed record Finding(string Code, string Message, string Action);

/// <summary>Findings from what the log measured about a class.</summary>
public static class Findings
{
    /// <summary>Rows examined per row sent above which a class is flagged (with <see cref="MinExamined"/>).</summary>
    public const double RatioThreshold = 100;

    /// <summary>Average rows examined per call below which a high ratio does not matter.</summary>
    public const double MinExamined = 1000;

    /// <summary>The findings of a class, most telling first.</summary>
    public static IReadOnlyList<Finding> For(QueryClass q)
    {
        ArgumentNullException.ThrowIfNull(q);
        var findings = new List<Finding>();
        var examined = q.RowsExamined.Average;
        var sent = q.RowsSent.Average;
        var ratio = examined / Math.Max(sent, 1);
        if (examined > MinExamined && ratio > RatioThreshold)
            findings.Add(new Finding("rows-examined-per-row-sent",
                sent == 0
                    ? $"{N(examined)} rows examined per call and none sent (a write, or an empty result; {N(q.RowsExamined.Total)} examined in all over {N(q.Calls)} calls)"
                    : $"{N(examined)} rows examined per call for {N(sent)} sent: {N(ratio)} examined per row sent ({N(q.RowsExamined.Total)} examined in all over {N(q.Calls)} calls)",
                "the filter is not served by an index: index the WHERE columns (the candidates below), or narrow the query"));
        var f = q.Flags;
        if (f.Logged > 0)
        {
            string Of(long n) => $"{N(n)} of {N(f.Logged)} logged calls ({(100.0 * n / f.Logged).ToString("0", CultureInfo.InvariantCulture)}%)";
            if (f.FullJoin > 0)
                findings.Add(new Finding("full-join", $"{Of(f.FullJoin)} joined without an index", "index the join columns of the inner table (the ON or USING columns)"));
            if (f.FullScan > 0)
                findings.Add(new Finding("full-scan", $"{Of(f.FullScan)} read a whole table", "index the columns of WHERE (equality first), or add a LIMIT the index can stop at"));
            if (f.TmpTableOnDisk > 0)
                findings.Add(new Finding("tmp-table-on-disk", $"{Of(f.TmpTableOnDisk)} built a temporary table on disk",
                    "index the GROUP BY or DISTINCT columns so that no temporary table is needed; leave TEXT and BLOB columns out of it; or raise tmp_table_size and max_heap_table_size"));
            else if (f.TmpTable > 0)
                findings.Add(new Finding("tmp-table", $"{Of(f.TmpTable)} built a temporary table in memory", "an index in GROUP BY order avoids it"));
            if (f.FilesortOnDisk > 0)
                findings.Add(new Finding("filesort-on-disk", $"{Of(f.FilesortOnDisk)} sorted on disk (merge passes)", "an index in ORDER BY order avoids the sort; otherwise raise sort_buffer_size for this session"));
            else if (f.Filesort > 0)
                findings.Add(new Finding("filesort", $"{Of(f.Filesort)} sorted rows (filesort)", "an index whose columns after the equality ones follow ORDER BY avoids the sort"));
        }
        return findings;
    }

    internal static string N(double n) => n switch
    {
        >= 10_000_000 => (n / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        >= 100 => n.ToString("#,0", CultureInfo.InvariantCulture),
        _ => n.ToString(n == Math.Floor(n) ? "0" : "0.#", CultureInfo.InvariantCulture),
    };
}
