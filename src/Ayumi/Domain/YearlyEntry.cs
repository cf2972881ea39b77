using System.Text.RegularExpressions;

namespace Ayumi.Domain;

/// <summary>
/// What a measure planned, did and spent in one fiscal year, and how its departments
/// grade it. Text fields hold the sheet's wording, including per-department parts such as
/// <c>…（福祉総務課） …（保護第一課、保護第二課）</c>.
/// </summary>
public partial class YearlyEntry
{
    private readonly List<EntryPart> _parts = [];

    private YearlyEntry() { Measure = null!; }

    internal YearlyEntry(Measure measure, FiscalYear fiscalYear)
    {
        Measure = measure;
        FiscalYear = fiscalYear;
    }

    public int Id { get; private set; }
    public int MeasureId { get; private set; }
    public Measure Measure { get; private set; }
    public FiscalYear FiscalYear { get; private set; }
    /// <summary>取組予定 / 実施予定 / 年度の計画.</summary>
    public string? PlannedWork { get; set; }
    /// <summary>実施内容 / 事業実施状況.</summary>
    public string? Results { get; set; }
    /// <summary>A symbol of the plan's grade scale; null when not graded.</summary>
    public string? Grade { get; private set; }
    /// <summary>当初予算額; null = no budget (distinct from 0).</summary>
    public ThousandYen? InitialBudget { get; set; }
    /// <summary>最終予算額; null = no budget (distinct from 0).</summary>
    public ThousandYen? FinalBudget { get; set; }
    /// <summary>課題・今後の方向性.</summary>
    public string? IssuesAndDirection { get; set; }
    /// <summary>The plan for the following fiscal year, as written in this year's sheet.</summary>
    public string? NextYearPlan { get; set; }
    /// <summary>取組目標 for this year (Komae's R6/R7/R8).</summary>
    public string? Target { get; set; }
    public string? Notes { get; set; }
    /// <summary>How far the year's target was reached.</summary>
    public string? TargetProgress { get; set; }
    /// <summary>Whether anything was reported for the year (beyond its target).</summary>
    public bool HasReport =>
        PlannedWork is not null || Results is not null || Grade is not null || InitialBudget is not null || FinalBudget is not null
        || IssuesAndDirection is not null || NextYearPlan is not null || TargetProgress is not null;

    /// <summary>The departments' parts while the year is being filled in.</summary>
    public IReadOnlyCollection<EntryPart> Parts => _parts;

    internal EntryPart AddPart(Department department) =>
        _parts.FirstOrDefault(p => p.Department == department) ?? Add(new EntryPart(this, department, PlannedWork));

    private EntryPart Add(EntryPart part)
    {
        _parts.Add(part);
        return part;
    }

    /// <summary>
    /// Clears what was reported for the year (text, grade, budgets, notes), keeping the plan's target: for a copy read for
    /// someone the year is not published to (see Features/Accounts/Publication). Never on an entry a context tracks.
    /// </summary>
    public void WithholdReport()
    {
        PlannedWork = Results = IssuesAndDirection = NextYearPlan = Notes = TargetProgress = Grade = null;
        InitialBudget = FinalBudget = null;
    }

    /// <summary>Drops from a read copy the departments' parts its reader may not see. Never on an entry a context tracks.</summary>
    public void WithholdParts(Func<EntryPart, bool> withheld) => _parts.RemoveAll(p => withheld(p));

    /// <summary>
    /// Writes the approved parts into the entry the way the sheets do: one department's
    /// words as they are; several departments' words each followed by （課名）, with
    /// departments that wrote the same text sharing one mark; the budgets summed; and the
    /// most cautious grade of the parts (the one furthest down the plan's scale).
    /// </summary>
    public void ComposeFromParts()
    {
        var parts = _parts.Where(p => p.Status == PartStatus.Approved)
            .OrderBy(p => Measure.Departments.FirstOrDefault(d => d.Department == p.Department)?.Order ?? int.MaxValue).ToList();
        if (parts.Count == 0 || parts.Count != _parts.Count) return;
        PlannedWork = Join(parts, p => p.PlannedWork);
        Results = Join(parts, p => p.Results);
        IssuesAndDirection = Join(parts, p => p.IssuesAndDirection);
        NextYearPlan = Join(parts, p => p.NextYearPlan);
        TargetProgress = Join(parts, p => p.TargetProgress);
        InitialBudget = Sum(parts.Select(p => p.InitialBudget));
        FinalBudget = Sum(parts.Select(p => p.FinalBudget));
        var scale = Measure.Plan.Grades.Select(g => g.Symbol).ToList();
        Grade = parts.Select(p => p.Grade).Where(g => g is not null).OrderBy(g => scale.IndexOf(g!)).LastOrDefault();
    }

    private static string? Join(IReadOnlyList<EntryPart> parts, Func<EntryPart, string?> field)
    {
        if (parts.Count == 1) return field(parts[0]);
        var groups = new List<(string Text, List<string> Departments)>();
        foreach (var part in parts)
        {
            var text = field(part);
            if (text is null) continue;
            if (groups.Count > 0 && groups[^1].Text == text) groups[^1].Departments.Add(part.Department.Name);
            else groups.Add((text, [part.Department.Name]));
        }
        return groups.Count == 0 ? null : string.Join(" ", groups.Select(g => $"{g.Text}（{string.Join("、", g.Departments)}）"));
    }

    private static ThousandYen? Sum(IEnumerable<ThousandYen?> amounts)
    {
        var present = amounts.Where(a => a is not null).Select(a => a!.Value).ToList();
        return present.Count == 0 ? null : present.Aggregate((a, b) => a + b);
    }

    /// <exception cref="DomainException">The symbol is not on the plan's scale.</exception>
    public void SetGrade(string? symbol)
    {
        if (symbol is not null && Measure.Plan.GradeScale.Find(symbol) is null)
            throw new DomainException($"Grade '{symbol}' is not on the scale of {Measure.Plan.Name} ({string.Join(", ", Measure.Plan.Grades.Select(g => g.Symbol))}).",
                "domain.gradeOffScale", symbol, Measure.Plan.Name, string.Join(", ", Measure.Plan.Grades.Select(g => g.Symbol)));
        Grade = symbol;
    }

    /// <summary>
    /// Splits a text written for several departments into each department's part. A part
    /// ends with the departments it belongs to in parentheses:
    /// <c>A…（福祉総務課） B…（保護第一課、保護第二課）</c> gives A for 福祉総務課 and B for both
    /// 保護 sections. A text with no such marks is one part for every department.
    /// </summary>
    public static IReadOnlyList<DepartmentPart> SplitByDepartment(string? text, IReadOnlyCollection<string> departmentNames)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var parts = new List<DepartmentPart>();
        var start = 0;
        foreach (Match mark in DepartmentMark().Matches(text))
        {
            var names = mark.Groups["names"].Value.Split(['、', ',', '，'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (!names.All(n => departmentNames.Contains(n))) continue;
            parts.Add(new DepartmentPart(names, text[start..mark.Index].Trim()));
            start = mark.Index + mark.Length;
        }
        if (parts.Count == 0) return [new DepartmentPart([.. departmentNames], text.Trim())];
        var rest = text[start..].Trim();
        if (rest.Length > 0) parts[^1] = parts[^1] with { Text = $"{parts[^1].Text} {rest}" };
        return parts;
    }

    [GeneratedRegex(@"[（(](?<names>[^（）()]+)[）)]")]
    private static partial Regex DepartmentMark();
}

/// <summary>The part of an entry's text that belongs to one or more departments.</summary>
public sealed record DepartmentPart(IReadOnlyList<string> Departments, string Text);
