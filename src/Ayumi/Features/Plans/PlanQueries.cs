using Ayumi.Data;
using Ayumi.Domain;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Plans;

/// <summary>Reads a plan's tree once and walks it in the order its codes give.</summary>
public static class PlanQueries
{
    /// <summary>The plan with nodes, measures, placements, departments and entries; null when there is no such plan.</summary>
    public static Task<Plan?> LoadTreeAsync(AyumiDbContext db, int planId, CancellationToken ct) =>
        db.Plans.AsNoTrackingWithIdentityResolution()
            .Include(p => p.Organisation)
            .Include(p => p.Predecessor)
            .Include(p => p.Nodes)
            .Include(p => p.Measures).ThenInclude(m => m.Placements)
            .Include(p => p.Measures).ThenInclude(m => m.Departments).ThenInclude(d => d.Department)
            .Include(p => p.Measures).ThenInclude(m => m.Entries)
            .Include(p => p.Measures).ThenInclude(m => m.Tags)
            .Include(p => p.Measures).ThenInclude(m => m.Origins).ThenInclude(l => l.From).ThenInclude(f => f.Plan)
            .Include(p => p.Measures).ThenInclude(m => m.Continuations).ThenInclude(l => l.To).ThenInclude(t => t.Plan)
            .Include(p => p.Indicators).ThenInclude(i => i.Owner)
            .Include(p => p.ReportingYears)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Id == planId, ct);

    public static IEnumerable<PlanNode> Roots(Plan plan) => Sorted(plan.Nodes.Where(n => n.ParentId is null));

    public static IEnumerable<PlanNode> Children(PlanNode node) => Sorted(node.Plan.Nodes.Where(n => n.ParentId == node.Id));

    /// <summary>The measures listed under <paramref name="node"/>, relistings included, in code order.</summary>
    public static IEnumerable<MeasurePlacement> PlacementsUnder(PlanNode node) =>
        node.Plan.Measures.SelectMany(m => m.Placements).Where(p => p.NodeId == node.Id)
            .OrderBy(p => p.ParsedCode).ThenBy(p => p.Id);

    /// <summary>Every measure once, in the order of its primary listing.</summary>
    public static IEnumerable<Measure> MeasuresInTreeOrder(Plan plan)
    {
        var seen = new HashSet<int>();
        return Walk(Roots(plan)).SelectMany(PlacementsUnder).Where(p => !p.IsRelisting && seen.Add(p.MeasureId)).Select(p => p.Measure);
    }

    public static IEnumerable<PlanNode> Walk(IEnumerable<PlanNode> nodes) =>
        nodes.SelectMany(n => new[] { n }.Concat(Walk(Children(n))));

    private static IEnumerable<PlanNode> Sorted(IEnumerable<PlanNode> nodes) =>
        nodes.OrderBy(n => n.ParsedCode).ThenBy(n => n.Order);
}
