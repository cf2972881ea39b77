using System.Globalization;
using Ayumi.Domain;

namespace Ayumi.Features.Plans;

public static class IndicatorText
{
    /// <summary>2,329グループ, 95.1%: the value with thousands separators and no trailing zeros, then the unit.</summary>
    public static string Value(decimal value, string unit) =>
        value.ToString("#,0.####", CultureInfo.InvariantCulture) + unit;

    /// <summary>The value with the indicator's decimal places (95.1%), then its unit.</summary>
    public static string Value(decimal value, Indicator indicator) => indicator.Format(value) + indicator.Unit;

    /// <summary>
    /// Each target with its years, as the definition pages list them: 5,234回 (2026), or 90件 (2022–2026 平均) for one averaged
    /// over a span, <paramref name="average"/> being the localised word.
    /// </summary>
    public static string Targets(Indicator indicator, string average) => string.Join("、", indicator.Targets.Select(t =>
        $"{(t.Value is { } v ? Value(v, indicator) : t.Qualitative)} ({TargetYears(t, average)})"));

    /// <summary>2026, or 2022–2026 平均.</summary>
    public static string TargetYears(IndicatorTarget target, string average) =>
        target.IsAveraged ? $"{target.From!.Value.StartYear}–{target.FiscalYear.StartYear} {average}" : target.FiscalYear.StartYear.ToString(CultureInfo.InvariantCulture);

    /// <summary>2017, or 2017–2021 for a span averaged.</summary>
    public static string BaselineYears(Indicator indicator) =>
        indicator.BaselineFrom is not { } from ? "" : indicator.BaselineTo is { } to ? $"{from.StartYear}–{to.StartYear}" : from.StartYear.ToString(CultureInfo.InvariantCulture);

    /// <summary>5,234回, or the words of a qualitative target (全国平均以上).</summary>
    public static string Target(IndicatorTarget target, string unit) => target.Value is { } v ? Value(v, unit) : target.Qualitative ?? "";

    /// <summary>69%, or – when no progress is computed (see <see cref="IndicatorAssessment"/>).</summary>
    public static string Progress(decimal? progress) => progress is { } p ? p.ToString("P0", CultureInfo.InvariantCulture).Replace(" ", "") : "-";
}
