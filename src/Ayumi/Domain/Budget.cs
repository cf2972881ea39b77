using System.Text.Json.Serialization;

namespace Ayumi.Domain;

/// <summary>The amounts of the budget cycle, in the order a year goes through them.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BudgetAmount>))]
public enum BudgetAmount
{
    /// <summary>要求額: what the department asked for.</summary>
    Request,
    /// <summary>当初予算: the budget the assembly passed.</summary>
    Initial,
    /// <summary>最終予算: the budget after the supplementary budgets (補正).</summary>
    Final,
    /// <summary>決算額: what was spent.</summary>
    Settlement,
}

/// <summary>
/// One figure of a budget line, in thousand yen: an <see cref="Amount"/> of the cycle for the measure as a whole
/// (<see cref="Item"/> null) or one of its sub-items (内訳), either as the document states its total
/// (<see cref="Source"/> null) or for one funding source (国庫, 県費…).
/// </summary>
public sealed record BudgetFigure(BudgetAmount Amount, string? Item, string? Source, long Value)
{
    [JsonIgnore]
    public ThousandYen Money => new(Value);
}

/// <summary>
/// What a measure's budget holds for one fiscal year, as the documents write it: each amount of the cycle
/// (<see cref="BudgetAmount"/>), split by funding source and into named, ordered sub-items (内訳 (1)(2)…),
/// each with its own split. An amount nobody wrote is absent, which is not 0.
/// </summary>
/// <remarks>
/// A total is kept as stated: where the document states a total and also its parts (the sources, or the
/// sub-items), both are kept and <see cref="Difference"/> says by how much they disagree. Nothing is
/// "corrected": the document is the record.
/// </remarks>
public sealed class BudgetLine : IEquatable<BudgetLine>
{
    /// <summary>The funding sources of a plan that names none: prefectures' 国庫・県費・市町村費・その他.</summary>
    public static IReadOnlyList<string> DefaultSources { get; } = ["国庫", "県費", "市町村費", "その他"];

    public static BudgetLine None { get; } = new([]);

    /// <exception cref="DomainException">The same figure is given twice, or a sub-item has no name.</exception>
    public BudgetLine(IEnumerable<BudgetFigure> figures)
    {
        var list = figures.Select(Clean).ToList();
        if (list.Any(f => f.Item is "")) throw new DomainException("A budget sub-item needs a name.", "budget.itemNameMissing");
        var twice = list.GroupBy(f => (f.Amount, f.Item, f.Source)).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new DomainException($"The budget figure {twice.Key} is given twice.", "budget.figureTwice");
        var items = list.Where(f => f.Item is not null).Select(f => f.Item!).Distinct().ToList();
        Items = items;
        var sources = list.Where(f => f.Source is not null).Select(f => f.Source!).Distinct().ToList();
        // Stored and compared in one order: by sub-item as written, then amount, then source as written, the stated total first.
        Figures = list.OrderBy(f => f.Item is null ? -1 : items.IndexOf(f.Item)).ThenBy(f => f.Amount)
            .ThenBy(f => f.Source is null ? -1 : sources.IndexOf(f.Source)).ToList();
    }

    public IReadOnlyList<BudgetFigure> Figures { get; }

    /// <summary>The sub-items (内訳) in the document's order.</summary>
    public IReadOnlyList<string> Items { get; }

    public bool IsEmpty => Figures.Count == 0;

    /// <summary>Whether the line holds more than the measure's stated initial and final totals (the two a plain sheet writes).</summary>
    public bool ShowsMoreThanTotals => Figures.Any(f => f.Item is not null || f.Source is not null || f.Amount is BudgetAmount.Request or BudgetAmount.Settlement);

    /// <summary>The funding sources the line uses, in the order of <paramref name="planSources"/>, then any other in the order written.</summary>
    public IReadOnlyList<string> SourcesIn(IReadOnlyList<string> planSources) =>
        [.. planSources, .. Figures.Where(f => f.Source is not null && !planSources.Contains(f.Source)).Select(f => f.Source!).Distinct()];

    /// <summary>The amounts the line holds anything for.</summary>
    public IReadOnlyList<BudgetAmount> Amounts => Figures.Select(f => f.Amount).Distinct().Order().ToList();

    /// <summary>One figure as written: a stated total (<paramref name="source"/> null) or one source's share, of the measure or of a sub-item.</summary>
    public ThousandYen? Figure(BudgetAmount amount, string? item, string? source) =>
        Figures.FirstOrDefault(f => f.Amount == amount && f.Item == item && f.Source == source)?.Money;

    /// <summary>The total the document states for the measure (or the sub-item), if it states one.</summary>
    public ThousandYen? Stated(BudgetAmount amount, string? item = null) => Figure(amount, item, null);

    /// <summary>
    /// The sum of what the total is made of: of a sub-item, its sources; of the measure, its sub-items' totals when
    /// it has sub-items for the amount, and its own sources otherwise. Null when there are no parts.
    /// </summary>
    public ThousandYen? SumOfParts(BudgetAmount amount, string? item = null)
    {
        if (item is null && Items.Select(i => Total(amount, i)).Where(t => t is not null).ToList() is { Count: > 0 } items) return Sum(items);
        return Sum(Figures.Where(f => f.Amount == amount && f.Item == item && f.Source is not null).Select(f => (ThousandYen?)f.Money));
    }

    /// <summary>The stated total, or the sum of the parts when none is stated; null when the amount is absent.</summary>
    public ThousandYen? Total(BudgetAmount amount, string? item = null) => Stated(amount, item) ?? SumOfParts(amount, item);

    /// <summary>Stated total minus the sum of its parts, when both are written and they disagree; null otherwise.</summary>
    public long? Difference(BudgetAmount amount, string? item = null) =>
        Stated(amount, item) is { } stated && SumOfParts(amount, item) is { } parts && stated != parts ? stated.Value - parts.Value : null;

    /// <summary>Every place the line disagrees with itself: (amount, sub-item or null for the measure, difference).</summary>
    public IEnumerable<(BudgetAmount Amount, string? Item, long Difference)> Differences() =>
        from amount in Amounts
        from item in Items.Prepend(null)
        let difference = Difference(amount, item)
        where difference is not null
        select (amount, item, difference.Value);

    /// <summary>What one funding source gives to an amount: the measure's own split, or the sum of its sub-items' shares.</summary>
    public ThousandYen? BySource(BudgetAmount amount, string source) =>
        Figure(amount, null, source) ?? Sum(Items.Select(i => Figure(amount, i, source)));

    /// <summary>The line with one figure set, or removed when <paramref name="value"/> is null.</summary>
    public BudgetLine With(BudgetAmount amount, string? item, string? source, ThousandYen? value) =>
        new(Figures.Where(f => !(f.Amount == amount && f.Item == item && f.Source == source))
            .Concat(value is { } v ? [new BudgetFigure(amount, item, source, v.Value)] : []));

    /// <summary>A line of the one amount's stated total, as a sheet with a single budget column writes it.</summary>
    public static BudgetLine Of(BudgetAmount amount, ThousandYen? total) => None.With(amount, null, null, total);

    /// <summary>The departments' lines of a shared measure, added figure by figure.</summary>
    public static BudgetLine Sum(IEnumerable<BudgetLine> lines) =>
        new(lines.SelectMany(l => l.Figures).GroupBy(f => (f.Amount, f.Item, f.Source))
            .Select(g => new BudgetFigure(g.Key.Amount, g.Key.Item, g.Key.Source, g.Sum(f => f.Value))));

    private static ThousandYen? Sum(IEnumerable<ThousandYen?> amounts)
    {
        var present = amounts.Where(a => a is not null).Select(a => a!.Value).ToList();
        return present.Count == 0 ? null : new ThousandYen(present.Sum(a => a.Value));
    }

    private static BudgetFigure Clean(BudgetFigure figure)
    {
        _ = figure.Money; // refuses a negative amount
        return figure with { Item = figure.Item?.Trim(), Source = string.IsNullOrWhiteSpace(figure.Source) ? null : figure.Source.Trim() };
    }

    public bool Equals(BudgetLine? other) => other is not null && Figures.SequenceEqual(other.Figures);

    public override bool Equals(object? obj) => Equals(obj as BudgetLine);

    public override int GetHashCode() => Figures.Aggregate(0, (h, f) => HashCode.Combine(h, f));
}
