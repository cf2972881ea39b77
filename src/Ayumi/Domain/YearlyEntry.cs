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
    /// <summary>The year's budget: request, initial, final and settlement, split by source and sub-item (see <see cref="BudgetLine"/>).</summary>
    public BudgetLine Budget { get => new(BudgetFigures); set => BudgetFigures = [.. value.Figures]; }
    /// <summary>The line's figures as stored: one JSON column, audited as one value.</summary>
    private List<BudgetFigure> BudgetFigures { get; set; } = [];
    /// <summary>当初予算額 (stated, or the sum of its parts); null = no budget (distinct from 0).</summary>
    public ThousandYen? InitialBudget => Budget.Total(BudgetAmount.Initial);
    /// <summary>最終予算額 (stated, or the sum of its parts); null = no budget (distinct from 0).</summary>
    public ThousandYen? FinalBudget => Budget.Total(BudgetAmount.Final);
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
        PlannedWork is not null || Results is not null || Grade is not null || BudgetFigures.Count > 0
        || IssuesAndDirection is not null || NextYearPlan is not null || TargetProgress is not null;

    /// <summary>The departments' parts while the year is being filled in.</summary>
    public IReadOnlyCollection<EntryPart> Parts => _parts;

    /// <summary>The parts in the order the measure names its departments; the first is the lead department's.</summary>
    public IReadOnlyList<EntryPart> PartsInOrder() => _parts.OrderBy(p => AssignmentOf(p.Department)?.Order ?? int.MaxValue).ToList();

    private MeasureDepartment? AssignmentOf(Department department) =>
        Measure.Departments.FirstOrDefault(d => d.Department == department || (department.Id != 0 && d.DepartmentId == department.Id));

    /// <summary>
    /// Gives every department of the measure its part, starting from what the entry already
    /// holds (imported or carried forward), split between the departments by the rule that
    /// composes them again (<see cref="SplitByDepartment"/> / <see cref="JoinByDepartment"/>).
    /// </summary>
    /// <remarks>
    /// A total cannot be split, so a shared measure's stored budgets start on the lead
    /// (first) department's part and the other parts start without one: composing the
    /// untouched parts sums to the same total, and a department that enters its own amount
    /// adds it to the total.
    /// </remarks>
    internal void StartParts(IReadOnlyList<MeasureDepartment> departments)
    {
        var shares = departments.Select(d => Share.Of(d.Department, d)).ToList();
        var start = SplitIntoParts(shares);
        for (var i = 0; i < shares.Count; i++)
            if (_parts.All(p => p.Department != shares[i].Department)) _parts.Add(new EntryPart(this, shares[i].Department, start[i]));
    }

    /// <summary>
    /// <paramref name="department"/>'s share of the stored values, as its part would start from them (<see cref="StartParts"/>):
    /// what it reported in a year run outside Ayumi. Null when the measure does not name the department.
    /// </summary>
    public PartContent? StoredShareOf(Department department)
    {
        var assigned = Measure.Departments.OrderBy(d => d.Order).ToList();
        var index = assigned.FindIndex(d => d.Department == department || d.DepartmentId == department.Id);
        return index < 0 ? null : SplitIntoParts(assigned.Select(d => Share.Of(d.Department, d)).ToList())[index];
    }

    /// <summary>Drops the departments' parts, when the year they were started for is withdrawn.</summary>
    internal void DropParts() => _parts.Clear();

    /// <summary>Whether the entry holds nothing, or only <paramref name="carriedPlan"/> as its planned work: what opening a year gives an entry it creates.</summary>
    internal bool HoldsNothingBut(string? carriedPlan) =>
        (PlannedWork is null || PlannedWork == carriedPlan) && Results is null && Grade is null && BudgetFigures.Count == 0
        && IssuesAndDirection is null && NextYearPlan is null && TargetProgress is null && Target is null && Notes is null;

    /// <summary>
    /// Clears what was reported for the year (text, grade, budgets, notes), keeping the plan's target: for a copy read for
    /// someone the year is not published to (see Features/Accounts/Publication). Never on an entry a context tracks.
    /// </summary>
    public void WithholdReport()
    {
        PlannedWork = Results = IssuesAndDirection = NextYearPlan = Notes = TargetProgress = Grade = null;
        BudgetFigures = [];
    }

    /// <summary>Drops from a read copy the departments' parts its reader may not see. Never on an entry a context tracks.</summary>
    public void WithholdParts(Func<EntryPart, bool> withheld) => _parts.RemoveAll(p => withheld(p));

    /// <summary>
    /// Writes the approved parts into the entry the way the sheets do: one department's
    /// words as they are; several departments' words each followed by （課名）, with
    /// departments that wrote the same text sharing one mark; the budget lines summed figure by figure; and the
    /// most cautious grade of the parts (the one furthest down the plan's scale).
    /// </summary>
    /// <remarks>
    /// A field is written only when a department changed it in its part: when every part
    /// still holds what it started from (the stored value, split), the stored value stays as
    /// it is, so that approval never replaces a value nobody touched, nor rewrites it in
    /// another form. A value a department cleared is cleared by that department's save, which
    /// the audit trail records under its name.
    /// </remarks>
    public void ComposeFromParts()
    {
        if (_parts.Count == 0 || _parts.Any(p => p.Status != PartStatus.Approved)) return;
        var parts = PartsInOrder();
        var start = SplitIntoParts(parts.Select(p => Share.Of(p.Department, AssignmentOf(p.Department))).ToList());
        bool Untouched<T>(Func<PartContent, T> field, Func<T, T, bool> same) =>
            parts.Select((p, i) => same(field(p.Content), field(start[i]))).All(s => s);
        string? Text(string? stored, Func<PartContent, string?> field) =>
            Untouched(field, SameText) ? stored : JoinByDepartment(parts.Select(p => (p.Department.Name, field(p.Content))).ToList());

        PlannedWork = Text(PlannedWork, c => c.PlannedWork);
        Results = Text(Results, c => c.Results);
        IssuesAndDirection = Text(IssuesAndDirection, c => c.IssuesAndDirection);
        NextYearPlan = Text(NextYearPlan, c => c.NextYearPlan);
        TargetProgress = Text(TargetProgress, c => c.TargetProgress);
        if (!Untouched(c => c.Budget, (a, b) => a.Equals(b))) Budget = BudgetLine.Sum(parts.Select(p => p.Budget));
        if (!Untouched(c => c.Grade, (a, b) => a == b))
        {
            var scale = Measure.Plan.Grades.Select(g => g.Symbol).ToList();
            Grade = parts.Select(p => p.Grade).Where(g => g is not null).OrderBy(g => scale.IndexOf(g!)).LastOrDefault();
        }
    }

    /// <summary>A department of the measure and the names the sheets may mark its text with.</summary>
    private sealed record Share(Department Department, IReadOnlyCollection<string> Names)
    {
        /// <summary>Its name, and the name the sheet wrote it under (社会福祉課(団体指導班)) when that differs.</summary>
        public static Share Of(Department department, MeasureDepartment? assigned) =>
            new(department, assigned?.WrittenAs is { } written && written != department.Name ? [department.Name, written] : [department.Name]);
    }

    /// <summary>What each department's part holds when it starts from the stored values: the inverse of <see cref="ComposeFromParts"/>.</summary>
    private IReadOnlyList<PartContent> SplitIntoParts(IReadOnlyList<Share> shares)
    {
        var planned = SplitText(PlannedWork, shares);
        var results = SplitText(Results, shares);
        var issues = SplitText(IssuesAndDirection, shares);
        var next = SplitText(NextYearPlan, shares);
        var progress = SplitText(TargetProgress, shares);
        return shares.Select((_, i) => new PartContent(planned[i], results[i], Grade,
            i == 0 ? Budget : BudgetLine.None, issues[i], next[i], progress[i])).ToList();
    }

    /// <summary>Each department's words of a stored text, null where it has none.</summary>
    private static string?[] SplitText(string? text, IReadOnlyList<Share> shares)
    {
        var texts = new string?[shares.Count];
        if (string.IsNullOrWhiteSpace(text)) return texts;
        if (shares.Count == 1)
        {
            texts[0] = text.Trim();
            return texts;
        }
        var pieces = SplitByDepartment(text, shares.SelectMany(s => s.Names).ToList());
        for (var i = 0; i < shares.Count; i++)
        {
            var mine = pieces.Where(p => p.Departments.Any(shares[i].Names.Contains) && p.Text.Length > 0).Select(p => p.Text).ToList();
            texts[i] = mine.Count == 0 ? null : string.Join(" ", mine);
        }
        return texts;
    }

    /// <summary>Whether two texts say the same, whatever their line endings (a browser posts CRLF) and surrounding blanks.</summary>
    private static bool SameText(string? a, string? b) => Canonical(a) == Canonical(b);

    private static string? Canonical(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.ReplaceLineEndings("\n").Trim();

    /// <summary>
    /// Writes departments' texts as one, the way the sheets do: a single department's words as
    /// they are; several departments' words each followed by （課名）, adjacent departments that
    /// wrote the same text sharing one mark (<c>…（保護第一課、保護第二課）</c>); departments
    /// without words left out. <see cref="SplitByDepartment"/> reads it back.
    /// </summary>
    public static string? JoinByDepartment(IReadOnlyList<(string Department, string? Text)> parts)
    {
        if (parts.Count == 1) return parts[0].Text;
        var groups = new List<(string Text, List<string> Departments)>();
        foreach (var (department, text) in parts)
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (groups.Count > 0 && groups[^1].Text == text) groups[^1].Departments.Add(department);
            else groups.Add((text, [department]));
        }
        return groups.Count == 0 ? null : string.Join(" ", groups.Select(g => $"{g.Text}（{string.Join("、", g.Departments)}）"));
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
    /// 保護 sections. A text with no such marks is one part for every department. It reads
    /// what <see cref="JoinByDepartment"/> writes, and the sheets' own per-department text.
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
