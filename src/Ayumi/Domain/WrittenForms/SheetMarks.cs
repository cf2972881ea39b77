using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Ayumi.Domain.WrittenForms;

/// <summary>How a measure's end is noted: 事業終期のため、R3以降廃止 (ended), 事業組替…R3以降廃止 (reorganised), …以降廃止 (discontinued).</summary>
public sealed record EndNote(MeasureStatus Status, FiscalYear EndedIn);

/// <summary>A closing tally line: A(予定通り進行) 9事業 counts a grade; 合計 12事業, 計 12事業 or 12事業 the total (Grade null).</summary>
public sealed record Tally(string? Grade, int Count);

/// <summary>
/// The marks the sheets put in and around their cells, each read and written here only:
/// 再掲 relistings (※再掲, (再掲), 【再掲】), 【県事業】, 【新】, end and lifecycle notes,
/// tallies, total rows (合計, 計, 小計, 総計), sub-item lines ((1) (2) inside a measure) and
/// the dashes that mean "nothing".
/// </summary>
public static partial class SheetMarks
{
    /// <summary>A measure run by the prefecture, listed by a municipality.</summary>
    public const string PrefectureRun = "【県事業】";

    /// <summary>A measure or indicator new in this plan.</summary>
    public const string New = "【新】";

    /// <summary>The mark the exported sheets write after a relisted title.</summary>
    public const string RelistingSuffix = "(再掲)";

    /// <summary>What a predecessor's successor says of itself: …「みやぎ人財活躍応援センター運営事業」の後継事業.</summary>
    public const string SuccessorNote = "の後継事業";

    public static bool IsRelisting(string title) => RelistMark().IsMatch(title);

    /// <summary>The title without its 再掲 mark: 精神保健福祉に関する相談※再掲 → 精神保健福祉に関する相談.</summary>
    public static string WithoutRelisting(string title) => RelistMark().Replace(title, "").Trim();

    public static string Relisting(string title) => title + RelistingSuffix;

    public static bool IsPrefectureRun(string? text) => text?.Contains(PrefectureRun) == true;

    /// <summary>The names a title quotes as its predecessors: 「沿岸地域就職サポートセンター事業」.</summary>
    public static IEnumerable<string> PredecessorsNamed(string title) =>
        title.Contains(SuccessorNote) ? QuotedName().Matches(title).Select(m => m.Groups["name"].Value) : [];

    public static bool IsSuccessor(string title) => title.Contains("後継事業");

    /// <summary>…R3以降廃止, 令和元年度以降廃止, …以降終了; null when the text notes no end.</summary>
    public static EndNote? ReadEnd(string text)
    {
        if (!text.Contains("以降")) return null;
        if (!FiscalYearText.TryFind(text, "以降廃止", out var year) && !FiscalYearText.TryFind(text, "以降終了", out year)) return null;
        var status = text.Contains("組替") ? MeasureStatus.Reorganised : text.Contains("終期") ? MeasureStatus.Ended : MeasureStatus.Discontinued;
        return new EndNote(status, year);
    }

    public static bool IsEndNote(string text) => ReadEnd(text) is not null;

    /// <summary>A tally line, its parts joined by spaces (A(予定通り進行) 9 事業 from three cells); null when the text is none.</summary>
    public static Tally? ReadTally(string text)
    {
        if (TallyLine().Match(text.Normalize(NormalizationForm.FormKC)) is not { Success: true } tally) return null;
        // A count past int's range (9999999999 事業) counts no measures of a sheet: the line is not a tally.
        if (!int.TryParse(tally.Groups["count"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count)) return null;
        return new Tally(tally.Groups["grade"].Success ? tally.Groups["grade"].Value : null, count);
    }

    /// <summary>合計, 計, 小計, 総計 (spaces, full-width and a closing colon allowed): a row that sums the rows above it.</summary>
    public static bool IsTotal(string text) => text.Length <= MaxTotalLabel && TotalWord().IsMatch(FiscalYearText.Normalise(text));

    /// <summary>The longest label a total row writes (合　計：), so that a measure's long title is not normalised to be asked.</summary>
    private const int MaxTotalLabel = 8;

    /// <summary>The number of a sub-item line inside a measure's block: 1 for (1), 2 for （２）人件費; null for anything else.</summary>
    public static int? SubItemNumber(string text) =>
        SubItem().Match(text.Trim().Normalize(NormalizationForm.FormKC)) is { Success: true } m ? int.Parse(m.Groups["number"].Value, CultureInfo.InvariantCulture) : null;

    /// <summary>Blank or a dash (-, －, ―, ー, ‐, −), which the sheets write for "none".</summary>
    public static bool IsDash(string? text) =>
        string.IsNullOrWhiteSpace(text) || text.Trim() is "-" or "－" or "―" or "ー" or "‐" or "−" or "—";

    [GeneratedRegex(@"\s*(?:※再掲|[(（【]再掲[)）】])$")]
    private static partial Regex RelistMark();

    [GeneratedRegex(@"「(?<name>[^」]+)」")]
    private static partial Regex QuotedName();

    [GeneratedRegex(@"^(?:(?<grade>[A-Za-z]\s*[(（][^)）]*[)）])|合?計)?\s*(?<count>\d+)\s*事業$")]
    private static partial Regex TallyLine();

    [GeneratedRegex(@"^(?:合計|小計|総計|計|総額)[:：]?$")]
    private static partial Regex TotalWord();

    [GeneratedRegex(@"^\((?<number>\d{1,2})\)")]
    private static partial Regex SubItem();
}
