using System.Globalization;

namespace Ayumi.Localization;

/// <summary>
/// Times as Japanese offices read them: in Japan time (UTC+9 all year; Japan keeps no summer
/// time), in the era calendar (和暦) with the time of day on a Japanese screen, in an English
/// form marked JST on an English one. Stored times stay in UTC.
/// </summary>
public static class JapanTimeText
{
    /// <summary>The eras since 1926, newest first, each from its first day.</summary>
    private static readonly (string Name, DateOnly From)[] Eras =
    [
        ("令和", new DateOnly(2019, 5, 1)),
        ("平成", new DateOnly(1989, 1, 8)),
        ("昭和", new DateOnly(1926, 12, 25)),
    ];

    /// <summary>令和7年6月3日 22:42, or 3 June 2025, 22:42 JST.</summary>
    public static string Format(DateTimeOffset at, string language)
    {
        var local = at.ToOffset(Domain.JapanTime.Offset);
        var time = local.ToString("HH:mm", CultureInfo.InvariantCulture);
        return language == UiText.English ? $"{FormatDate(DateOnly.FromDateTime(local.DateTime), language)}, {time} JST" : $"{FormatDate(DateOnly.FromDateTime(local.DateTime), language)} {time}";
    }

    /// <summary>令和7年6月30日 (元年 for an era's first year), or 30 June 2025.</summary>
    public static string FormatDate(DateOnly date, string language)
    {
        if (language == UiText.English) return date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        foreach (var (name, from) in Eras)
        {
            if (date < from) continue;
            var year = date.Year - from.Year + 1;
            return $"{name}{(year == 1 ? "元" : year.ToString(CultureInfo.InvariantCulture))}年{date.Month}月{date.Day}日";
        }
        return $"{date.Year}年{date.Month}月{date.Day}日";
    }
}
