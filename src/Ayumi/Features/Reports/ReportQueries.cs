using Ayumi.Data;
using Ayumi.Domain;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Reports;

/// <summary>Loads what a report needs in a few queries: the plan's tree with every entry, and the next plan's measures it maps to.</summary>
public static class ReportQueries
{
    public static async Task<Plan?> LoadAsync(AyumiDbContext db, int planId, CancellationToken ct)
    {
        // The next plan is read in the same query so that next-plan links resolve to its placements and nodes; a
        // draft of it is not, so that a published report never shows what is still being drafted.
        var next = await db.Plans.Where(p => p.PredecessorId == planId && p.Status == PlanStatus.Published).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        // Reports only read: untracked, a 500-measure plan's graph costs the request about half the memory.
        var plans = await Tree(db).Include(p => p.Organisation).ThenInclude(o => o.Plans).Include(p => p.ReportingYears)
            .Where(p => p.Id == planId || p.Id == next).AsNoTrackingWithIdentityResolution().ToListAsync(ct);
        return plans.FirstOrDefault(p => p.Id == planId);
    }

    /// <summary>Ayumi's layouts and the organisation's own, in that order.</summary>
    public static async Task<List<ReportTemplate>> TemplatesAsync(AyumiDbContext db, int organisationId, CancellationToken ct) =>
        [.. ReportTemplate.BuiltIn, .. await db.ReportTemplates.AsNoTracking().Where(t => t.OrganisationId == organisationId).ToListAsync(ct)];

    private static IQueryable<Plan> Tree(AyumiDbContext db) => db.Plans
        .Include(p => p.Nodes)
        .Include(p => p.Measures).ThenInclude(m => m.Placements)
        .Include(p => p.Measures).ThenInclude(m => m.Departments).ThenInclude(d => d.Department)
        .Include(p => p.Measures).ThenInclude(m => m.Entries)
        .Include(p => p.Measures).ThenInclude(m => m.Continuations)
        .Include(p => p.Indicators).ThenInclude(i => i.Owner)
        .AsSplitQuery();
}
