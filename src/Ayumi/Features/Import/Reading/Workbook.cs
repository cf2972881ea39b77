namespace Ayumi.Features.Import.Reading;

/// <summary>
/// A spreadsheet or text table as the user sees it: sheets of rows of cell text. Readers
/// turn every format (CSV, TSV, the seeds' text, .xlsx, .xls) into this shape so that layout
/// recognition never depends on the format.
/// </summary>
/// <param name="FileName">The file's name as uploaded, used in every message.</param>
/// <param name="Format">csv, tsv, text, xlsx or xls.</param>
public sealed record Workbook(string FileName, string Format, IReadOnlyList<Sheet> Sheets);

/// <summary>One sheet. A CSV or text file has a single sheet named after the file.</summary>
/// <param name="Merges">Merged cell ranges, as Excel records them; their value sits in the top-left cell.</param>
public sealed record Sheet(string Name, IReadOnlyList<SheetRow> Rows, IReadOnlyList<CellRange> Merges)
{
    /// <summary>The sheet is hidden in Excel; such sheets often hold the lists behind drop-downs rather than data.</summary>
    public bool IsHidden { get; init; }

    /// <summary>The merged range that contains the cell, if any.</summary>
    public CellRange? MergeAt(int rowNumber, int column) =>
        Merges.FirstOrDefault(m => m.Contains(rowNumber, column));
}

/// <summary>
/// A row of a sheet. Cells hold the text a user sees: numbers in invariant digits without
/// grouping (2362, 0.5), formulas as their cached value, line breaks inside a cell as
/// <c>\n</c>, text starting with <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c> kept verbatim and never evaluated.
/// </summary>
/// <param name="Number">1-based row number in the sheet (the line number in a text file).</param>
/// <param name="IsHidden">The row is hidden in Excel.</param>
/// <param name="Cells">0-based by column; trailing empty cells may be missing.</param>
public sealed record SheetRow(int Number, bool IsHidden, IReadOnlyList<string> Cells)
{
    /// <summary>The cell's text, trimmed; empty when the row has no such cell.</summary>
    public string this[int column] => column < Cells.Count ? Cells[column].Trim() : "";

    public bool IsBlank => Cells.All(string.IsNullOrWhiteSpace);
}

/// <summary>A rectangle of cells, rows 1-based as in <see cref="SheetRow.Number"/>, columns 0-based, both ends inclusive.</summary>
public sealed record CellRange(int FirstRow, int LastRow, int FirstColumn, int LastColumn)
{
    public bool Contains(int rowNumber, int column) =>
        rowNumber >= FirstRow && rowNumber <= LastRow && column >= FirstColumn && column <= LastColumn;
}

/// <summary>
/// Limits that bound the time and memory one file may take (issue 15): a 0.8 MB .xlsx can
/// expand to 200 MB of XML, and every cell read becomes a string held until the import ends.
/// </summary>
/// <param name="MaxFileBytes">The largest file accepted (default 20 MB).</param>
/// <param name="MaxExpandedBytes">The most an .xlsx may expand to when unzipped, all parts together (default 64 MB, about
/// three times the import benchmark's 10,000-measure workbook); more is treated as a zip bomb. Both the sizes the zip
/// declares and the bytes actually inflated are held to it.</param>
/// <param name="MaxCells">The most cells (rows × columns of each sheet's used range, summed over the sheets; an empty row
/// counts as one) a workbook may span (default 2 million, twenty times the benchmark's): a few bytes can declare a cell
/// at XFD1048576, and every cell read is kept in memory. Counted both before a sheet is read and row by row while it is.</param>
public sealed record ReadLimits(long MaxFileBytes = 20 * 1024 * 1024, long MaxExpandedBytes = 64 * 1024 * 1024, long MaxCells = 2_000_000)
{
    public static ReadLimits Default { get; } = new();
}
