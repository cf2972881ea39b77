using Ayumi.Data;
using Ayumi.Domain;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Plans;

/// <summary>
/// The plan settings form, shared by the new-plan and settings pages: what was typed, read into
/// <see cref="PlanSettings"/> with the first problem named for the notice.
/// </summary>
public sealed class PlanSettingsForm
{
    /// <summary>The scale is typed row by row instead of taken ready-made.</summary>
    public const string CustomScale = "custom";
    /// <summary>Blank grade rows offered below the filled ones, for a scale of one's own.</summary>
    public const int BlankGradeRows = 3;

    public string Name { get; set; } = "";
    public int Generation { get; set; } = 1;
    public string PeriodStart { get; set; } = "";
    public string PeriodEnd { get; set; } = "";
    /// <summary>The levels above the measures, top first: 基本目標、施策.</summary>
    public string Levels { get; set; } = "基本目標、施策";
    /// <summary>What the plan calls its measures: 取組, 事業.</summary>
    public string MeasureLevel { get; set; } = "取組";
    /// <summary>A <see cref="ReadyMadeGradeScale"/> key, or <see cref="CustomScale"/>.</summary>
    public string Scale { get; set; } = ReadyMadeGradeScale.EnaAtoD.Key;
    public List<GradeRow> Grades { get; set; } = [];
    public int? PredecessorId { get; set; }

    public sealed class GradeRow
    {
        public string? Symbol { get; set; }
        public string? Label { get; set; }
        public GradeMeaning? Meaning { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Symbol) && string.IsNullOrWhiteSpace(Label) && Meaning is null;
    }

    public static PlanSettingsForm Of(Plan plan) => new()
    {
        Name = plan.Name,
        Generation = plan.Generation,
        PeriodStart = plan.PeriodStart.ToJapanese(),
        PeriodEnd = plan.PeriodEnd.ToJapanese(),
        Levels = string.Join("、", plan.Levels.SkipLast(1).Select(l => l.Name)),
        MeasureLevel = plan.Levels[^1].Name,
        Scale = ReadyMadeGradeScale.All.FirstOrDefault(s => s.Scale.Grades.SequenceEqual(plan.Grades))?.Key ?? CustomScale,
        Grades = plan.Grades.Select(g => new GradeRow { Symbol = g.Symbol, Label = g.Label, Meaning = g.Meaning }).ToList(),
        PredecessorId = plan.PredecessorId,
    };

    /// <summary>The grade rows to show: those typed or stored, and a few blank ones to add grades.</summary>
    public IReadOnlyList<GradeRow> RowsToShow => [.. Grades.Where(g => !g.IsBlank), .. Enumerable.Range(0, BlankGradeRows).Select(_ => new GradeRow())];

    /// <summary>The settings typed; null with <paramref name="problem"/> set (a text key and its arguments) when a field cannot be read.</summary>
    public PlanSettings? Read(IReadOnlyCollection<Plan> organisationPlans, out (string Key, object[] Arguments)? problem)
    {
        problem = null;
        if (!FiscalYear.TryParse(PeriodStart, out var start) || !FiscalYear.TryParse(PeriodEnd, out var end))
        {
            problem = ("planSettings.badPeriod", [$"{PeriodStart}～{PeriodEnd}"]);
            return null;
        }
        GradeScale scale;
        if (Scale == CustomScale)
        {
            var rows = Grades.Where(g => !g.IsBlank).Select(g => new GradeDefinition((g.Symbol ?? "").Trim(), (g.Label ?? "").Trim(), g.Meaning)).ToList();
            var twice = rows.GroupBy(g => g.Symbol).FirstOrDefault(g => g.Count() > 1);
            if (twice is not null)
            {
                problem = ("planSettings.gradeTwice", [twice.Key]);
                return null;
            }
            scale = new GradeScale(rows);
        }
        else if (ReadyMadeGradeScale.Find(Scale) is { } readyMade) scale = readyMade.Scale;
        else
        {
            problem = ("planSettings.badScale", [Scale]);
            return null;
        }
        Plan? predecessor = null;
        if (PredecessorId is { } id && (predecessor = organisationPlans.FirstOrDefault(p => p.Id == id)) is null)
        {
            problem = ("planSettings.predecessorElsewhere", []);
            return null;
        }
        var levels = PlanLevel.ParseNames(Levels).Append(new PlanLevel(MeasureLevel.Trim())).ToList();
        return new PlanSettings(Name, Generation, start, end, levels, scale, predecessor);
    }

    /// <summary>
    /// The organisation's plans, tracked, with what the settings' rules look at: names and
    /// predecessors, the years in the cycle, the tree and the grades already given.
    /// </summary>
    public static async Task<Organisation?> LoadAsync(AyumiDbContext db, int organisationId, CancellationToken ct)
    {
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == organisationId, ct);
        if (organisation is null) return null;
        await db.Plans.Where(p => p.OrganisationId == organisationId)
            .Include(p => p.Nodes)
            .Include(p => p.ReportingYears)
            .Include(p => p.Measures).ThenInclude(m => m.Entries)
            .AsSplitQuery()
            .LoadAsync(ct);
        return organisation;
    }
}
