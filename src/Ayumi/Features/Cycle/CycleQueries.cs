using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Cycle;

public static class CycleQueries
{
    /// <summary>A plan with its reporting years, for the secretariat's pages (tracked, for changes).</summary>
    public static Task<Plan?> PlanWithYearsAsync(AyumiDbContext db, int planId, CancellationToken ct) =>
        db.Plans.Include(p => p.Organisation).Include(p => p.ReportingYears).FirstOrDefaultAsync(p => p.Id == planId, ct);

    /// <summary>
    /// The plan and the year of a secretariat's year page with the year's parts (tracked, for changes); or the answer instead:
    /// not found for a year the plan has not opened, forbidden to a reader who does not manage the plan's organisation.
    /// </summary>
    public static async Task<(IActionResult? Refusal, Plan Plan, ReportingYear Year, List<EntryPart> Parts)> ManagedYearAsync(
        AyumiDbContext db, CurrentMember current, int planId, string year, CancellationToken ct)
    {
        if (!FiscalYear.TryParse(year, out var fiscalYear)) return (new NotFoundResult(), null!, null!, []);
        var plan = await PlanWithYearsAsync(db, planId, ct);
        var reporting = plan?.ReportingYears.FirstOrDefault(r => r.FiscalYear == fiscalYear);
        if (plan is null || reporting is null) return (new NotFoundResult(), null!, null!, []);
        if (!(await current.GetAsync(ct)).CanManage(plan.OrganisationId)) return (new ForbidResult(), null!, null!, []);
        return (null, plan, reporting, await PartsAsync(db, planId, fiscalYear, ct));
    }

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
