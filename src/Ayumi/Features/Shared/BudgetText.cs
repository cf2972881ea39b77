using Ayumi.Domain;
using Ayumi.Localization;

namespace Ayumi.Features.Shared;

/// <summary>A budget line in one line of words, for the audit trail and the side-by-side view of a conflict.</summary>
public static class BudgetText
{
    /// <summary><c>当初予算: 計 2,362（国庫 1,000、県費 1,362）／内訳 (1) 相談 計 800</c>; empty for an empty line.</summary>
    public static string Describe(BudgetLine line, UiText text)
    {
        var amounts = line.Amounts.Select(amount =>
        {
            var rows = line.Items.Select((name, i) => ((string?)name, $"{text.Format("budget.item", i + 1)} {name}")).Prepend(((string?)null, ""));
            var parts = rows.Select(row => Row(line, amount, row.Item1, row.Item2, text)).Where(r => r is not null);
            return $"{text["budget.amount." + amount]}: {string.Join("／", parts)}";
        });
        return string.Join("。", amounts);
    }

    private static string? Row(BudgetLine line, BudgetAmount amount, string? item, string label, UiText text)
    {
        var sources = line.Figures.Where(f => f.Amount == amount && f.Item == item && f.Source is not null).Select(f => $"{f.Source} {f.Money}").ToList();
        var stated = line.Stated(amount, item);
        if (stated is null && sources.Count == 0) return null;
        var words = $"{label} {(stated is { } s ? $"{text["budget.stated"]} {s}" : "")}".Trim();
        return sources.Count == 0 ? words : $"{words}（{string.Join("、", sources)}）";
    }
}
