using System.Globalization;

namespace Ayumi.Domain;

/// <summary>
/// A Japanese fiscal year (年度), which runs from 1 April of <see cref="StartYear"/> to
/// 31 March of the following calendar year. FY2024 is 令和6年度 (R6).
/// </summary>
/// <remarks>
/// Era years are counted by the era in force on 1 April, except that the fiscal year
/// that began on 1 April 2019 is called 令和元年度 (the era changed on 1 May 2019, and
/// public bodies name that year by the new era). Likewise FY1989 is 平成元年度.
/// Supported range: FY1926 to FY9998.
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(FiscalYearJsonConverter))]
public readonly record struct FiscalYear : IComparable<FiscalYear>, IFormattable
{
    private static readonly Era[] Eras =
    [
        new("令和", 'R', 2019),
        new("平成", 'H', 1989),
        new("昭和", 'S', 1926),
    ];

    /// <summary>The first fiscal year of Shōwa, the earliest era read.</summary>
    public const int MinStartYear = 1926;

    /// <summary>The last fiscal year whose end (31 March of the next year) a four-digit year can still write.</summary>
    public const int MaxStartYear = 9998;

    /// <summary>Creates the fiscal year that starts on 1 April of <paramref name="startYear"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is before 1926 or after 9998.</exception>
    public FiscalYear(int startYear)
    {
        if (startYear is < MinStartYear or > MaxStartYear)
            throw new ArgumentOutOfRangeException(nameof(startYear), startYear, "A fiscal year must lie between 1926 and 9998.");
        StartYear = startYear;
    }

    /// <summary>The Gregorian year in which this fiscal year starts (2024 for 令和6年度).</summary>
    public int StartYear { get; }

    /// <summary>1 April of <see cref="StartYear"/>.</summary>
    public DateOnly FirstDay => new(StartYear, 4, 1);

    /// <summary>31 March of the year after <see cref="StartYear"/> (inclusive).</summary>
    public DateOnly LastDay => new(StartYear + 1, 3, 31);

    public FiscalYear Next => new(StartYear + 1);
    public FiscalYear Previous => new(StartYear - 1);

    /// <summary>The fiscal year <paramref name="years"/> after this one (before it when negative).</summary>
    public FiscalYear Offset(int years) => new(StartYear + years);

    /// <summary>The fiscal year that contains <paramref name="date"/>.</summary>
    public static FiscalYear Containing(DateOnly date) => new(date.Month >= 4 ? date.Year : date.Year - 1);

    public bool Contains(DateOnly date) => date >= FirstDay && date <= LastDay;

    /// <summary>Era name (令和), era letter (R) and year within the era (1 for 元年).</summary>
    public (string EraName, char EraLetter, int EraYear) EraYear
    {
        get
        {
            var startYear = StartYear;
            var era = Eras.First(e => startYear >= e.FirstFiscalYear);
            return (era.Name, era.Letter, StartYear - era.FirstFiscalYear + 1);
        }
    }

    /// <summary>令和6年度; 令和元年度 for the first year of an era.</summary>
    public string ToJapanese()
    {
        var (name, _, year) = EraYear;
        return $"{name}{(year == 1 ? "元" : year.ToString(CultureInfo.InvariantCulture))}年度";
    }

    /// <summary>R6.</summary>
    public string ToEraAbbreviation()
    {
        var (_, letter, year) = EraYear;
        return $"{letter}{year.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>2024年度.</summary>
    public string ToGregorianJapanese() => $"{StartYear.ToString(CultureInfo.InvariantCulture)}年度";

    /// <summary>FY2024: the canonical, culture-neutral form used in files and URLs.</summary>
    public override string ToString() => $"FY{StartYear.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Formats as "J" 令和6年度, "R" R6, "G" 2024年度, "FY" FY2024, "Y" 2024.</summary>
    public string ToString(string format) => format switch
    {
        "J" => ToJapanese(),
        "R" => ToEraAbbreviation(),
        "G" => ToGregorianJapanese(),
        "FY" => ToString(),
        "Y" => StartYear.ToString(CultureInfo.InvariantCulture),
        _ => throw new FormatException($"Unknown fiscal year format '{format}'. Use J, R, G, FY or Y."),
    };

    /// <summary>Lets headings be written as format strings: <c>string.Format("{0:R}評価", year)</c> gives R6評価.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) => format is null ? ToString() : ToString(format);

    public int CompareTo(FiscalYear other) => StartYear.CompareTo(other.StartYear);
    public static bool operator <(FiscalYear a, FiscalYear b) => a.StartYear < b.StartYear;
    public static bool operator >(FiscalYear a, FiscalYear b) => a.StartYear > b.StartYear;
    public static bool operator <=(FiscalYear a, FiscalYear b) => a.StartYear <= b.StartYear;
    public static bool operator >=(FiscalYear a, FiscalYear b) => a.StartYear >= b.StartYear;

    /// <summary>
    /// Parses 令和6年度, 令和元年度, 令6, R6, Ｒ６, R 6, H29, 平成29年度, 2024年度, FY2024, 2024
    /// (full-width characters and spaces are accepted anywhere).
    /// </summary>
    /// <exception cref="FormatException">The text is not a fiscal year.</exception>
    public static FiscalYear Parse(string text) =>
        TryParse(text, out var year) ? year : throw new FormatException($"'{text}' is not a fiscal year (examples: 令和6年度, R6, FY2024, 2024年度).");

    /// <remarks>The grammar is <see cref="WrittenForms.FiscalYearText"/>'s, which also reads years leading headings and inside notes.</remarks>
    public static bool TryParse(string? text, out FiscalYear year) => WrittenForms.FiscalYearText.TryParse(text, out year);

    /// <summary>The fiscal year of an era's year: 令 or R with 6 is FY2024; false for an unknown era or a year out of range.</summary>
    internal static bool TryFromEra(char eraInitial, int eraYear, out FiscalYear year)
    {
        year = default;
        var era = Eras.FirstOrDefault(e => eraInitial == e.Name[0] || char.ToUpperInvariant(eraInitial) == e.Letter);
        return era is not null && eraYear >= 1 && TryCreate(era.FirstFiscalYear + eraYear - 1, out year);
    }

    internal static bool TryCreate(int startYear, out FiscalYear year)
    {
        year = default;
        if (startYear is < 1926 or > 9998) return false;
        year = new FiscalYear(startYear);
        return true;
    }

    private sealed record Era(string Name, char Letter, int FirstFiscalYear);
}
