using Ayumi.Data;
using Ayumi.Domain;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Reports;

/// <summary>Loads what a report needs in a few queries: the plan's tree with every entry, and the next plan's measures it maps to.</summary>
public static class ReportQueries
{
    public static async Task<Plan?> LoadAsync(AyumiDbContext db, int planId, CancellationToken ct)
    {
        var plan = await Tree(db).Include(p => p.Organisation).ThenInclude(o => o.Plans).Include(p => p.ReportingYears)
            .FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null) return null;
        // The next plan is loaded into the same context so that next-plan links resolve to its placements and nodes;
        // a draft of it is not, so that a published report never shows what is still being drafted.
        var next = plan.Organisation.Plans.FirstOrDefault(p => p.PredecessorId == plan.Id && p.Status == PlanStatus.Published);
        if (next is not null) await Tree(db).Where(p => p.Id == next.Id).LoadAsync(ct);
        return plan;
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
