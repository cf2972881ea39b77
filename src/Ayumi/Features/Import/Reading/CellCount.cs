namespace Ayumi.Features.Import.Reading;

/// <summary>
/// The cells a workbook expands to, held to <see cref="ReadLimits.MaxCells"/>: every cell read is
/// a string kept until the import ends. An empty row counts as one cell, so that a sheet of a
/// million empty rows is not free.
/// </summary>
internal sealed class CellCount(string fileName, long maxCells)
{
    private long _cells;

    /// <summary>Before a sheet is read: refuses it when the used range it declares would pass the limit.</summary>
    public void Expect(string sheet, int rows, int columns)
    {
        if (_cells + (long)rows * Math.Max(columns, 1) > maxCells) throw ReadProblems.TooManyCells(fileName, sheet, rows, columns, maxCells);
    }

    /// <summary>A row read, of <paramref name="columns"/> cells: refuses the workbook as soon as the cells read pass the limit.</summary>
    public void Add(string sheet, int rowNumber, int columns) => Take(Math.Max(columns, 1), sheet, rowNumber, columns);

    /// <summary>A cell of a text file, whose rows have no declared width: one row can hold millions of cells.</summary>
    public void AddCell(string sheet, int rowNumber, int column) => Take(1, sheet, rowNumber, column);

    private void Take(int cells, string sheet, int rowNumber, int columns)
    {
        _cells += cells;
        if (_cells > maxCells) throw ReadProblems.TooManyCells(fileName, sheet, rowNumber, columns, maxCells);
    }
}
