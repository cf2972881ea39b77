using Ayumi.Domain;

namespace Ayumi.Features.Plans;

public enum NodeChange
{
    Same,
    /// <summary>Same policy under another code: 1 就労の確保に関する支援 (2 就労の確保に関する支援).</summary>
    Renumbered,
    Reworded,
    New,
    /// <summary>No node of the later plan continues it, but its measures went on under another one: 3 and 4 into 4 福祉、医療及び薬物依存等….</summary>
    Merged,
    /// <summary>No node of the later plan continues it, and none of its measures goes on.</summary>
    Dropped,
}

public enum MeasureChange
{
    Unchanged,
    /// <summary>Carried on with its title or description changed.</summary>
    Changed,
    /// <summary>Carried on by a differently shaped link: renamed, merged, split or succeeded.</summary>
    Reorganised,
    New,
    Ended,
}

public sealed record NodeRow(NodeChange Change, PlanNode? Earlier, PlanNode? Later);

/// <param name="Link">The lineage link between the two, when both exist.</param>
/// <param name="EarlierBudget">The earlier measure's last budget (final where known), thousand yen.</param>
/// <param name="LaterBudget">The later measure's first budget (initial where known), thousand yen.</param>
public sealed record MeasureRow(MeasureChange Change, Measure? Earlier, Measure? Later, MeasureLineage? Link, ThousandYen? EarlierBudget, ThousandYen? LaterBudget)
{
    public IReadOnlyList<TextDiff.Segment> TitleDiff => TextDiff.Compare(Earlier?.Title, Later?.Title);
    public IReadOnlyList<TextDiff.Segment> DescriptionDiff => TextDiff.Compare(Earlier?.Description, Later?.Description);
}

/// <summary>
/// What changed from one plan to the next: policies renumbered, reworded, new, merged and dropped;
/// measures new (no link leads to them from the earlier plan), ended (no link leads from
/// them into the later plan), carried on unchanged or changed (text differences), and
/// reorganised (renamed, merged, split, succeeded), with budgets side by side.
/// </summary>
public sealed class PlanComparison
{
    private PlanComparison(Plan earlier, Plan later)
    {
        Earlier = earlier;
        Later = later;
    }

    public Plan Earlier { get; }
    public Plan Later { get; }
    public IReadOnlyList<NodeRow> Nodes { get; private set; } = [];
    /// <summary>The later plan's measures in tree order (one row per link when several lead to one), then the earlier plan's ended measures.</summary>
    public IReadOnlyList<MeasureRow> Measures { get; private set; } = [];

    public IEnumerable<Measure> NewMeasures => Measures.Where(r => r.Change == MeasureChange.New).Select(r => r.Later!);
    public IEnumerable<Measure> EndedMeasures => Measures.Where(r => r.Change == MeasureChange.Ended).Select(r => r.Earlier!);

    /// <param name="earlier">Loaded with <see cref="PlanQueries.LoadTreeAsync"/>.</param>
    /// <param name="later">Loaded with <see cref="PlanQueries.LoadTreeAsync"/>.</param>
    public static PlanComparison Build(Plan earlier, Plan later)
    {
        var comparison = new PlanComparison(earlier, later);
        comparison.Nodes = CompareNodes(earlier, later);
        comparison.Measures = CompareMeasures(earlier, later);
        return comparison;
    }

    private static List<NodeRow> CompareNodes(Plan earlier, Plan later)
    {
        var earlierNodes = earlier.Nodes.ToDictionary(n => n.Id);
        var rows = new List<NodeRow>();
        foreach (var node in PlanQueries.Walk(PlanQueries.Roots(later)))
        {
            if (node.OriginId is not { } originId || !earlierNodes.TryGetValue(originId, out var origin))
            {
                rows.Add(new NodeRow(NodeChange.New, null, node));
                continue;
            }
            var change = origin.Code != node.Code ? NodeChange.Renumbered : origin.Title != node.Title ? NodeChange.Reworded : NodeChange.Same;
            rows.Add(new NodeRow(change, origin, node));
        }
        var continued = later.Nodes.Where(n => n.OriginId is not null).Select(n => n.OriginId!.Value).ToHashSet();
        var laterMeasures = later.Measures.ToDictionary(m => m.Id);
        foreach (var node in PlanQueries.Walk(PlanQueries.Roots(earlier)).Where(n => !continued.Contains(n.Id)))
        {
            // Where the node's measures went: the later plan's node that lists most of them.
            var target = earlier.Measures.Where(m => m.PrimaryPlacement.NodeId == node.Id)
                .SelectMany(m => m.Continuations).Where(l => laterMeasures.ContainsKey(l.ToId))
                .Select(l => laterMeasures[l.ToId].PrimaryPlacement.Node)
                .GroupBy(n => n.Id).OrderByDescending(g => g.Count()).Select(g => g.First()).FirstOrDefault();
            rows.Add(new NodeRow(target is null ? NodeChange.Dropped : NodeChange.Merged, node, target));
        }
        return rows;
    }

    private static List<MeasureRow> CompareMeasures(Plan earlier, Plan later)
    {
        var earlierMeasures = earlier.Measures.ToDictionary(m => m.Id);
        var rows = new List<MeasureRow>();
        var carried = new HashSet<int>();
        foreach (var measure in PlanQueries.MeasuresInTreeOrder(later))
        {
            var links = measure.Origins.Where(l => earlierMeasures.ContainsKey(l.FromId)).OrderBy(l => l.FromId).ToList();
            if (links.Count == 0)
            {
                rows.Add(new MeasureRow(MeasureChange.New, null, measure, null, null, FirstBudget(measure)));
                continue;
            }
            foreach (var link in links)
            {
                var origin = earlierMeasures[link.FromId];
                carried.Add(origin.Id);
                var change = link.Kind != LineageKind.Continued ? MeasureChange.Reorganised
                    : origin.Title != measure.Title || origin.Description != measure.Description ? MeasureChange.Changed
                    : MeasureChange.Unchanged;
                rows.Add(new MeasureRow(change, origin, measure, link, LastBudget(origin), FirstBudget(measure)));
            }
        }
        rows.AddRange(PlanQueries.MeasuresInTreeOrder(earlier).Where(m => !carried.Contains(m.Id))
            .Select(m => new MeasureRow(MeasureChange.Ended, m, null, null, LastBudget(m), null)));
        return rows;
    }

    private static ThousandYen? LastBudget(Measure measure) =>
        measure.Entries.OrderByDescending(e => e.FiscalYear).Select(e => e.FinalBudget ?? e.InitialBudget).FirstOrDefault(b => b is not null);

    private static ThousandYen? FirstBudget(Measure measure) =>
        measure.Entries.OrderBy(e => e.FiscalYear).Select(e => e.InitialBudget ?? e.FinalBudget).FirstOrDefault(b => b is not null);
}
