namespace Ayumi.Features.Import.Reading;

/// <summary>What every reader does to the rows it builds, so that all formats look alike.</summary>
internal static class SheetRows
{
    /// <summary>A row without its trailing empty cells, which carry nothing and would only make rows of one sheet differ by format.</summary>
    public static SheetRow Of(int number, bool isHidden, IReadOnlyList<string> cells)
    {
        var count = cells.Count;
        while (count > 0 && cells[count - 1].Length == 0) count--;
        return new SheetRow(number, isHidden, cells.Take(count).ToArray());
    }

    /// <summary>
    /// Drops blank rows after the last row with content: Excel keeps formatted empty rows and
    /// text files end with empty lines, and neither is part of the table.
    /// </summary>
    public static List<SheetRow> WithoutTrailingBlanks(List<SheetRow> rows)
    {
        var count = rows.Count;
        while (count > 0 && rows[count - 1].IsBlank) count--;
        rows.RemoveRange(count, rows.Count - count);
        return rows;
    }
}
