using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Measures;

public sealed class DetailsModel(AyumiDbContext db, CurrentMember current, TagSuggester suggester) : PageModel
{
    public Measure Measure { get; private set; } = null!;
    /// <summary>Every link of the measure's lineage across plans, earliest first.</summary>
    public IReadOnlyList<MeasureLineage> Lineage { get; private set; } = [];
    /// <summary>The published years of the measure and of the measures it descends from or continues in, oldest first.</summary>
    public IReadOnlyList<HistoryYear> History { get; private set; } = [];
    /// <summary>Whether the plan records budgets at all, so that an empty budget reads "none" rather than being left out.</summary>
    public bool PlanTracksBudgets { get; private set; }
    public bool CanManage { get; private set; }
    /// <summary>What the suggester proposes, for the secretariat, who confirms the measure's priority issues.</summary>
    public IReadOnlyList<TagSuggestion> Suggestions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var measure = await db.Measures.AsNoTrackingWithIdentityResolution()
            .Include(m => m.Plan).ThenInclude(p => p.Organisation)
            .Include(m => m.Plan).ThenInclude(p => p.ReportingYears)
            .Include(m => m.Placements).ThenInclude(p => p.Node).ThenInclude(n => n.Parent)
            .Include(m => m.Departments).ThenInclude(d => d.Department).ThenInclude(d => d.Parent)
            .Include(m => m.Entries)
            .Include(m => m.Tags)
            .AsSplitQuery()
            .FirstOrDefaultAsync(m => m.Id == id, ct);
        if (measure is null) return NotFound();
        var me = await current.GetAsync(ct);
        CanManage = me.CanManage(measure.Plan.OrganisationId);
        if (!me.SeesPlan(measure.Plan)) return me.IsSignedIn ? NotFound() : Challenge();
        me.Withhold(db, measure.Plan);
        Measure = measure;
        if (CanManage) Suggestions = suggester.Suggest(MeasureText.Of(measure));
        (Lineage, History) = await MeasureLineageQuery.LoadAsync(db, measure, CanManage, ct);
        PlanTracksBudgets = await db.YearlyEntries.AnyAsync(e => e.Measure.PlanId == measure.PlanId && EF.Property<List<BudgetFigure>>(e, "BudgetFigures") != NoFigures, ct);
        return Page();
    }

    private static readonly List<BudgetFigure> NoFigures = [];

    /// <summary>The entries of published years, newest first: the public never sees work in progress here.</summary>
    public IReadOnlyList<YearlyEntry> PublishedEntries =>
        Measure.Entries.Where(e => Measure.Plan.PublishedYears.Contains(e.FiscalYear)).OrderByDescending(e => e.FiscalYear).ToList();

    /// <summary>The yearly targets (取組目標) the plan sets: plan content, public whether or not the year is reported.</summary>
    /// <summary>Whether the public may see what was reported for <paramref name="year"/>.</summary>
    public bool IsPublished(FiscalYear year) => Measure.Plan.PublishedYears.Contains(year);

    public IReadOnlyList<YearlyEntry> Targets => Measure.Entries.Where(e => e.Target is not null).OrderBy(e => e.FiscalYear).ToList();

    public IReadOnlyList<string> DepartmentNames => Measure.Departments.OrderBy(d => d.Order).Select(d => d.Department.Name).ToList();

    /// <summary>
    /// The years of the history that record a budget, for the chart: initial and final budgets summed over the listings of the
    /// year; a final budget is pending (未確定) in the years after the last one whose final budget is known.
    /// </summary>
    public IReadOnlyList<(string Year, long? Initial, long? Final, bool FinalPending)> Budgets
    {
        get
        {
            var years = History.GroupBy(h => h.FiscalYear).Select(g => (Year: g.Key, Initial: Sum(g.Select(h => h.Entry.InitialBudget)), Final: Sum(g.Select(h => h.Entry.FinalBudget))))
                .Where(x => x.Initial is not null || x.Final is not null).OrderBy(x => x.Year).ToList();
            var lastClosed = years.Where(x => x.Final is not null).Select(x => (FiscalYear?)x.Year).Max();
            return years.Select(x => (x.Year.ToEraAbbreviation(), x.Initial, x.Final, x.Final is null && (lastClosed is not { } closed || x.Year > closed))).ToList();
        }
    }

    private static long? Sum(IEnumerable<ThousandYen?> amounts)
    {
        var known = amounts.OfType<ThousandYen>().ToList();
        return known.Count == 0 ? null : known.Sum(a => a.Value);
    }
}
