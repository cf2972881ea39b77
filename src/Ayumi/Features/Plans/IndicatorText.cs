using System.Globalization;
using Ayumi.Domain;

namespace Ayumi.Features.Plans;

public static class IndicatorText
{
    /// <summary>2,329グループ, 95.1%: the value with thousands separators and no trailing zeros, then the unit.</summary>
    public static string Value(decimal value, string unit) =>
        value.ToString("#,0.####", CultureInfo.InvariantCulture) + unit;

    /// <summary>2017, or 2017–2021 for a span averaged.</summary>
    public static string BaselineYears(Indicator indicator) =>
        indicator.BaselineFrom is not { } from ? "" : indicator.BaselineTo is { } to ? $"{from.StartYear}–{to.StartYear}" : from.StartYear.ToString(CultureInfo.InvariantCulture);

    /// <summary>5,234回, or the words of a qualitative target (全国平均以上).</summary>
    public static string Target(IndicatorTarget target, string unit) => target.Value is { } v ? Value(v, unit) : target.Qualitative ?? "";

    /// <summary>69%, or – when no progress is computed (see <see cref="IndicatorAssessment"/>).</summary>
    public static string Progress(decimal? progress) => progress is { } p ? p.ToString("P0", CultureInfo.InvariantCulture).Replace(" ", "") : "-";
}
