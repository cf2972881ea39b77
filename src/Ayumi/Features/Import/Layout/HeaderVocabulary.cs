using System.Text;
using System.Text.RegularExpressions;
using Ayumi.Domain;
using Ayumi.Domain.WrittenForms;

namespace Ayumi.Features.Import.Layout;

/// <summary>A header cell understood: the field it names and, when the heading says so, its fiscal year.</summary>
/// <param name="NextPlanName">For the next plan's columns, the plan the heading names (第二次宮城県再犯防止推進計画).</param>
public sealed record RecognisedHeading(ImportField Field, FiscalYear? Year, string? NextPlanName = null);

/// <summary>
/// The words progress sheets use in their header rows, and their variants: 番号, 取組, 事業名,
/// 取組内容, 事業の内容, 所管課, 担当課・係名, 評価, 実施内容, 事業実施状況, 取組予定, 実施予定,
/// 年度の計画, 最終予算額, 当初予算額, 課題・今後の方向性…, with a leading fiscal year
/// (令和3年度取組予定, R6評価, 令6評価, R.6評価, R5年度 最終予算額, read by <see cref="FiscalYearText"/>) and unit notes (【単位：千円】) allowed.
/// </summary>
public static partial class HeaderVocabulary
{
    private static readonly Dictionary<string, ImportField> Words = new()
    {
        ["番号"] = ImportField.Code, ["no"] = ImportField.Code, ["no."] = ImportField.Code, ["項番"] = ImportField.Code,
        ["取組番号"] = ImportField.Code, ["事業番号"] = ImportField.Code, ["コード"] = ImportField.Code,
        ["基本目標"] = ImportField.Goal, ["目標"] = ImportField.Goal, ["行動"] = ImportField.Goal, ["重点課題"] = ImportField.Goal,
        ["基本方針"] = ImportField.Policy, ["施策"] = ImportField.Policy, ["施策の方向性"] = ImportField.Policy,
        ["方向性"] = ImportField.Policy, ["行動の柱"] = ImportField.Policy, ["施策の柱"] = ImportField.Policy,
        ["取組"] = ImportField.Title, ["取り組み"] = ImportField.Title, ["取組名"] = ImportField.Title, ["事業"] = ImportField.Title,
        ["事業名"] = ImportField.Title, ["重点取組"] = ImportField.Title, ["具体的な取り組み"] = ImportField.Title,
        ["具体的な取組"] = ImportField.Title, ["主な取組"] = ImportField.Title, ["取組項目"] = ImportField.Title,
        ["取組内容"] = ImportField.Description, ["取組の内容"] = ImportField.Description, ["事業の内容"] = ImportField.Description,
        ["事業内容"] = ImportField.Description, ["内容"] = ImportField.Description, ["事業概要"] = ImportField.Description,
        ["概要"] = ImportField.Description,
        ["所管課"] = ImportField.Department, ["担当課"] = ImportField.Department, ["担当課・係名"] = ImportField.Department,
        ["担当課名"] = ImportField.Department, ["所管部局"] = ImportField.Department, ["部局"] = ImportField.Department,
        ["担当部局"] = ImportField.Department, ["担当部署"] = ImportField.Department, ["所管"] = ImportField.Department,
        ["担当"] = ImportField.Department,
        ["評価"] = ImportField.Grade, ["自己評価"] = ImportField.Grade, ["進捗評価"] = ImportField.Grade, ["進捗状況"] = ImportField.Grade,
        ["実施内容"] = ImportField.Results, ["事業実施状況"] = ImportField.Results, ["実施状況"] = ImportField.Results,
        ["実績"] = ImportField.Results, ["取組実績"] = ImportField.Results, ["取組状況"] = ImportField.Results, ["実施結果"] = ImportField.Results,
        ["取組予定"] = ImportField.PlannedWork, ["実施予定"] = ImportField.PlannedWork, ["計画"] = ImportField.PlannedWork,
        ["の計画"] = ImportField.PlannedWork, ["実施計画"] = ImportField.PlannedWork, ["取組計画"] = ImportField.PlannedWork,
        ["当初予算額"] = ImportField.InitialBudget, ["当初予算"] = ImportField.InitialBudget,
        ["最終予算額"] = ImportField.FinalBudget, ["最終予算"] = ImportField.FinalBudget, ["決算額"] = ImportField.FinalBudget,
        ["予算額"] = ImportField.FinalBudget,
        ["課題・今後の方向性"] = ImportField.IssuesAndDirection, ["課題"] = ImportField.IssuesAndDirection,
        ["今後の方向性"] = ImportField.IssuesAndDirection,
        ["取組目標"] = ImportField.Target, ["目標値"] = ImportField.Target,
        ["備考"] = ImportField.Notes,
    };

    /// <summary>Every field a heading can name, for the column-mapping screen.</summary>
    public static IReadOnlyList<ImportField> Fields { get; } = Enum.GetValues<ImportField>();

    public static RecognisedHeading? Recognise(string? heading)
    {
        if (string.IsNullOrWhiteSpace(heading)) return null;
        var text = Normalise(heading);
        FiscalYear? year = null;
        if (FiscalYearText.TryParseLeading(text, out var parsed, out var length))
        {
            year = parsed;
            text = text[length..];
        }
        if (text.Length == 0) return null;
        if (NextPlanColumn().Match(text) is { Success: true } next)
        {
            var field = next.Groups["what"].Value switch
            {
                "事業名" or "取組名" or "事業" or "取組" => ImportField.NextPlanTitle,
                _ => ImportField.NextPlanDescription,
            };
            return new RecognisedHeading(field, year, next.Groups["plan"].Value);
        }
        if (Words.TryGetValue(text, out var known)) return new RecognisedHeading(known, year);
        // Long headings that explain themselves (事業推進上の課題・今後(令和7年度以降5か年)の方向性について).
        if (text.Contains("課題") && text.Contains("方向性")) return new RecognisedHeading(ImportField.IssuesAndDirection, year);
        if (text.StartsWith("施策の方向性", StringComparison.Ordinal)) return new RecognisedHeading(ImportField.Policy, year);
        if (text.Contains("予算")) return new RecognisedHeading(text.Contains("当初") ? ImportField.InitialBudget : ImportField.FinalBudget, year);
        if (text.StartsWith("担当課", StringComparison.Ordinal) || text.StartsWith("所管課", StringComparison.Ordinal))
            return new RecognisedHeading(ImportField.Department, year);
        return null;
    }

    /// <summary>A heading that is only a fiscal year (令和６年度), the upper row of a two-row header.</summary>
    public static FiscalYear? YearOnly(string? heading)
    {
        if (string.IsNullOrWhiteSpace(heading)) return null;
        var text = Normalise(heading);
        return FiscalYearText.TryParseLeading(text, out var year, out var length) && length == text.Length ? year : null;
    }

    /// <summary>Full-width to half-width, no spaces or line breaks, no unit notes such as 【単位：千円】.</summary>
    public static string Normalise(string heading)
    {
        var text = heading.Normalize(NormalizationForm.FormKC);
        text = UnitNote().Replace(text, "");
        text = Whitespace().Replace(text, "");
        return text.ToLowerInvariant();
    }

    [GeneratedRegex(@"[【\[(（](?:単位)?[:：]?\s*(?:千円|円|件|人)[】\])）]")]
    private static partial Regex UnitNote();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^(?<plan>(?:第[二三四五2-5]次|次期).+?計画)(?:上)?の(?<what>事業名|取組名|事業|取組|事業の内容|事業内容|取組内容|内容)$")]
    private static partial Regex NextPlanColumn();
}
