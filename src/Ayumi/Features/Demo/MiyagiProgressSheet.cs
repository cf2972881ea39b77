using System.Globalization;
using System.Text.RegularExpressions;
using Ayumi.Domain;

namespace Ayumi.Features.Demo;

/// <summary>
/// Reads Miyagi Prefecture's progress sheet of its 1st plan, which also lays out the
/// composition of the 2nd plan: budgets of two years in thousand yen, each measure mapped
/// to its 2nd-plan name and content, ended and reorganised measures, successors (後継事業),
/// measures new in the 2nd plan (1st-plan cells empty) and relistings (再掲).
/// </summary>
internal static partial class MiyagiProgressSheet
{
    private const int Number = 0, Direction = 1, Title = 2, Description = 3, FinalBudget = 4, Results = 5,
        InitialBudget = 6, PlannedWork = 7, NextTitle = 8, NextDescription = 9, IssuesAndDirection = 10, Department = 11;

    private const string RelistMark = "(再掲)";

    private static readonly string[] PageFurniture =
        ["宮城県再犯防止推進計画の進行管理", "「宮城県再犯防止推進計画」の進行管理", "「第二次宮城県再犯防止推進計画」の構成事業"];

    public static Plan Read(SeedText text, Organisation organisation)
    {
        var header = text.Rows.FirstOrDefault(r => r[Number] == "番号" && r.Cells.Length == 12)
            ?? throw text.Error(1, "no header row starting with 番号 with 12 columns was found.");
        var resultsYear = YearOf(text, header, FinalBudget);
        var planYear = YearOf(text, header, InitialBudget);
        if (YearOf(text, header, Results) != resultsYear || YearOf(text, header, PlannedWork) != planYear)
            throw text.Error(header, "the budget and text columns name different fiscal years.");

        var first = organisation.AddPlan("宮城県再犯防止推進計画", 1, new FiscalYear(2020), planYear);
        first.Source = $"宮城県再犯防止推進計画の進行管理 ({resultsYear.ToJapanese()}実績・{planYear.ToJapanese()}計画)";
        first.SetLevels([new("施策の方向性", "Policy direction"), new("事業", "Measure")]);
        first.Notes.Add("計画期間は資料に明記がなく、第二次計画が令和7年度から5か年であることから令和2年度～令和6年度としています。");
        var second = organisation.AddPlan("第二次宮城県再犯防止推進計画", 2, planYear.Next, new FiscalYear(planYear.Next.StartYear + 4));
        second.Source = "宮城県再犯防止推進計画の進行管理・第二次宮城県再犯防止推進計画の構成事業";
        second.SetLevels([new("施策の方向性", "Policy direction"), new("事業", "Measure")]);
        second.FollowOn(first);

        foreach (var row in text.Rows.Where(r => !r.IsBlank && r.Line != header.Line))
        {
            if (row[Number] == "番号") continue; // header repeated on every page
            if (row.Cells.Length == 1)
            {
                ReadFurniture(text, row, first);
                continue;
            }
            if (!int.TryParse(row[Number], NumberStyles.None, CultureInfo.InvariantCulture, out _))
                throw text.Error(row, $"column 1 (番号) '{row[Number]}' is not a measure number.");
            if (row.Cells.Length != 12) throw text.Error(row, $"expected 12 columns, found {row.Cells.Length}.");
            var (firstNode, secondNode) = Directions(text, row, first, second);
            var firstMeasure = row.Optional(Title) is null ? null : ReadFirstPlanMeasure(text, row, first, firstNode, resultsYear, planYear);
            ReadSecondPlanMeasure(text, row, second, secondNode, firstMeasure, planYear);
        }
        return first;
    }

    private static void ReadFurniture(SeedText text, SeedRow row, Plan first)
    {
        var line = row[0];
        if (line == "※下線部が更新箇所")
        {
            if (!first.Notes.Contains(line)) first.Notes.Add(line);
            return;
        }
        if (PageFurniture.Any(line.StartsWith)) return;
        if (LostRows().Match(line) is { Success: true } lost)
        {
            var message = $"rows {lost.Groups["from"].Value}–{lost.Groups["to"].Value} were lost in extraction and survive only as a summary; they could not be read.";
            text.Warn(row, message);
            first.Notes.Add($"原資料の{lost.Groups["from"].Value}～{lost.Groups["to"].Value}番の事業は抽出時に失われ、要約のみが残っているため読み込めませんでした。");
            return;
        }
        throw text.Error(row, $"this line is neither a measure row nor a known title or note: '{(line.Length > 40 ? line[..40] + "…" : line)}'.");
    }

    private static (PlanNode First, PlanNode Second) Directions(SeedText text, SeedRow row, Plan first, Plan second)
    {
        var match = DirectionCell().Match(row[Direction]);
        if (!match.Success) throw text.Error(row, $"column 2 (施策の方向性) '{row[Direction]}' should read like '1 就労の確保に関する支援 (2 就労の確保に関する支援)'.");
        var code = match.Groups["code"].Value;
        var title = match.Groups["title"].Value.Trim();
        var firstNode = first.FindNode(code) ?? first.AddNode(null, code, title);
        if (match.Groups["nextCode"].Success)
        {
            var nextCode = match.Groups["nextCode"].Value;
            return (firstNode, second.FindNode(nextCode) ?? second.AddNode(null, nextCode, match.Groups["nextTitle"].Value.Trim()));
        }
        return (firstNode, second.FindNode(code) ?? second.AddNode(null, code, title,
            "資料の括弧内に第二次計画での方向性の記載がないため、第1次計画と同じ番号・名称で置いています。"));
    }

    private static Measure ReadFirstPlanMeasure(SeedText text, SeedRow row, Plan plan, PlanNode node, FiscalYear resultsYear, FiscalYear planYear)
    {
        var writtenTitle = row[Title];
        if (writtenTitle.EndsWith(RelistMark))
        {
            var original = FindRelisted(text, row, plan, writtenTitle);
            original.ListUnder(node, row[Number], isRelisting: true, writtenTitle, row[Description] == original.Description ? null : row[Description]);
            return original;
        }
        var measure = plan.AddMeasure(row[Number], node, row[Number], writtenTitle, row.Optional(Description));
        AssignDepartment(row, measure);
        var predecessors = writtenTitle.Contains("の後継事業") ? Predecessors().Matches(writtenTitle) : Enumerable.Empty<Match>();
        foreach (var predecessor in predecessors)
        {
            var name = predecessor.Groups["name"].Value;
            var earlier = plan.Measures.FirstOrDefault(m => m.Title == name)
                ?? throw text.Error(row, $"'{writtenTitle}' names 「{name}」 as its predecessor, but no earlier measure has that name.");
            measure.Succeed(earlier, "後継事業");
        }

        if (Lifecycle(row[Results]) is { } ended && row[PlannedWork] == row[Results])
        {
            measure.End(ended.Status, ended.Year, row[Results]);
            return measure;
        }
        var result = measure.EntryFor(resultsYear);
        result.FinalBudget = Budget(text, row, FinalBudget);
        result.Results = row.Optional(Results);
        var planned = measure.EntryFor(planYear);
        planned.InitialBudget = Budget(text, row, InitialBudget);
        planned.IssuesAndDirection = row.Optional(IssuesAndDirection);
        if (Lifecycle(row[PlannedWork]) is { } endsNow) measure.End(endsNow.Status, endsNow.Year, row[PlannedWork]);
        else planned.PlannedWork = row.Optional(PlannedWork);
        return measure;
    }

    private static void ReadSecondPlanMeasure(SeedText text, SeedRow row, Plan second, PlanNode node, Measure? firstMeasure, FiscalYear planYear)
    {
        var writtenTitle = row[NextTitle];
        if (writtenTitle.Length == 0 || Lifecycle(writtenTitle) is not null) return;
        if (writtenTitle.EndsWith(RelistMark))
        {
            var original = FindRelisted(text, row, second, writtenTitle);
            original.ListUnder(node, row[Number], isRelisting: true, writtenTitle, row[NextDescription] == original.Description ? null : row[NextDescription]);
            return;
        }
        var measure = second.AddMeasure(row[Number], node, row[Number], writtenTitle, row.Optional(NextDescription));
        AssignDepartment(row, measure);
        if (firstMeasure is not null) firstMeasure.ContinueIn(measure);
        else
        {
            measure.IsNew = true;
            // A measure new in the 2nd plan has only its direction in this sheet, written in the 1st plan's last year.
            measure.EntryFor(planYear).IssuesAndDirection = row.Optional(IssuesAndDirection);
        }
    }

    private static Measure FindRelisted(SeedText text, SeedRow row, Plan plan, string writtenTitle)
    {
        var title = writtenTitle[..^RelistMark.Length].Trim();
        var candidates = plan.Measures.Where(m => m.Title == title || m.Title.StartsWith(title)).ToList();
        return candidates.Count == 1 ? candidates[0]
            : throw text.Error(row, $"'{writtenTitle}' is marked 再掲 but {(candidates.Count == 0 ? "no" : "more than one")} earlier measure of {plan.Name} matches '{title}'.");
    }

    private static void AssignDepartment(SeedRow row, Measure measure)
    {
        var written = row[Department];
        var department = measure.Plan.Organisation.ResolveDepartment(written);
        measure.AssignDepartment(department, department.Name == written ? null : written);
    }

    private static ThousandYen? Budget(SeedText text, SeedRow row, int column)
    {
        try { return ThousandYen.ParseCell(row[column]); }
        catch (FormatException e) { throw text.Error(row, $"column {column + 1} (budget, thousand yen): {e.Message}"); }
    }

    private static (MeasureStatus Status, FiscalYear Year)? Lifecycle(string cell)
    {
        var match = EndNote().Match(cell);
        if (!match.Success) return null;
        var status = cell.Contains("組替") ? MeasureStatus.Reorganised : cell.Contains("終期") ? MeasureStatus.Ended : MeasureStatus.Discontinued;
        return (status, FiscalYear.Parse(match.Groups["year"].Value));
    }

    private static FiscalYear YearOf(SeedText text, SeedRow header, int column)
    {
        var heading = header[column];
        var end = heading.IndexOf("年度", StringComparison.Ordinal);
        return end > 0 && FiscalYear.TryParse(heading[..(end + 2)], out var year) ? year
            : throw text.Error(header, $"column {column + 1} heading '{heading}' names no fiscal year (expected e.g. R5年度 最終予算額).");
    }

    [GeneratedRegex(@"^(?<code>\d+)\s+(?<title>[^(]+?)\s*(?:\((?<nextCode>\d+)\s+(?<nextTitle>[^)]+)\))?$")]
    private static partial Regex DirectionCell();

    [GeneratedRegex(@"(?<year>[RH]\d+)以降廃止")]
    private static partial Regex EndNote();

    [GeneratedRegex(@"「(?<name>[^」]+)」")]
    private static partial Regex Predecessors();

    [GeneratedRegex(@"Rows (?<from>\d+)-(?<to>\d+)")]
    private static partial Regex LostRows();
}
