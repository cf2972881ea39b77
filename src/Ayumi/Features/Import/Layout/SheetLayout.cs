using Ayumi.Domain;
using Ayumi.Features.Import.Reading;

namespace Ayumi.Features.Import.Layout;

/// <summary>One column of a recognised sheet: where it is, what it holds and for which fiscal year.</summary>
/// <param name="Column">0-based.</param>
/// <param name="Heading">The header text as the sheet writes it (both rows of a two-row header joined by a space).</param>
public sealed record ColumnMapping(int Column, string Heading, ImportField Field, FiscalYear? Year = null, string? NextPlanName = null);

/// <summary>
/// How a sheet is laid out: its header rows and what each column holds. Found by
/// <see cref="Recognise"/> from the header vocabulary, or given by a mapping profile.
/// </summary>
public sealed record SheetLayout(int FirstHeaderRow, int LastHeaderRow, IReadOnlyList<ColumnMapping> Columns)
{
    private const int RowsSearchedForHeader = 40;

    public ColumnMapping? Find(ImportField field) => Columns.FirstOrDefault(c => c.Field == field);

    public IEnumerable<ColumnMapping> All(ImportField field) => Columns.Where(c => c.Field == field);

    /// <summary>The headings of a sheet's header row(s) by column, with the upper row of a two-row header spread over its merged range.</summary>
    public static IReadOnlyList<string> Headings(Sheet sheet, int firstRow, int lastRow)
    {
        var rows = sheet.Rows.Where(r => r.Number >= firstRow && r.Number <= lastRow).ToList();
        var width = rows.Count == 0 ? 0 : rows.Max(r => r.Cells.Count);
        var headings = new List<string>();
        for (var column = 0; column < width; column++)
        {
            var parts = rows.Select(r => CellSpreadOverMerge(sheet, r, column)).Where(t => t.Length > 0).Distinct();
            headings.Add(string.Join(" ", parts));
        }
        return headings;
    }

    /// <summary>
    /// Finds the header in the first rows of a sheet: the row (or two rows, when the upper one
    /// holds fiscal years over the lower one's fields) whose cells name a measure title and at
    /// least two other known fields. Null when the sheet has no such header.
    /// </summary>
    public static SheetLayout? Recognise(Sheet sheet)
    {
        var candidates = sheet.Rows.Where(r => !r.IsBlank && !r.IsHidden).Take(RowsSearchedForHeader).ToList();
        for (var i = 0; i < candidates.Count; i++)
        {
            var row = candidates[i];
            var next = i + 1 < candidates.Count && candidates[i + 1].Number == row.Number + 1 ? candidates[i + 1] : null;
            if (next is not null && IsYearBand(sheet, row) && FromHeadings(sheet, row.Number, next.Number) is { } twoRows) return twoRows;
            if (FromHeadings(sheet, row.Number, row.Number) is { } oneRow)
                return next is not null && FromHeadings(sheet, row.Number, next.Number) is { } widened && widened.Columns.Count > oneRow.Columns.Count
                    && next.Cells.All(c => c.Length == 0 || HeaderVocabulary.Recognise(c) is not null)
                    ? widened : oneRow;
        }
        return null;
    }

    /// <summary>
    /// Applies a saved mapping profile: finds the header row whose headings match the
    /// profile's, and maps each column as the profile says. A heading's own fiscal year wins;
    /// otherwise the column's year is <paramref name="year"/> plus the profile's offset.
    /// </summary>
    public static SheetLayout? FromProfile(Sheet sheet, MappingProfile profile, FiscalYear? year)
    {
        var wanted = profile.Columns.ToDictionary(c => HeaderVocabulary.Normalise(c.Heading), c => c);
        var candidates = sheet.Rows.Where(r => !r.IsBlank && !r.IsHidden).Take(RowsSearchedForHeader).ToList();
        SheetLayout? best = null;
        foreach (var row in candidates)
        {
            foreach (var lastRow in new[] { row.Number, row.Number + 1 })
            {
                var headings = Headings(sheet, row.Number, lastRow);
                var columns = new List<ColumnMapping>();
                for (var column = 0; column < headings.Count; column++)
                {
                    if (!wanted.TryGetValue(HeaderVocabulary.Normalise(headings[column]), out var mapped)) continue;
                    var ownYear = HeaderVocabulary.Recognise(headings[column])?.Year;
                    var columnYear = ownYear ?? (mapped.YearOffset is { } offset && year is { } chosen ? new FiscalYear(chosen.StartYear + offset) : year);
                    columns.Add(new ColumnMapping(column, headings[column], mapped.Field, mapped.Field.IsYearly() ? columnYear : null));
                }
                var layout = new SheetLayout(row.Number, lastRow, columns);
                if (layout.Columns.Any(c => c.Field is ImportField.Title or ImportField.NextPlanTitle) && (best is null || columns.Count > best.Columns.Count))
                    best = layout;
            }
        }
        return best;
    }

    private static SheetLayout? FromHeadings(Sheet sheet, int firstRow, int lastRow)
    {
        var headings = Headings(sheet, firstRow, lastRow);
        var columns = new List<ColumnMapping>();
        for (var column = 0; column < headings.Count; column++)
        {
            if (HeaderVocabulary.Recognise(headings[column]) is not { } recognised)
            {
                // A two-row heading "令和６年度 評価" reads as the year of the upper row and the field of the lower.
                var words = headings[column].Split(' ');
                if (words.Length != 2 || HeaderVocabulary.YearOnly(words[0]) is not { } year || HeaderVocabulary.Recognise(words[1]) is not { Year: null } lower) continue;
                recognised = lower with { Year = year };
            }
            columns.Add(new ColumnMapping(column, headings[column], recognised.Field, recognised.Year, recognised.NextPlanName));
        }
        var layout = new SheetLayout(firstRow, lastRow, columns);
        return layout.IsUsable ? layout : null;
    }

    /// <summary>A layout can be imported when it names a measure's title and two more fields.</summary>
    public bool IsUsable => Columns.Any(c => c.Field is ImportField.Title or ImportField.NextPlanTitle)
        && Columns.Select(c => c.Field).Distinct().Count() >= 3;

    private static bool IsYearBand(Sheet sheet, SheetRow row) =>
        Enumerable.Range(0, row.Cells.Count).Any(c => HeaderVocabulary.YearOnly(row[c]) is not null);

    private static string CellSpreadOverMerge(Sheet sheet, SheetRow row, int column)
    {
        var text = row[column];
        if (text.Length > 0) return text;
        if (sheet.MergeAt(row.Number, column) is { } merge)
        {
            var topLeft = sheet.Rows.FirstOrDefault(r => r.Number == merge.FirstRow);
            return topLeft?[merge.FirstColumn] ?? "";
        }
        return "";
    }

    /// <summary>True when a data row repeats the header (as sheets do at the top of every printed page).</summary>
    public bool IsRepeatedHeader(Sheet sheet, SheetRow row)
    {
        // At least half the columns must hold their heading. Short cells are compared first and
        // the comparing stops once the answer is known, so that a data row's long texts (every
        // row of a 10,000-row sheet is asked) are seldom normalised.
        var needed = (Columns.Count + 1) / 2;
        int matches = 0, left = Columns.Count;
        foreach (var column in Columns.OrderBy(c => row[c.Column].Length))
        {
            if (matches >= needed || matches + left < needed) break;
            left--;
            var text = row[column.Column];
            if (text.Length > 0 && HeaderVocabulary.Normalise(text) == HeaderVocabulary.Normalise(column.Heading.Split(' ')[^1])) matches++;
        }
        return matches >= needed;
    }
}
