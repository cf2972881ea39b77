using System.Globalization;
using System.Text.RegularExpressions;
using Ayumi.Domain;

namespace Ayumi.Features.Demo;

/// <summary>
/// Reads Ena City's progress management sheet (進行管理シート): policy section rows
/// <c>(1)住居・就労の確保など</c>, measure numbers restarting per policy, graded
/// <c>A(予定通り進行)</c> with results and next year's plan, and a closing grade tally that
/// must agree with the rows.
/// </summary>
internal static partial class EnaProgressSheet
{
    private const int NumberColumn = 2, TitleColumn = 3, DepartmentColumn = 4, DescriptionColumn = 5,
        GradeColumn = 6, ResultsColumn = 7, NextPlanColumn = 8;

    public static Plan Read(SeedText text, Organisation organisation)
    {
        var header = text.Rows.FirstOrDefault(r => r[0] == "基本目標" && r.Cells.Length >= 9)
            ?? throw text.Error(1, "no header row starting with 基本目標 with 9 columns was found.");
        var year = YearOf(text, header, GradeColumn, "評価");
        var nextYear = YearOf(text, header, NextPlanColumn, "実施予定");
        if (nextYear != year.Next) throw text.Error(header, $"'{header[NextPlanColumn]}' should plan {year.Next.ToEraAbbreviation()}, the year after the evaluation.");

        var plan = organisation.AddPlan("恵那市再犯防止推進計画", 1, year, nextYear);
        plan.Source = $"恵那市再犯防止推進計画 実施計画 進行管理シート ({year.ToJapanese()}評価・{nextYear.ToJapanese()}実施予定)";
        plan.SetLevels([new("具体的な取り組み", "Policy"), new("事業", "Measure")]);
        var scale = plan.GradeScale;

        PlanNode? policy = null;
        var tally = new Dictionary<string, (int Count, SeedRow Row)>();
        int? tallyTotal = null;
        foreach (var row in text.Rows.Where(r => r.Line > header.Line && !r.IsBlank))
        {
            var joined = row.Joined;
            if (Section().Match(joined) is { Success: true } section)
            {
                policy = plan.AddNode(null, $"({section.Groups["number"].Value})", section.Groups["title"].Value.Trim());
                continue;
            }
            if (TallyLine().Match(joined) is { Success: true } tallyLine)
            {
                var count = int.Parse(tallyLine.Groups["count"].Value, CultureInfo.InvariantCulture);
                if (tallyLine.Groups["grade"].Success) tally[scale.ReadCell(tallyLine.Groups["grade"].Value)!] = (count, row);
                else tallyTotal = count;
                continue;
            }
            if (row[NumberColumn].Length == 0)
            {
                if (joined == "具体的な取り組み") continue; // the second line of a two-line header
                throw text.Error(row, $"this line is neither a policy row such as (1)…, a measure row nor a grade tally: '{Shorten(joined)}'.");
            }
            if (policy is null) throw text.Error(row, "a measure row comes before the first policy row (1)….");
            var measure = plan.AddMeasure($"{policy.Code}-{row[NumberColumn]}", policy, row[NumberColumn], row[TitleColumn], row.Optional(DescriptionColumn));
            foreach (var department in DepartmentPath.ParseList(row[DepartmentColumn]))
                measure.AssignDepartment(organisation.ResolveDepartment(department));
            var entry = measure.EntryFor(year);
            try { entry.SetGrade(scale.ReadCell(row[GradeColumn])); }
            catch (FormatException e) { throw text.Error(row, $"column {GradeColumn + 1} ({header[GradeColumn]}): {e.Message}"); }
            entry.Results = row.Optional(ResultsColumn);
            entry.NextYearPlan = row.Optional(NextPlanColumn);
        }
        CheckTally(text, plan, year, tally, tallyTotal);
        return plan;
    }

    private static void CheckTally(SeedText text, Plan plan, FiscalYear year, Dictionary<string, (int Count, SeedRow Row)> tally, int? total)
    {
        foreach (var (grade, (count, row)) in tally)
        {
            var actual = plan.Measures.Count(m => m.Entries.Any(e => e.FiscalYear == year && e.Grade == grade));
            if (actual != count) throw text.Error(row, $"the tally says {count} measures graded {grade}, but the sheet grades {actual}.");
        }
        if (total is not null && total != plan.Measures.Count)
            throw text.Error(text.Rows[^1], $"the tally says {total} measures in all, but the sheet lists {plan.Measures.Count}.");
    }

    private static FiscalYear YearOf(SeedText text, SeedRow header, int column, string suffix)
    {
        var heading = header[column];
        var yearText = heading.EndsWith(suffix) ? heading[..^suffix.Length] : "";
        return FiscalYear.TryParse(yearText, out var year) ? year
            : throw text.Error(header, $"column {column + 1} heading '{heading}' should be a fiscal year followed by {suffix} (e.g. R6{suffix}).");
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex(@"^[(（](?<number>\d+)[)）](?<title>\D.*)$")]
    private static partial Regex Section();

    [GeneratedRegex(@"^(?<grade>[A-Z]\([^)]*\))?\s*(?<count>\d+)事業$")]
    private static partial Regex TallyLine();
}
