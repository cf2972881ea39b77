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

    /// <summary>The headings of a sheet's header row(s) by column, each row's part joined by a space, upper rows spread over their merged ranges.</summary>
    public static IReadOnlyList<string> Headings(Sheet sheet, int firstRow, int lastRow) =>
        HeadingParts(sheet, firstRow, lastRow).Select(parts => string.Join(" ", parts)).ToList();

    /// <summary>Each column's heading as the header rows write it, top to bottom: [具体的な取り組み, 番号], [令和6年度, 評価], [R6評価].</summary>
    private static List<List<string>> HeadingParts(Sheet sheet, int firstRow, int lastRow)
    {
        var rows = sheet.Rows.Where(r => r.Number >= firstRow && r.Number <= lastRow).ToList();
        var width = rows.Count == 0 ? 0 : rows.Max(r => r.Cells.Count);
        var headings = new List<List<string>>();
        for (var column = 0; column < width; column++)
            headings.Add(rows.Select(r => CellSpreadOverMerge(sheet, r, column)).Where(t => t.Length > 0).Distinct().ToList());
        return headings;
    }

    /// <summary>
    /// Finds the header in the first rows of a sheet, past titles, notes and blank rows above it:
    /// the first row naming a known field, together with the one or two rows under it when they
    /// make a better header: a group heading merged over the fields (具体的な取り組み over
    /// 番号/事業/担当課/内容), fiscal years over the fields (令和6年度 over 評価, 実施内容), or both.
    /// A header names a measure's title and at least two other known fields; null when the sheet has none.
    /// </summary>
    public static SheetLayout? Recognise(Sheet sheet)
    {
        var candidates = sheet.Rows.Where(r => !r.IsBlank && !r.IsHidden).Take(RowsSearchedForHeader).ToList();
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!candidates[i].Cells.Any(NamesHeading)) continue;
            SheetLayout? best = null;
            for (var last = i; last < Math.Min(i + MaxHeaderRows, candidates.Count); last++)
            {
                if (last > i && (candidates[last].Number != candidates[last - 1].Number + 1 || !IsHeadingRow(candidates[last]))) break;
                if (FromHeadings(sheet, candidates[i].Number, candidates[last].Number) is { } layout && (best is null || layout.Score.CompareTo(best.Score) > 0)) best = layout;
            }
            if (best is not null) return best;
        }
        return null;
    }

    private const int MaxHeaderRows = 3;

    /// <summary>A cell that names a field or is a fiscal year.</summary>
    private static bool NamesHeading(string cell) => HeaderVocabulary.Recognise(cell) is not null || HeaderVocabulary.YearOnly(cell) is not null;

    /// <summary>A lower header row: at least half its own cells name fields or years (a data row's cells hardly ever do).</summary>
    private static bool IsHeadingRow(SheetRow row)
    {
        var cells = row.Cells.Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
        return cells.Count > 0 && cells.Count(NamesHeading) * 2 >= cells.Count;
    }

    /// <summary>More distinct fields first, then more columns read.</summary>
    private (int Fields, int Columns) Score => (Columns.Select(c => c.Field).Distinct().Count(), Columns.Count);

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
        var parts = HeadingParts(sheet, firstRow, lastRow);
        var columns = new List<ColumnMapping>();
        for (var column = 0; column < parts.Count; column++)
        {
            var heading = string.Join(" ", parts[column]);
            if (Understand(parts[column], heading) is { } recognised)
                columns.Add(new ColumnMapping(column, heading, recognised.Field, recognised.Year, recognised.NextPlanName));
        }
        var layout = new SheetLayout(firstRow, lastRow, columns);
        return layout.IsUsable ? layout : null;
    }

    /// <summary>
    /// A column's heading as a whole, else its lowest part under a group heading or a fiscal year:
    /// "令和６年度 評価" is 評価 of FY2024, "具体的な取り組み 番号" is the number.
    /// </summary>
    private static RecognisedHeading? Understand(List<string> parts, string heading)
    {
        if (HeaderVocabulary.Recognise(heading) is { } whole) return whole;
        if (parts.Count < 2 || HeaderVocabulary.Recognise(parts[^1]) is not { } lower) return null;
        var year = lower.Year ?? parts[..^1].Select(p => HeaderVocabulary.YearOnly(p) ?? HeaderVocabulary.Recognise(p)?.Year).FirstOrDefault(y => y is not null);
        return lower with { Year = year };
    }

    /// <summary>A layout can be imported when it names a measure's title and two more fields.</summary>
    public bool IsUsable => Columns.Any(c => c.Field is ImportField.Title or ImportField.NextPlanTitle)
        && Columns.Select(c => c.Field).Distinct().Count() >= 3;

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
