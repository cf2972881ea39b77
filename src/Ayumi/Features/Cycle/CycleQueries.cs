using Ayumi.Data;
using Ayumi.Domain;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Cycle;

public static class CycleQueries
{
    /// <summary>A plan with its reporting years, for the secretariat's pages (tracked, for changes).</summary>
    public static Task<Plan?> PlanWithYearsAsync(AyumiDbContext db, int planId, CancellationToken ct) =>
        db.Plans.Include(p => p.Organisation).Include(p => p.ReportingYears).FirstOrDefaultAsync(p => p.Id == planId, ct);

    /// <summary>Every part of a year's entries, with measure, placement and department, tracked for changes.</summary>
    public static Task<List<EntryPart>> PartsAsync(AyumiDbContext db, int planId, FiscalYear year, CancellationToken ct) =>
        db.EntryParts
            .Include(p => p.Department)
            .Include(p => p.YearlyEntry).ThenInclude(e => e.Measure).ThenInclude(m => m.Placements).ThenInclude(pl => pl.Node)
            .Include(p => p.YearlyEntry).ThenInclude(e => e.Measure).ThenInclude(m => m.Departments)
            .Include(p => p.YearlyEntry).ThenInclude(e => e.Parts)
            .Where(p => p.YearlyEntry.Measure.PlanId == planId && p.YearlyEntry.FiscalYear == year)
            .AsSplitQuery()
            .ToListAsync(ct);
}
