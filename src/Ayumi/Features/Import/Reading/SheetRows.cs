using System.Buffers;
using System.Text;

namespace Ayumi.Features.Import.Reading;

/// <summary>What every reader does to the rows it builds, so that all formats look alike.</summary>
internal static class SheetRows
{
    /// <summary>A row without its trailing empty cells, which carry nothing and would only make rows of one sheet differ by format.</summary>
    public static SheetRow Of(int number, bool isHidden, IReadOnlyList<string> cells)
    {
        var count = cells.Count;
        while (count > 0 && cells[count - 1].Length == 0) count--;
        return new SheetRow(number, isHidden, cells.Take(count).Select(Clean).ToArray());
    }

    /// <summary>
    /// The text without what no later step can take: a damaged .xls decodes to lone UTF-16
    /// surrogates and the non-characters U+FFFE and U+FFFF, on which Unicode normalisation throws
    /// (they become U+FFFD, as a decoder's replacement), and to NUL characters, which PostgreSQL
    /// refuses to store (they are dropped).
    /// </summary>
    public static string Clean(string text)
    {
        if (!text.AsSpan().ContainsAny(Suspects)) return text;
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) clean.Append(c).Append(text[++i]);
            else if (char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF') clean.Append('\uFFFD');
            else if (c != '\0') clean.Append(c);
        }
        return clean.ToString();
    }

    private static readonly SearchValues<char> Suspects = SearchValues.Create(['\0', '\uFFFE', '\uFFFF', .. Enumerable.Range(0xD800, 0x800).Select(c => (char)c)]);

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
