using Ayumi.Domain;
using Ayumi.Domain.WrittenForms;
using Ayumi.Features.Import.Layout;
using Ayumi.Features.Import.Reading;

namespace Ayumi.Features.Import.Stages;

/// <summary>One column in force for this sheet: its field and the fiscal year it belongs to.</summary>
internal sealed record BoundColumn(ColumnMapping Mapping, ImportField Field, FiscalYear? Year);

/// <summary>A total or subtotal row and the measure rows it sums.</summary>
internal sealed record TotalRow(SheetRow Row, string Label, StatedTotalKind Kind, IReadOnlyList<SheetRow> Covered);

/// <summary>A measure's row and the sub-item lines ((1) (2) (3)) under it.</summary>
internal sealed record SubItems(SheetRow Measure, string Title, IReadOnlyList<SheetRow> Items);

/// <summary>
/// One sheet as the stages see it: its layout and the columns bound to fields and years (set
/// by <see cref="LayoutStage"/>), and what the later stages find in it: measures, tallies,
/// stated totals and sub-items, for <see cref="TotalsCheck"/>.
/// </summary>
internal sealed class SheetContext(ImportContext import, Sheet sheet, SheetLayout layout)
{
    public ImportContext Import { get; } = import;
    public Sheet Sheet { get; } = sheet;
    public SheetLayout Layout { get; } = layout;
    /// <summary>Every heading of the header rows by column, the unread ones included.</summary>
    public IReadOnlyList<string> Headings { get; } = SheetLayout.Headings(sheet, layout.FirstHeaderRow, layout.LastHeaderRow);
    public List<BoundColumn> Columns { get; } = [];

    public ColumnMapping? Code { get; set; }
    public ColumnMapping? Goal { get; init; }
    public ColumnMapping? Policy { get; init; }
    public ColumnMapping? Title { get; set; }
    public ColumnMapping? Description { get; init; }
    public ColumnMapping? Department { get; init; }
    public ColumnMapping? NextTitle { get; init; }
    public ColumnMapping? NextDescription { get; init; }
    public FiscalYear? GradeYear { get; set; }
    /// <summary>Codes restart under each goal or section (Ena's 1, 2, 3 per policy), so a measure's key is qualified by its parent.</summary>
    public bool CodesRestart { get; set; }

    public Dictionary<string, int> KeysSeen { get; } = [];
    public List<Measure> Measures { get; } = [];
    public List<(SheetRow Row, Tally Tally)> Tallies { get; } = [];
    public List<TotalRow> Totals { get; } = [];
    public List<SubItems> SubItems { get; } = [];

    public IEnumerable<SheetRow> DataRows => Sheet.Rows.Where(r => r.Number > Layout.LastHeaderRow);

    public SourceLocation Where(int? row = null, int? column = null) => Import.Where(Sheet, row, column);

    public string Cell(SheetRow row, ColumnMapping? column) => column is null ? "" : row[column.Column];

    /// <summary>The columns that name where a row sits and what it is, rather than figures.</summary>
    public bool IsLabelColumn(int column) =>
        new[] { Code, Goal, Policy, Title, Description, Department, NextTitle, NextDescription }.Any(c => c?.Column == column);
}
