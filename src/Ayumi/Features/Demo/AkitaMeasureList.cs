using System.Text.RegularExpressions;
using Ayumi.Domain;

namespace Ayumi.Features.Demo;

/// <summary>
/// Reads Akita City's list of measures (番号 / 取組 / 取組内容 / 所管課 / 令和N年度取組予定):
/// codes <c>1-(1)-①</c>, several departments per measure, <c>※再掲</c> relistings,
/// <c>【県事業】</c> and a header row repeated on every page.
/// </summary>
internal static partial class AkitaMeasureList
{
    private const string RelistMark = "※再掲";
    private const string PrefectureMark = "【県事業】";

    public static Plan Read(SeedText text, Organisation organisation)
    {
        var header = text.Rows.FirstOrDefault(r => r[0] == "番号")
            ?? throw text.Error(1, "no header row starting with 番号 was found.");
        if (!FiscalYear.TryParse(PlannedYear().Match(header[4]).Value, out var year))
            throw text.Error(header, $"the planned-work column '{header[4]}' names no fiscal year (expected e.g. 令和3年度取組予定).");

        var plan = organisation.AddPlan("秋田市再犯防止推進計画", 1, year, year);
        plan.Source = $"秋田市 再犯防止推進計画の取組一覧 ({year.ToJapanese()}取組予定)";
        plan.SetLevels([new("基本方針", "Basic policy"), new("施策", "Policy"), new("取組", "Measure")]);
        plan.Notes.Add("資料には基本方針・施策の名称の記載がなく、番号のみを示しています。");

        foreach (var row in text.Rows.Where(r => !r.IsBlank && r[0] != "番号"))
        {
            if (!MeasureCode.TryParse(row[0], out var code) || code.Segments.Count != 3)
                throw text.Error(row, $"column 1 (番号) '{row[0]}' is not a measure code such as 1-(1)-①.");
            if (row.Cells.Length < 5) throw text.Error(row, $"expected 5 columns, found {row.Cells.Length}.");
            var policy = PolicyFor(plan, code);
            var writtenTitle = row[1];
            var description = row[2];
            if (writtenTitle.EndsWith(RelistMark))
            {
                var title = writtenTitle[..^RelistMark.Length].Trim();
                var original = plan.Measures.FirstOrDefault(m => m.Title == title)
                    ?? throw text.Error(row, $"'{writtenTitle}' is marked 再掲 but no earlier measure is titled '{title}'.");
                original.ListUnder(policy, row[0], isRelisting: true, writtenTitle, description == original.Description ? null : description);
                original.IsPrefectureRun |= description.Contains(PrefectureMark);
                continue;
            }
            var measure = plan.AddMeasure(row[0], policy, row[0], writtenTitle, description);
            measure.IsPrefectureRun = description.Contains(PrefectureMark);
            foreach (var department in DepartmentPath.ParseList(row[3]))
                measure.AssignDepartment(organisation.ResolveDepartment(department));
            measure.EntryFor(year).PlannedWork = row.Optional(4);
        }
        return plan;
    }

    private static PlanNode PolicyFor(Plan plan, MeasureCode code)
    {
        var goalCode = code.Segments[0].ToString();
        var policyCode = $"{goalCode}-({code.Segments[1]})";
        var goal = plan.FindNode(goalCode) ?? plan.AddNode(null, goalCode, $"{plan.Levels[0].Name}{goalCode}");
        return plan.FindNode(policyCode) ?? plan.AddNode(goal, policyCode, $"{plan.Levels[1].Name}{policyCode}");
    }

    [GeneratedRegex(@"^.+?年度")]
    private static partial Regex PlannedYear();
}
