using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Ayumi.Domain.WrittenForms;

/// <summary>
/// The one grammar of a fiscal year as people write it: whole (令和6年度, 令6, R.6, Ｒ６, H29,
/// 2024年度, FY2024), leading a heading (R6評価, 令6評価, R.6評価, 令和3年度取組予定, R5年度 最終予算額),
/// or inside a note (事業終期のため、R3以降廃止, 令和元年度以降廃止). <see cref="FiscalYear.TryParse"/>,
/// the header vocabulary, the end notes and the indicator sheet all read years through it; the
/// forms are written by <see cref="FiscalYear.ToString(string)"/> (J, R, G, FY), as the export's headings do ({0:R}評価).
/// </summary>
public static partial class FiscalYearText
{
    /// <summary>The year token, on text already in half-width (NFKC): era name or letter with 元 or a number, or a 4-digit year.</summary>
    private const string Token =
        @"(?:(?<era>令和|平成|昭和|令|平|昭|[RHSrhs])\.?\s*(?<eraYear>元|\d{1,2})|(?:[Ff][Yy])?(?<gregorian>\d{4}))(?:年度|年)?";

    /// <summary>The whole text is a fiscal year (spaces and full-width characters allowed anywhere).</summary>
    public static bool TryParse(string? text, out FiscalYear year)
    {
        year = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var normalised = Spaces().Replace(text.Normalize(NormalizationForm.FormKC), "");
        return Whole().Match(normalised) is { Success: true } match && TryRead(match, out year);
    }

    /// <summary>
    /// A fiscal year at the start of a heading, and how many characters of the
    /// <b>normalised</b> text (<see cref="Normalise"/>) it takes: R6評価 → FY2024, 2.
    /// </summary>
    public static bool TryParseLeading(string normalised, out FiscalYear year, out int length)
    {
        year = default;
        length = 0;
        if (Leading().Match(normalised) is not { Success: true } match || !TryRead(match, out year)) return false;
        length = match.Length;
        return true;
    }

    /// <summary>The first fiscal year inside a text, such as the year a note names.</summary>
    public static bool TryFind(string text, string followedBy, out FiscalYear year)
    {
        year = default;
        var normalised = text.Normalize(NormalizationForm.FormKC);
        foreach (Match match in Anywhere().Matches(normalised))
            if (normalised.AsSpan(match.Index + match.Length).StartsWith(followedBy, StringComparison.Ordinal) && TryRead(match, out year)) return true;
        return false;
    }

    /// <summary>Half-width (NFKC) and without spaces, the form headings are compared in.</summary>
    public static string Normalise(string text) => Spaces().Replace(text.Normalize(NormalizationForm.FormKC), "");

    private static bool TryRead(Match match, out FiscalYear year)
    {
        if (match.Groups["gregorian"].Success) return FiscalYear.TryCreate(int.Parse(match.Groups["gregorian"].Value, CultureInfo.InvariantCulture), out year);
        var eraYear = match.Groups["eraYear"].Value == "元" ? 1 : int.Parse(match.Groups["eraYear"].Value, CultureInfo.InvariantCulture);
        return FiscalYear.TryFromEra(match.Groups["era"].Value[0], eraYear, out year);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("^" + Token + "$")]
    private static partial Regex Whole();

    [GeneratedRegex("^" + Token)]
    private static partial Regex Leading();

    [GeneratedRegex(@"(?<![A-Za-z\d])" + Token)]
    private static partial Regex Anywhere();
}
