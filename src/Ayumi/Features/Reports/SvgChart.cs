using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Ayumi.Features.Reports;

/// <summary>
/// Charts drawn on the server as SVG: readable without JavaScript, printable, and named for
/// screen readers (the numbers themselves are in the data table beside each chart). Colours
/// come from classes in site.css, since the pages' content security policy forbids inline styles.
/// </summary>
public static class SvgChart
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private const int Width = 720, LabelWidth = 220, BarHeight = 22, Gap = 8, Top = 8, LegendHeight = 28;

    /// <summary>One horizontal bar per row, split by series (grades), with a legend below.</summary>
    public static string StackedBars(string id, string title, IReadOnlyList<string> rows, IReadOnlyList<string> series, IReadOnlyList<IReadOnlyList<int>> values)
    {
        var max = Math.Max(1, values.Max(v => v.Sum()));
        var plot = Width - LabelWidth - 40;
        var legend = LegendPositions(series);
        var height = Top + rows.Count * (BarHeight + Gap) + LegendHeight * (legend.Max(p => p.Line) + 1);
        var svg = Open(id, title, height);
        for (var r = 0; r < rows.Count; r++)
        {
            var y = Top + r * (BarHeight + Gap);
            svg.Append(Text(LabelWidth - 8, y + BarHeight / 2 + 5, Shorten(rows[r], 16), "end"));
            double x = LabelWidth;
            for (var s = 0; s < series.Count; s++)
            {
                var w = values[r][s] * plot / (double)max;
                if (w <= 0) continue;
                svg.Append($"<rect class=\"chart-series-{s}\" x=\"{N(x)}\" y=\"{y}\" width=\"{N(w)}\" height=\"{BarHeight}\"><title>{E($"{rows[r]} {series[s]}: {values[r][s]}")}</title></rect>");
                if (w > 18) svg.Append(Text(x + w / 2, y + BarHeight / 2 + 5, values[r][s].ToString(CultureInfo.InvariantCulture), "middle", "chart-label-on-bar"));
                x += w;
            }
            svg.Append(Text(x + 6, y + BarHeight / 2 + 5, values[r].Sum().ToString(CultureInfo.InvariantCulture), "start"));
        }
        for (var s = 0; s < series.Count; s++)
        {
            var (x, line) = legend[s];
            var y = Top + rows.Count * (BarHeight + Gap) + 6 + line * LegendHeight;
            svg.Append($"<rect class=\"chart-series-{s}\" x=\"{N(x)}\" y=\"{y}\" width=\"14\" height=\"14\"></rect>");
            svg.Append(Text(x + 18, y + 12, series[s], "start"));
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Where each legend entry goes, wrapping onto a new line before it would leave the chart.</summary>
    private static List<(double X, int Line)> LegendPositions(IReadOnlyList<string> series)
    {
        var positions = new List<(double, int)>();
        double x = LabelWidth;
        var line = 0;
        foreach (var name in series)
        {
            var width = 24 + name.Sum(c => c < 0x2E80 ? 7.5 : 13);
            if (x + width > Width && x > LabelWidth) (x, line) = (LabelWidth, line + 1);
            positions.Add((x, line));
            x += width;
        }
        return positions;
    }

    /// <summary>Vertical bars, one per label (fiscal years), with the value above each bar.</summary>
    public static string Bars(string id, string title, IReadOnlyList<string> labels, IReadOnlyList<long> values, string unit)
    {
        const int height = 240, bottom = 40, top = 24;
        var max = Math.Max(1, values.DefaultIfEmpty(0).Max());
        var slot = (Width - 60) / (double)Math.Max(1, labels.Count);
        var svg = Open(id, title, height);
        svg.Append($"<line class=\"chart-axis\" x1=\"40\" y1=\"{height - bottom}\" x2=\"{Width - 10}\" y2=\"{height - bottom}\"></line>");
        for (var i = 0; i < labels.Count; i++)
        {
            var h = values[i] * (height - bottom - top) / (double)max;
            var x = 40 + i * slot + slot * 0.2;
            var w = slot * 0.6;
            svg.Append($"<rect class=\"chart-series-0\" x=\"{N(x)}\" y=\"{N(height - bottom - h)}\" width=\"{N(w)}\" height=\"{N(h)}\"><title>{E($"{labels[i]}: {values[i]:N0}{unit}")}</title></rect>");
            svg.Append(Text(x + w / 2, height - bottom - h - 6, values[i].ToString("N0", CultureInfo.InvariantCulture), "middle"));
            svg.Append(Text(x + w / 2, height - bottom + 18, labels[i], "middle"));
        }
        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Open(string id, string title, int height) =>
        new StringBuilder().Append($"<svg class=\"chart\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-labelledby=\"{id}-title\" xmlns=\"http://www.w3.org/2000/svg\">")
            .Append($"<title id=\"{id}-title\">{E(title)}</title>");

    private static string Text(double x, double y, string text, string anchor, string css = "chart-text") =>
        $"<text class=\"{css}\" x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\">{E(text)}</text>";

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length] + "…";

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => Encoder.Encode(text);
}
