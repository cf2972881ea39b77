using System.Globalization;
using Ayumi.Domain;

namespace Ayumi.Features.Reports;

/// <summary>
/// The progress sheet's budget columns. A measure's row holds its own figures; its sub-items (内訳) follow it as rows of their
/// own, numbered (1)(2)… in the title column as the documents write them (and as the importer reads them back). A total is
/// the one the document states; where it disagrees with its parts the sheet shows the difference, in a column of the layout
/// or, when the layout has none, in one the sheet adds after the total.
/// </summary>
public sealed partial class ProgressSheet
{
    private static readonly Dictionary<BudgetAmount, string> AmountWords = new()
    {
        [BudgetAmount.Request] = "要求", [BudgetAmount.Initial] = "当初", [BudgetAmount.Final] = "最終", [BudgetAmount.Settlement] = "決算",
    };

    /// <summary>The layout with a difference column after each total whose amount disagrees with its parts somewhere in the sheet, unless it has one.</summary>
    private static ReportTemplate WithDifferenceColumns(ReportTemplate template, Plan plan, FiscalYear year)
    {
        var columns = new List<ReportColumn>();
        foreach (var column in template.Columns)
        {
            columns.Add(column);
            if (column is not { BudgetAmount: { } amount, Source: null, Difference: false }) continue;
            if (template.Columns.Any(c => c.Difference && c.Field == column.Field && c.YearOffset == column.YearOffset)) continue;
            var entryYear = year.Offset(column.YearOffset);
            if (plan.Measures.SelectMany(m => m.Entries).Where(e => e.FiscalYear == entryYear).Any(e => e.Budget.Differences().Any(d => d.Amount == amount)))
                columns.Add(new ReportColumn(column.Field, $"{AmountWords[amount]}の記載額と内訳の差", column.YearOffset, Difference: true));
        }
        return columns.Count == template.Columns.Count ? template : new ReportTemplate(template.Name, columns, template.PoliciesAsSectionRows, template.GradeTally);
    }

    /// <summary>
    /// What a money column shows for the measure (<paramref name="item"/> null) or one sub-item. A total is the stated one when the
    /// sheet shows its parts (a source column of the amount, or sub-item rows), and the line's total otherwise.
    /// </summary>
    private string? Money(ReportColumn column, BudgetLine line, string? item)
    {
        var amount = column.BudgetAmount!.Value;
        // A negative difference is written △, as Japanese accounts write it (a leading sign would also read as a formula in a spreadsheet).
        if (column.Difference) return line.Difference(amount, item) is { } d ? (d < 0 ? $"△{-d}" : d.ToString(CultureInfo.InvariantCulture)) : null;
        var partsShown = Template.Columns.Any(c => c.BudgetAmount == amount && c.Source is not null) || (item is null && line.Items.Count > 0);
        var value = column.Source is { } source ? line.Figure(amount, item, source) : partsShown ? line.Stated(amount, item) : line.Total(amount, item);
        return value?.Value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A row per sub-item of the measure's budget in the years the money columns show: (1) and its name in the title column, its figures in the money columns.</summary>
    private IEnumerable<SheetLine> SubItemLines(Measure measure)
    {
        var money = Template.Columns.Where(c => c.IsMoney).ToList();
        BudgetLine LineFor(ReportColumn column) => measure.Entries.FirstOrDefault(e => e.FiscalYear == Year.Offset(column.YearOffset))?.Budget ?? BudgetLine.None;
        var items = money.SelectMany(c => LineFor(c).Items).Distinct().ToList();
        return items.Select((item, i) => new SheetLine(null, Template.Columns.Select(c =>
            c.Field == ReportField.Title ? new SheetCell($"({i + 1}){item}")
            : c.IsMoney && Money(c, LineFor(c), item) is { } text ? new SheetCell(text, Amount: long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : null)
            : SheetCell.Empty).ToList()));
    }
}
