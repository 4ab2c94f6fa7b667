using System.Text;

namespace Hypercare.LoadTesting.Plans;

/// <summary>RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF rows; a BOM is skipped.</summary>
internal static class Csv
{
    public readonly record struct Error(int Line, int Column, string Message);

    public static (List<string[]> Rows, Error? Error) Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        int line = 1, column = 1, i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var quoted = false;
        var fieldStarted = false;
        int quoteLine = 0, quoteColumn = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; column += 2; continue; }
                    quoted = false;
                    i++; column++;
                    if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                        return (rows, new Error(line, column, $"line {line}, column {column}: a closing quote must end its field"));
                    continue;
                }
                if (c == '\n') { line++; column = 1; } else column++;
                field.Append(c);
                i++;
                continue;
            }
            switch (c)
            {
                case '"' when !fieldStarted:
                    quoted = true; fieldStarted = true; quoteLine = line; quoteColumn = column;
                    i++; column++;
                    continue;
                case '"':
                    return (rows, new Error(line, column, $"line {line}, column {column}: a quote inside an unquoted field"));
                case ',':
                    row.Add(field.ToString()); field.Clear(); fieldStarted = false;
                    i++; column++;
                    continue;
                case '\r' or '\n':
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                    row.Add(field.ToString()); field.Clear(); fieldStarted = false;
                    if (!(row.Count == 1 && row[0].Length == 0)) rows.Add([.. row]);
                    row.Clear();
                    i++; line++; column = 1;
                    continue;
                default:
                    field.Append(c); fieldStarted = true;
                    i++; column++;
                    continue;
            }
        }
        if (quoted) return (rows, new Error(quoteLine, quoteColumn, $"line {quoteLine}, column {quoteColumn}: the quoted field is never closed"));
        if (fieldStarted || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add([.. row]);
        }
        return (rows, null);
    }
}
