using System.Globalization;

namespace Ayumi.Domain;

/// <summary>
/// Japanese text cut into the pieces a reader sees as words and phrases, for marking changes:
/// Japanese has no spaces, but a change of script (kanji, hiragana, katakana, latin letters and
/// digits) nearly always falls on a word's edge, and punctuation closes a clause.
/// </summary>
public static class JapaneseTokens
{
    public enum Script
    {
        Kanji,
        Hiragana,
        Katakana,
        LatinOrDigit,
        Space,
        Punctuation,
        Other,
    }

    /// <summary>Marks that end a clause: 、。，．！？ and their half-width forms, semicolons, colons and line breaks.</summary>
    private const string ClauseEnds = "、。，．,！？!?；;：:\n";

    /// <summary>Runs of one script; each punctuation mark is a token of its own. Joined, the tokens give the text back.</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        var tokens = new List<string>();
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i < text.Length && ScriptOf(text, i) == ScriptOf(text, start) && ScriptOf(text, i) != Script.Punctuation) continue;
            tokens.Add(text[start..i]);
            start = i;
        }
        return tokens;
    }

    /// <summary>Clauses, each up to and including the punctuation (or line break) that ends it. Joined, they give the text back.</summary>
    public static IReadOnlyList<string> Clauses(string text)
    {
        var clauses = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!ClauseEnds.Contains(text[i])) continue;
            // A mark between digits (3,242 or 1.5) is part of a number, not a clause's end.
            if (text[i] is ',' or '.' or ':' && i > 0 && i + 1 < text.Length && char.IsAsciiDigit(text[i - 1]) && char.IsAsciiDigit(text[i + 1])) continue;
            clauses.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length) clauses.Add(text[start..]);
        return clauses;
    }

    public static Script ScriptOf(char c) => c switch
    {
        >= 'ぁ' and <= 'ゖ' or 'ゝ' or 'ゞ' => Script.Hiragana,
        // ー lengthens the katakana before it; ヶ and 々 live among the kanji they join.
        >= 'ァ' and <= 'ヺ' or 'ー' or 'ヽ' or 'ヾ' or >= 'ｦ' and <= 'ﾟ' => Script.Katakana,
        >= '一' and <= '鿿' or >= '㐀' and <= '䶿' or >= '豈' and <= '﫿' or '々' or '〆' or 'ヶ' => Script.Kanji,
        _ when char.IsLetterOrDigit(c) && c < 0x3000 => Script.LatinOrDigit,
        >= 'Ａ' and <= 'Ｚ' or >= 'ａ' and <= 'ｚ' or >= '０' and <= '９' => Script.LatinOrDigit,
        _ when char.IsWhiteSpace(c) => Script.Space,
        _ when char.IsPunctuation(c) || char.IsSymbol(c) => Script.Punctuation,
        _ => Script.Other,
    };

    /// <summary>The script at <paramref name="index"/>, where a comma or point between digits belongs to the number.</summary>
    private static Script ScriptOf(string text, int index)
    {
        var c = text[index];
        if (c is ',' or '.' && index > 0 && index + 1 < text.Length && char.IsAsciiDigit(text[index - 1]) && char.IsAsciiDigit(text[index + 1])) return Script.LatinOrDigit;
        // A surrogate pair (a rare kanji) is read as the character it makes.
        if (char.IsLowSurrogate(c) && index > 0) return ScriptOf(text, index - 1);
        if (char.IsSurrogate(c)) return CharUnicodeInfo.GetUnicodeCategory(text, index) == UnicodeCategory.OtherLetter ? Script.Kanji : Script.Other;
        return ScriptOf(c);
    }
}
