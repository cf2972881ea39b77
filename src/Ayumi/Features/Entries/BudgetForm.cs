using Ayumi.Domain;

namespace Ayumi.Features.Entries;

/// <summary>
/// A department's budget fields: for each amount the plan's layout uses, the stated total and each funding source, for the
/// measure and for each named sub-item (内訳). What is typed is kept as typed: a total that disagrees with its parts is saved
/// with its difference shown, not corrected.
/// </summary>
public sealed class BudgetForm
{
    /// <summary>Empty rows offered below the sub-items already named, for new ones.</summary>
    public const int SpareItems = 2;

    /// <summary>Posted by every form that shows the budget; without it (a client posting part of the form) the stored line is kept.</summary>
    public bool Shown { get; set; }

    /// <summary>The sub-items' names, in order; a blank one is not a sub-item.</summary>
    public List<string?> Items { get; set; } = [];

    /// <summary>The amounts as typed, keyed by <see cref="Key"/>.</summary>
    public Dictionary<string, string?> Cells { get; set; } = [];

    /// <summary>A cell's key: the amount, the row (m for the measure, or a sub-item's index) and the column (t for the stated total, or a source's index).</summary>
    public static string Key(BudgetAmount amount, int? item, int? source) =>
        $"{amount}:{(item is { } i ? i.ToString() : "m")}:{(source is { } s ? s.ToString() : "t")}";

    /// <summary>
    /// The amounts to ask for: those the plan's progress-sheet layout shows (the initial and final budget when it shows
    /// none, as the form always asked), and any the line already holds, so that nothing stored is out of reach.
    /// </summary>
    public static IReadOnlyList<BudgetAmount> AmountsFor(ReportTemplate? layout, BudgetLine line)
    {
        var used = layout?.Columns.Select(c => c.BudgetAmount).OfType<BudgetAmount>().ToList() ?? [];
        if (used.Count == 0) used = [BudgetAmount.Initial, BudgetAmount.Final];
        return used.Concat(line.Amounts).Distinct().Order().ToList();
    }

    public static BudgetForm From(BudgetLine line, IReadOnlyList<BudgetAmount> amounts, IReadOnlyList<string> sources)
    {
        var form = new BudgetForm { Shown = true, Items = [.. line.Items, .. Enumerable.Repeat<string?>(null, SpareItems)] };
        foreach (var (amount, item, source) in Positions(amounts, line.Items.Count, sources.Count))
            form.Cells[Key(amount, item, source)] = line.Figure(amount, item is { } i ? line.Items[i] : null, source is { } s ? sources[s] : null)?.ToString();
        return form;
    }

    /// <summary>
    /// The line the form says, starting from <paramref name="stored"/>: the amounts whose fields were posted are replaced by what
    /// was typed, the others kept. Null, with the problem in <paramref name="errors"/>, when an amount is not a number or a sub-item with
    /// amounts has no name.
    /// </summary>
    public BudgetLine? Read(BudgetLine stored, IReadOnlyList<BudgetAmount> amounts, IReadOnlyList<string> sources, IDictionary<string, string> errors)
    {
        if (!Shown) return stored;
        // Only the amounts whose fields came back are replaced: one the page did not show (stored since it was shown) stays.
        amounts = amounts.Where(a => Cells.Keys.Any(k => k.StartsWith($"{a}:", StringComparison.Ordinal))).ToList();
        var names = Items.Select(n => string.IsNullOrWhiteSpace(n) ? null : n.Trim()).ToList();
        var figures = stored.Figures.Where(f => !amounts.Contains(f.Amount)).ToList();
        foreach (var (amount, item, source) in Positions(amounts, names.Count, sources.Count))
        {
            if (!Cells.TryGetValue(Key(amount, item, source), out var text)) continue;
            if (!ThousandYen.IsNone(text) && !ThousandYen.TryParse(text, out _))
            {
                errors[nameof(EditModel.Form.Budget)] = "entry.badBudget";
                continue;
            }
            if (ThousandYen.ParseCell(text) is not { } value) continue;
            var name = item is { } i ? names[i] : null;
            if (item is not null && name is null)
            {
                errors[nameof(EditModel.Form.Budget)] = "budget.itemNameMissing";
                continue;
            }
            figures.Add(new BudgetFigure(amount, name, source is { } s ? sources[s] : null, value.Value));
        }
        if (errors.ContainsKey(nameof(EditModel.Form.Budget))) return null;
        try { return new BudgetLine(figures); }
        catch (DomainException e)
        {
            errors[nameof(EditModel.Form.Budget)] = e.Key;
            return null;
        }
    }

    private static IEnumerable<(BudgetAmount Amount, int? Item, int? Source)> Positions(IReadOnlyList<BudgetAmount> amounts, int items, int sources) =>
        from amount in amounts
        from item in Enumerable.Range(-1, items + 1)
        from source in Enumerable.Range(-1, sources + 1)
        select (amount, item < 0 ? (int?)null : item, source < 0 ? (int?)null : source);
}
