using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Measures;

/// <summary>One fiscal year of a measure's history, in whichever plan's measure carried the work that year.</summary>
public sealed record HistoryYear(FiscalYear FiscalYear, Measure Measure, YearlyEntry Entry);

/// <summary>
/// A measure's history across plans and years: the measures it descends from (through every
/// continued, renamed, merged, split and successor link, back to the first plan), itself, and
/// those that carry it on; the links between them; and the published entries of each.
/// A merged measure thus shows the history of every measure merged into it, a split one the
/// history of the measure it was split from, but not of its siblings.
/// </summary>
public static class MeasureLineageQuery
{
    /// <param name="includeDrafts">Whether measures of draft plans may appear (the organisation's secretariat).</param>
    public static async Task<(IReadOnlyList<MeasureLineage> Links, IReadOnlyList<HistoryYear> Years)> LoadAsync(AyumiDbContext db, Measure measure, bool includeDrafts, CancellationToken ct)
    {
        var organisationId = measure.Plan.OrganisationId;
        var links = await db.MeasureLineages.AsNoTracking()
            .Where(l => l.From.Plan.OrganisationId == organisationId && (includeDrafts || (l.From.Plan.Status == PlanStatus.Published && l.To.Plan.Status == PlanStatus.Published)))
            .Select(l => new { l.Id, l.FromId, l.ToId }).ToListAsync(ct);
        var related = Closure(measure.Id, links.ToLookup(l => l.ToId, l => l.FromId)).Union(Closure(measure.Id, links.ToLookup(l => l.FromId, l => l.ToId))).ToHashSet();
        var linkIds = links.Where(l => related.Contains(l.FromId) && related.Contains(l.ToId)).Select(l => l.Id).ToList();
        var measures = await db.Measures.AsNoTrackingWithIdentityResolution()
            .Include(m => m.Plan).ThenInclude(p => p.ReportingYears)
            .Include(m => m.Placements).ThenInclude(p => p.Node)
            .Include(m => m.Entries)
            .Where(m => related.Contains(m.Id)).AsSplitQuery().ToListAsync(ct);
        var lineage = await db.MeasureLineages.AsNoTrackingWithIdentityResolution()
            .Include(l => l.From).ThenInclude(m => m.Plan).Include(l => l.From).ThenInclude(m => m.Placements).ThenInclude(p => p.Node)
            .Include(l => l.To).ThenInclude(m => m.Plan).Include(l => l.To).ThenInclude(m => m.Placements).ThenInclude(p => p.Node)
            .Where(l => linkIds.Contains(l.Id)).AsSplitQuery().ToListAsync(ct);
        var years = measures
            .SelectMany(m => m.Entries.Where(e => MemberRoles.Anonymous.SeesYear(m.Plan, e.FiscalYear) && e.HasReport).Select(e => new HistoryYear(e.FiscalYear, m, e)))
            .OrderBy(y => y.FiscalYear).ThenBy(y => y.Measure.Plan.Generation).ThenBy(y => y.Measure.Key, StringComparer.Ordinal).ToList();
        return (lineage.OrderBy(l => l.EffectiveIn).ThenBy(l => l.From.Plan.Generation).ThenBy(l => l.Id).ToList(), years);
    }

    /// <summary>Every measure reachable from <paramref name="start"/> along <paramref name="next"/>, the start included.</summary>
    private static HashSet<int> Closure(int start, ILookup<int, int> next)
    {
        var seen = new HashSet<int> { start };
        var queue = new Queue<int>([start]);
        while (queue.TryDequeue(out var id))
            foreach (var other in next[id])
                if (seen.Add(other)) queue.Enqueue(other);
        return seen;
    }
}
