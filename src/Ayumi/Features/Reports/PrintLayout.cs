using Ayumi.Domain;

namespace Ayumi.Features.Reports;

/// <summary>
/// How wide each column of a progress sheet prints, as percentages of the page's width. A column the layout gives a share
/// keeps it; a column the layout leaves free is as wide as its data needs (the square root of its cells' mean length, so that
/// long texts wrap into a few lines rather than fill a line each); a column of figures is as wide as its longest; a column
/// empty in the year narrows to a width where its heading still reads across in short lines. The texts then share what the
/// figures and the empty columns leave.
/// </summary>
public static class PrintLayout
{
    /// <summary>The page's width in characters of the body text: A4 landscape less 10 mm margins (277 mm) at 7.5 pt.</summary>
    private const double PageCharacters = 277 / (7.5 * 25.4 / 72);

    /// <summary>An empty column: its heading prints across in lines of about four characters.</summary>
    private const double EmptyCharacters = 4.5;

    /// <summary>Cell padding and borders, in characters.</summary>
    private const double Padding = 1;

    public static IReadOnlyList<double> Widths(ProgressSheet sheet, SheetColumns shown)
    {
        var columns = shown.Indices(sheet.Template);
        var rows = sheet.Lines.Where(l => !l.IsSection).ToList();
        // Fixed: as wide as the column needs, whatever the others take. Flexible: shares, scaled to fill what is left.
        var wanted = new List<(double Percent, bool Fixed)>();
        foreach (var i in columns)
        {
            var column = sheet.Template.Columns[i];
            var cells = rows.Select(r => r.Cells[i]).Select(c => c.Amount is { } a ? a.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : c.Text).ToList();
            if (cells.All(string.IsNullOrWhiteSpace)) wanted.Add((Percent(EmptyCharacters), true));
            // Figures never wrap: as wide as the longest.
            else if (column.IsMoney) wanted.Add((Percent(Math.Max(cells.Max(Characters) + Padding, EmptyCharacters)), true));
            else if (column.Share is { } share) wanted.Add((share, false));
            // Texts the layout leaves free: wide enough for a few lines each, within limits.
            else wanted.Add((Percent(Math.Clamp(Math.Sqrt(cells.Where(c => c.Length > 0).Average(Characters)) * 2, EmptyCharacters, 25) + Padding), false));
        }
        var taken = wanted.Where(w => w.Fixed).Sum(w => w.Percent);
        var flexible = wanted.Where(w => !w.Fixed).Sum(w => w.Percent);
        var scale = flexible > 0 ? Math.Max(0, 100 - taken) / flexible : 0;
        return wanted.Select(w => w.Fixed ? w.Percent : w.Percent * scale).ToList();
    }

    private static double Percent(double characters) => characters / PageCharacters * 100;

    /// <summary>How many characters of the body text a string takes across: Japanese characters a full one, others about half.</summary>
    private static double Characters(string text) => text.Sum(c => c >= 0x2E80 ? 1 : 0.6);
}
