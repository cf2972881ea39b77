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

    /// <summary>One horizontal bar per row, split by series (grades), with a legend below; each series drawn in its own class (<see cref="GradeColours"/>).</summary>
    public static string StackedBars(string id, string title, IReadOnlyList<string> rows, IReadOnlyList<string> series, IReadOnlyList<string> seriesClasses,
        IReadOnlyList<IReadOnlyList<int>> values)
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
                svg.Append($"<rect class=\"{seriesClasses[s]}\" x=\"{N(x)}\" y=\"{y}\" width=\"{N(w)}\" height=\"{BarHeight}\"><title>{E($"{rows[r]} {series[s]}: {values[r][s]}")}</title></rect>");
                if (w > 18) svg.Append(Text(x + w / 2, y + BarHeight / 2 + 5, values[r][s].ToString(CultureInfo.InvariantCulture), "middle", "chart-label-on-bar"));
                x += w;
            }
            svg.Append(Text(x + 6, y + BarHeight / 2 + 5, values[r].Sum().ToString(CultureInfo.InvariantCulture), "start"));
        }
        for (var s = 0; s < series.Count; s++)
        {
            var (x, line) = legend[s];
            var y = Top + rows.Count * (BarHeight + Gap) + 6 + line * LegendHeight;
            svg.Append($"<rect class=\"{seriesClasses[s]}\" x=\"{N(x)}\" y=\"{y}\" width=\"14\" height=\"14\"></rect>");
            svg.Append(Text(x + 18, y + 12, series[s], "start"));
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Where each legend entry goes, wrapping onto a new line before it would leave the chart.</summary>
    private static List<(double X, int Line)> LegendPositions(IReadOnlyList<string> series, double start = LabelWidth)
    {
        var positions = new List<(double, int)>();
        double x = start;
        var line = 0;
        foreach (var name in series)
        {
            var width = 24 + name.Sum(c => c < 0x2E80 ? 7.5 : 13);
            if (x + width > Width && x > start) (x, line) = (start, line + 1);
            positions.Add((x, line));
            x += width;
        }
        return positions;
    }

    /// <summary>
    /// Vertical bars in pairs, one pair per label (fiscal years), one bar per series (initial, final budget): like is drawn beside
    /// like, so a year's final budget never stands for its initial one. A value without an amount is written where its bar
    /// would stand: pending (未確定) as an empty dashed bar, none (なし) as the word alone, apart from a bar of 0.
    /// </summary>
    public static string PairedBars(string id, string title, IReadOnlyList<string> labels, IReadOnlyList<string> series,
        IReadOnlyList<IReadOnlyList<ChartAmount>> values, string unit)
    {
        const int height = 260, bottom = 40, top = 28, pendingHeight = 36, left = 20;
        var max = Math.Max(1, values.SelectMany(v => v).Select(v => v.Value ?? 0).DefaultIfEmpty(0).Max());
        var slot = (Width - left - 10) / (double)Math.Max(1, labels.Count);
        var bar = Math.Min(80, slot * 0.8 / series.Count);
        var pendingWords = values.SelectMany(v => v).Where(v => v.Pending).Select(v => v.Text).Distinct().ToList();
        var legendNames = series.Concat(pendingWords).ToList();
        var legend = LegendPositions(legendNames, left);
        var svg = Open(id, title, height + LegendHeight * (legend.Max(p => p.Line) + 1));
        var baseline = height - bottom;
        svg.Append($"<line class=\"chart-axis\" x1=\"{left}\" y1=\"{baseline}\" x2=\"{Width - 10}\" y2=\"{baseline}\"></line>");
        for (var i = 0; i < labels.Count; i++)
        {
            var start = left + i * slot + (slot - bar * series.Count) / 2;
            for (var s = 0; s < series.Count; s++)
            {
                var value = values[i][s];
                var x = start + s * bar + 2;
                var w = bar - 4;
                var name = E($"{labels[i]} {series[s]}: {value.Text}{(value.Value is null ? "" : unit)}");
                double h = value.Value is { } amount ? amount * (baseline - top) / (double)max : value.Pending ? pendingHeight : 0;
                if (value.Value is not null || value.Pending)
                    svg.Append($"<rect class=\"{(value.Pending ? "chart-pending" : $"chart-series-{s}")}\" x=\"{N(x)}\" y=\"{N(baseline - h)}\" width=\"{N(w)}\" height=\"{N(h)}\"><title>{name}</title></rect>");
                svg.Append(Text(x + w / 2, baseline - h - 6, value.Text, "middle", value.Value is null ? "chart-text chart-text--missing" : "chart-text"));
            }
            svg.Append(Text(left + i * slot + slot / 2, baseline + 18, labels[i], "middle"));
        }
        for (var s = 0; s < legendNames.Count; s++)
        {
            var (x, line) = legend[s];
            var y = height + 6 + line * LegendHeight;
            svg.Append($"<rect class=\"{(s < series.Count ? $"chart-series-{s}" : "chart-pending")}\" x=\"{N(x)}\" y=\"{y}\" width=\"14\" height=\"14\"></rect>");
            svg.Append(Text(x + 18, y + 12, legendNames[s], "start"));
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// Lines over years (an indicator's actuals, the path to its target, a comparison series),
    /// with a point and its value on every year that has one; a missing year breaks the line.
    /// The value axis spans the values (not from zero), so that a rate moving from 95% to 100% is visible.
    /// A <paramref name="mark"/> picks out years (the baseline) with a band and its words; <paramref name="format"/> prints
    /// the values (an indicator's decimal places), by default as recorded.
    /// </summary>
    public static string Lines(string id, string title, IReadOnlyList<string> labels, IReadOnlyList<ChartLine> lines, string unit,
        ChartMark? mark = null, Func<decimal, string>? format = null)
    {
        format ??= v => v.ToString("#,0.##", CultureInfo.InvariantCulture);
        const int height = 280, bottom = 40, top = 16, left = 80, right = 20;
        var values = lines.SelectMany(l => l.Values).OfType<decimal>().Select(v => (double)v).DefaultIfEmpty(0).ToList();
        var (low, high) = (values.Min(), values.Max());
        var pad = Math.Max((high - low) * 0.1, Math.Max(Math.Abs(high) * 0.02, 1));
        low = low >= 0 && low - pad < 0 ? 0 : low - pad;
        high += pad;
        // Ticks on a round step (1, 2 or 5 times a power of ten), so that the axis reads 2,300 / 2,350…, not 2,347 / 2,415.
        var step = NiceStep((high - low) / 4);
        low = Math.Floor(low / step) * step;
        high = Math.Ceiling(high / step) * step;
        var ticks = (int)Math.Round((high - low) / step);
        var legend = LegendPositions(lines.Select(l => l.Name).ToList(), left);
        var legendTop = height;
        var svg = Open(id, title, height + LegendHeight * (legend.Max(p => p.Line) + 1));
        var slot = (Width - left - right) / (double)Math.Max(1, labels.Count);
        double X(int i) => left + slot * (i + 0.5);
        double Y(decimal v) => top + (high - (double)v) / (high - low) * (height - bottom - top);
        for (var t = 0; t <= ticks; t++)
        {
            var v = low + step * t;
            var y = Y((decimal)v);
            svg.Append($"<line class=\"chart-grid\" x1=\"{left}\" y1=\"{N(y)}\" x2=\"{Width - right}\" y2=\"{N(y)}\"></line>");
            svg.Append(Text(left - 6, y + 4, Value((decimal)v, high - low), "end"));
        }
        svg.Append($"<line class=\"chart-axis\" x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{Width - right}\" y2=\"{height - bottom}\"></line>");
        if (mark is { } m && m.From >= 0 && m.To < labels.Count && m.From <= m.To)
        {
            // A band over the marked years, behind the lines, with its words above it.
            var (x1, x2) = (X(m.From) - slot * 0.4, X(m.To) + slot * 0.4);
            svg.Append($"<rect class=\"chart-mark\" x=\"{N(x1)}\" y=\"{top}\" width=\"{N(x2 - x1)}\" height=\"{height - bottom - top}\"><title>{E(m.Label)}</title></rect>");
            svg.Append(Text((x1 + x2) / 2, top + 12, m.Label, "middle", "chart-text chart-mark-label"));
        }
        for (var i = 0; i < labels.Count; i++) svg.Append(Text(X(i), height - bottom + 18, labels[i], "middle"));
        foreach (var line in lines)
        {
            var css = $"chart-line chart-stroke-{line.Series}{(line.Dashed ? " chart-line--dashed" : "")}";
            var run = new List<string>();
            void Flush()
            {
                if (run.Count > 1) svg.Append($"<polyline class=\"{css}\" points=\"{string.Join(" ", run)}\"></polyline>");
                run.Clear();
            }
            for (var i = 0; i < labels.Count; i++)
            {
                if (line.Values[i] is not { } v) { if (!line.Dashed) Flush(); continue; }
                run.Add($"{N(X(i))},{N(Y(v))}");
            }
            Flush();
            for (var i = 0; i < labels.Count; i++)
            {
                if (line.Values[i] is not { } v || !line.Points) continue;
                svg.Append($"<circle class=\"chart-series-{line.Series}\" cx=\"{N(X(i))}\" cy=\"{N(Y(v))}\" r=\"4\"><title>{E($"{line.Name} {labels[i]}: {format(v)}{unit}")}</title></circle>");
                svg.Append(Text(X(i), Y(v) - 9, format(v), "middle"));
            }
        }
        for (var s = 0; s < lines.Count; s++)
        {
            var (x, row) = legend[s];
            var y = legendTop + 6 + row * LegendHeight;
            svg.Append($"<line class=\"chart-line chart-stroke-{lines[s].Series}{(lines[s].Dashed ? " chart-line--dashed" : "")}\" x1=\"{N(x)}\" y1=\"{y + 7}\" x2=\"{N(x + 14)}\" y2=\"{y + 7}\"></line>");
            svg.Append(Text(x + 18, y + 12, lines[s].Name, "start"));
        }
        return svg.Append("</svg>").ToString();
    }

    private static string Value(decimal value, double range) =>
        value.ToString(range < 10 ? "#,0.##" : "#,0", CultureInfo.InvariantCulture);

    private static StringBuilder Open(string id, string title, int height) =>
        new StringBuilder().Append($"<svg class=\"chart\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-labelledby=\"{id}-title\" xmlns=\"http://www.w3.org/2000/svg\">")
            .Append($"<title id=\"{id}-title\">{E(title)}</title>");

    private static string Text(double x, double y, string text, string anchor, string css = "chart-text") =>
        $"<text class=\"{css}\" x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\">{E(text)}</text>";

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length] + "…";

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => Encoder.Encode(text);

    /// <summary>The smallest of 1, 2 or 5 times a power of ten that is at least <paramref name="rough"/>.</summary>
    internal static double NiceStep(double rough)
    {
        if (rough <= 0) return 1;
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        return new[] { 1, 2, 5, 10 }.Select(m => m * power).First(step => step >= rough * (1 - 1e-9));
    }
}

/// <summary>
/// A value of <see cref="SvgChart.PairedBars"/>: an amount with its text (2,362), or no amount with the word that says why
/// (なし, none recorded; 未確定, <see cref="Pending"/>: not known yet).
/// </summary>
public sealed record ChartAmount(long? Value, string Text, bool Pending = false);

/// <summary>Years of <see cref="SvgChart.Lines"/> picked out (an indicator's baseline year or span): label indexes <see cref="From"/> to <see cref="To"/>.</summary>
public sealed record ChartMark(int From, int To, string Label);

/// <summary>A line of <see cref="SvgChart.Lines"/>: one value or none per label; <see cref="Series"/> picks the colour (chart-series-N).</summary>
public sealed record ChartLine(string Name, int Series, IReadOnlyList<decimal?> Values, bool Dashed = false, bool Points = true);
