using Ayumi.Domain;

namespace Ayumi.Features.Reports;

/// <summary>
/// The columns of a progress sheet a reader keeps in view: every column of the layout but those hidden by the address
/// (<c>?hide=4&amp;hide=6</c>, positions in the layout), so that a choice can be shared and printed. The measure's code and
/// title (an indicator's name) name the row and always stay.
/// </summary>
public sealed class SheetColumns
{
    private readonly HashSet<int> _hidden;

    private SheetColumns(IEnumerable<int> hidden) => _hidden = [.. hidden];

    public static SheetColumns All { get; } = new([]);

    public static SheetColumns Hiding(IEnumerable<int>? hidden) => hidden is null ? All : new(hidden);

    public static bool CanHide(ReportColumn column) => column.Field is not (ReportField.Code or ReportField.Title or ReportField.Indicator);

    public bool IsHidden(ReportTemplate template, int index) => _hidden.Contains(index) && index < template.Columns.Count && CanHide(template.Columns[index]);

    /// <summary>The positions of the columns shown, in the layout's order.</summary>
    public IReadOnlyList<int> Indices(ReportTemplate template) =>
        Enumerable.Range(0, template.Columns.Count).Where(i => !IsHidden(template, i)).ToList();

    /// <summary>The address's part that hides the same columns of <paramref name="template"/>: <c>&amp;hide=4&amp;hide=6</c>, or nothing.</summary>
    public string Query(ReportTemplate template) =>
        string.Concat(Enumerable.Range(0, template.Columns.Count).Where(i => IsHidden(template, i)).Select(i => $"&hide={i}"));
}
