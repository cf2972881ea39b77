using Ayumi.Data;
using Ayumi.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Measures;

public sealed class DetailsModel(AyumiDbContext db) : PageModel
{
    public Measure Measure { get; private set; } = null!;
    /// <summary>Measures of the same plan that name this one as their predecessor (後継事業).</summary>
    public IReadOnlyList<Measure> Successors { get; private set; } = [];
    /// <summary>Measures of an earlier plan that continue in this one.</summary>
    public IReadOnlyList<Measure> EarlierPlanMeasures { get; private set; } = [];
    /// <summary>Whether the plan records budgets at all, so that an empty budget reads "none" rather than being left out.</summary>
    public bool PlanTracksBudgets { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var measure = await db.Measures.AsNoTrackingWithIdentityResolution()
            .Include(m => m.Plan).ThenInclude(p => p.Organisation)
            .Include(m => m.Plan).ThenInclude(p => p.ReportingYears)
            .Include(m => m.Placements).ThenInclude(p => p.Node).ThenInclude(n => n.Parent)
            .Include(m => m.Departments).ThenInclude(d => d.Department).ThenInclude(d => d.Parent)
            .Include(m => m.Entries)
            .Include(m => m.Predecessors).ThenInclude(s => s.Predecessor)
            .Include(m => m.NextPlanMeasure).ThenInclude(n => n!.Plan)
            .AsSplitQuery()
            .FirstOrDefaultAsync(m => m.Id == id, ct);
        if (measure is null) return NotFound();
        Measure = measure;
        Successors = await db.Measures.AsNoTracking().Where(m => m.Predecessors.Any(p => p.PredecessorId == id)).ToListAsync(ct);
        PlanTracksBudgets = await db.YearlyEntries.AnyAsync(e => e.Measure.PlanId == measure.PlanId && (e.InitialBudget != null || e.FinalBudget != null), ct);
        EarlierPlanMeasures = await db.Measures.AsNoTracking().Include(m => m.Plan).Where(m => m.NextPlanMeasureId == id).ToListAsync(ct);
        return Page();
    }

    /// <summary>The entries of published years, newest first: the public never sees work in progress here.</summary>
    public IReadOnlyList<YearlyEntry> PublishedEntries =>
        Measure.Entries.Where(e => Measure.Plan.PublishedYears.Contains(e.FiscalYear)).OrderByDescending(e => e.FiscalYear).ToList();

    /// <summary>The yearly targets (取組目標) the plan sets: plan content, public whether or not the year is reported.</summary>
    /// <summary>Whether the public may see what was reported for <paramref name="year"/>.</summary>
    public bool IsPublished(FiscalYear year) => Measure.Plan.PublishedYears.Contains(year);

    public IReadOnlyList<YearlyEntry> Targets => Measure.Entries.Where(e => e.Target is not null).OrderBy(e => e.FiscalYear).ToList();

    public IReadOnlyList<string> DepartmentNames => Measure.Departments.OrderBy(d => d.Order).Select(d => d.Department.Name).ToList();
}
