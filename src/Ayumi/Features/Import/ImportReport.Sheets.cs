using Ayumi.Domain;

namespace Ayumi.Features.Import;

/// <summary>A column the sheet has and the import does not read (国庫, 県費, 人件費, 要求額…): listed, never dropped without a word.</summary>
/// <param name="Column">0-based.</param>
public sealed record UnimportedColumn(string Sheet, int Column, string Heading);

public enum StatedTotalKind { Total, Subtotal, SubItems }

/// <summary>
/// A figure the sheet states as a sum, kept as the sheet wrote it beside the sum of the rows it
/// covers: a total or subtotal row (合計, 計, 小計, 総計) over the measures above it, or a
/// measure's own figure over its sub-item lines ((1) (2) (3)). Neither number is changed.
/// </summary>
/// <param name="Where">The cell that states the figure.</param>
/// <param name="Label">合計, 小計… or, for sub-items, the measure's title.</param>
public sealed record StatedTotal(SourceLocation Where, StatedTotalKind Kind, string Label, string Heading, long Stated, long Computed)
{
    public bool Differs => Stated != Computed;
}

/// <summary>A tally of grades the sheet states (<c>A(予定通り進行) 9事業</c>, often a COUNTIF), beside the count of the measures read; Grade is null for the tally of all measures.</summary>
public sealed record StatedTally(SourceLocation Where, string? Grade, int Stated, int Counted)
{
    public bool Differs => Stated != Counted;
}

/// <summary>
/// What a sheet says about the plan it belongs to, as plain data, for proposing a new plan's
/// period (its years), levels (its level headings, codes and section rows) and grade scale (the grades found).
/// </summary>
/// <param name="Levels">The levels a new plan would have for this sheet, measures last: as many above the measures as the first measure row sits deep.</param>
public sealed record SheetFacts(
    string Sheet,
    IReadOnlyList<FiscalYear> Years,
    IReadOnlyList<string> LevelHeadings,
    IReadOnlyList<string> Codes,
    IReadOnlyList<string> SectionRows,
    IReadOnlyList<string> Grades,
    IReadOnlyList<PlanLevel> Levels);
