using System.Text.RegularExpressions;

namespace Ayumi.Domain.WrittenForms;

/// <summary>
/// The years a baseline or target is taken over, as the documents write them: one year
/// (R6, 令和9年度末: the end of that year is the deadline) or a span whose average is meant
/// (R4〜R8の平均, H29〜R3平均, 令和4年度～令和8年度の平均).
/// </summary>
/// <param name="From">The first year; equal to <paramref name="To"/> for a single year.</param>
/// <param name="To">The last year: the deadline of a target.</param>
public readonly record struct YearSpan(FiscalYear From, FiscalYear To)
{
    public bool IsSpan => From != To;

    /// <summary>R4〜R8の平均, or R9 for a single year: the form <see cref="YearSpanText.TryParse"/> reads back.</summary>
    public override string ToString() => IsSpan ? $"{From.ToEraAbbreviation()}〜{To.ToEraAbbreviation()}の平均" : To.ToEraAbbreviation();
}

/// <summary>The one grammar of <see cref="YearSpan"/>: every input (the definition form, the indicator sheet, the plan file) reads years of a baseline or target through it.</summary>
public static partial class YearSpanText
{
    /// <summary>
    /// Reads a single year (R9, 令和9年度, 令和9年度末, R9年度末まで) or an averaged span (R4〜R8の平均, H29〜R3平均, R4~R8, 2022-2026年度の平均).
    /// A span that ends before it starts is refused.
    /// </summary>
    public static bool TryParse(string? text, out YearSpan span)
    {
        span = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var normalised = FiscalYearText.Normalise(text);
        if (Average().Match(normalised) is { Success: true } averaged) normalised = averaged.Groups["years"].Value;
        var parts = Separator().Split(normalised);
        if (parts.Length == 1)
        {
            if (!FiscalYearText.TryParse(YearEnd().Replace(parts[0], ""), out var year)) return false;
            span = new YearSpan(year, year);
            return true;
        }
        if (parts.Length != 2 || !FiscalYearText.TryParse(parts[0], out var from) || !FiscalYearText.TryParse(YearEnd().Replace(parts[1], ""), out var to) || to < from)
            return false;
        span = new YearSpan(from, to);
        return true;
    }

    /// <summary>The years before 平均 (with の, and optional brackets: (H29〜R3平均)).</summary>
    [GeneratedRegex(@"^[(（]?(?<years>.+?)(?:の)?平均(?:値)?[)）]?$")]
    private static partial Regex Average();

    /// <summary>〜 (wave dash), ~ (a full-width tilde after NFKC), -, –, —, ー between two years.</summary>
    [GeneratedRegex("[〜~\\-–—ー－]|から")]
    private static partial Regex Separator();

    /// <summary>末, 末まで, まで after a year: the deadline is the year's end, which is what a target year means.</summary>
    [GeneratedRegex("(?:末まで|末|まで)$")]
    private static partial Regex YearEnd();
}
