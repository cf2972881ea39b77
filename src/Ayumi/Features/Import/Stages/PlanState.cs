using Ayumi.Domain;

namespace Ayumi.Features.Import.Stages;

/// <summary>A plan being imported into, with indexes for matching measures by key and by title.</summary>
internal sealed class PlanState
{
    /// <summary>How many of the plan's measures bear each title now, so that a new row's title is not compared with every measure.</summary>
    private readonly Dictionary<string, int> _titles = [];

    public PlanState(Plan plan)
    {
        Plan = plan;
        foreach (var measure in plan.Measures)
        {
            ByKey[measure.Key] = measure;
            if (!ByTitle.TryAdd(measure.Title, measure)) AmbiguousTitles.Add(measure.Title);
            CountTitle(measure.Title, 1);
        }
        foreach (var node in plan.Nodes) Nodes[node.Code] = node;
    }

    public Plan Plan { get; }
    public Dictionary<string, Measure> ByKey { get; } = [];
    /// <summary>Measures that existed before this import, by title, for matching a row whose code changed.</summary>
    public Dictionary<string, Measure> ByTitle { get; } = [];
    public HashSet<string> AmbiguousTitles { get; } = [];
    public HashSet<Measure> Matched { get; } = [];
    public Dictionary<string, PlanNode> Nodes { get; } = [];

    private void CountTitle(string title, int change) => _titles[title] = _titles.GetValueOrDefault(title) + change;

    /// <summary>True when a measure of the plan (created before or during this import) has this title.</summary>
    public bool HasTitle(string title) => _titles.GetValueOrDefault(title) > 0;

    public Measure AddMeasure(string key, PlanNode parent, string code, string title, string? description)
    {
        var measure = Plan.AddMeasure(key, parent, code, title, description);
        ByKey[key] = measure;
        CountTitle(measure.Title, 1);
        return measure;
    }

    public void Rewrite(Measure measure, string title, string? description)
    {
        CountTitle(measure.Title, -1);
        measure.Rewrite(title, description);
        CountTitle(measure.Title, 1);
    }

    public Measure? Match(string key, string title)
    {
        if (ByKey.TryGetValue(key, out var byKey)) return byKey;
        if (!AmbiguousTitles.Contains(title) && ByTitle.TryGetValue(title, out var byTitle) && !Matched.Contains(byTitle)) return byTitle;
        return null;
    }

    /// <summary>The measure a relisting (再掲) points at: the one with that title, or the only one whose title starts with it.</summary>
    public Measure? FindRelisted(string title)
    {
        var exact = Plan.Measures.Where(m => m.Title == title).ToList();
        if (exact.Count == 1) return exact[0];
        var prefixed = Plan.Measures.Where(m => m.Title.StartsWith(title, StringComparison.Ordinal)).ToList();
        return prefixed.Count == 1 ? prefixed[0] : null;
    }
}
