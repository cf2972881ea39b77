using System.Text;

namespace Ayumi.Domain;

/// <summary>
/// How text is made searchable (docs/search.md): normalised to NFKC, so that full- and half-width forms and half-width kana
/// meet (ＳＮＳ and SNS, ｼｭｳﾛｳ and シュウロウ), and cut into overlapping two-character chunks, plus the last character alone,
/// so that queries of one and two characters are exact where trigram indexes find nothing. Each chunk is written as a token
/// of the letters a–p (one per hexadecimal digit of each code point, six per character), which every tokenizer keeps whole
/// and unchanged: SQLite's unicode61 and PostgreSQL's 'simple' configuration alike. The index only narrows the candidates;
/// a substring match on the normalised text decides.
/// </summary>
public static class SearchText
{
    private const int LettersPerCharacter = 6;

    /// <summary>The text as it is stored and matched: NFKC.</summary>
    public static string Normalise(string text) => text.Normalize(NormalizationForm.FormKC);

    /// <summary>The tokens of normalised text: every pair of neighbouring characters, and its last character.</summary>
    public static IEnumerable<string> Tokens(string normalised)
    {
        var characters = Characters(normalised);
        for (var i = 0; i + 1 < characters.Count; i++) yield return Token(characters[i], characters[i + 1]);
        if (characters.Count > 0) yield return Token(characters[^1]);
    }

    /// <summary>
    /// What the index is asked for a normalised query: all of its pairs (each must be there), or for a single character a
    /// prefix, which finds it as the first of a pair or as a text's last character. Null for an empty query.
    /// </summary>
    public static SearchTokens? QueryTokens(string normalised)
    {
        var characters = Characters(normalised);
        if (characters.Count == 0) return null;
        if (characters.Count == 1) return new SearchTokens([Token(characters[0])], IsPrefix: true);
        return new SearchTokens(Enumerable.Range(0, characters.Count - 1).Select(i => Token(characters[i], characters[i + 1])).Distinct().ToList(), IsPrefix: false);
    }

    /// <summary>The number of characters (code points, not UTF-16 units) a query has.</summary>
    public static int Length(string normalised) => Characters(normalised).Count;

    private static List<Rune> Characters(string text) => text.EnumerateRunes().ToList();

    private static string Token(params Rune[] characters)
    {
        var token = new StringBuilder(characters.Length * LettersPerCharacter);
        foreach (var character in characters)
            for (var shift = (LettersPerCharacter - 1) * 4; shift >= 0; shift -= 4)
                token.Append((char)('a' + ((character.Value >> shift) & 0xF)));
        return token.ToString();
    }
}

/// <summary>The index tokens of a query: all must be present, or with <see cref="IsPrefix"/> one token that starts with the single one.</summary>
public sealed record SearchTokens(IReadOnlyList<string> Tokens, bool IsPrefix);
