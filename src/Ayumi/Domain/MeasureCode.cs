using System.Globalization;
using System.Text;

namespace Ayumi.Domain;

/// <summary>
/// A code of a goal, policy or measure as the source document writes it: <c>1-(1)-①</c>
/// (Akita), <c>1-1-1</c> or <c>1－1－1</c> (Komae), <c>(1)</c> (Ena's policies), <c>行動7</c>
/// and <c>ア</c> (Hyogo), <c>⑩</c> (indicators) or a plain number (Miyagi).
/// </summary>
/// <remarks>
/// The text is kept exactly as written. <see cref="Segments"/> reads every part as a
/// number so that codes sort as their authors mean them: ② before ⑩, イ after ア,
/// 1-(2) after 1-(1)-⑤. Katakana are counted in gojūon order (ア=1, イ=2, …).
/// </remarks>
public sealed class MeasureCode : IComparable<MeasureCode>, IEquatable<MeasureCode>
{
    private const string Katakana = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン";

    private MeasureCode(string text, IReadOnlyList<int> segments)
    {
        Text = text;
        Segments = segments;
    }

    /// <summary>The code as written, trimmed.</summary>
    public string Text { get; }

    /// <summary>The numeric value of each part, top level first (<c>1-(1)-①</c> → 1, 1, 1).</summary>
    public IReadOnlyList<int> Segments { get; }

    /// <summary>The parts joined with hyphens: <c>1-(1)-①</c> → <c>1-1-1</c>.</summary>
    public string Normalized => string.Join('-', Segments.Select(s => s.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Whether this code is written <c>1-(1)-①</c> and <c>1-1-1</c> alike.</summary>
    public bool IsEquivalentTo(MeasureCode other) => Segments.SequenceEqual(other.Segments);

    /// <summary>Whether <paramref name="child"/> lies under this code (1-1 is the parent of 1-1-3).</summary>
    public bool IsParentOf(MeasureCode child) =>
        child.Segments.Count == Segments.Count + 1 && child.Segments.Take(Segments.Count).SequenceEqual(Segments);

    /// <exception cref="FormatException">The text has no part that can be read as a number.</exception>
    public static MeasureCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"'{text}' is not a code (examples: 1-(1)-①, 1-1-1, (1), 行動7, ア).");

    public static bool TryParse(string? text, out MeasureCode code)
    {
        code = null!;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var trimmed = text.Trim();
        var segments = new List<int>();
        foreach (var part in SplitParts(trimmed))
        {
            var value = ReadPart(part);
            if (value is null) return false;
            segments.Add(value.Value);
        }
        if (segments.Count == 0) return false;
        code = new MeasureCode(trimmed, segments);
        return true;
    }

    private static IEnumerable<string> SplitParts(string text)
    {
        // Hyphens of every width separate parts; "行動7-ア" and "1－1－1" both split.
        var separators = new[] { '-', '－', '‐', '−', '–', 'ー' };
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (separators.Contains(c) && current.Length > 0 && !(c == 'ー' && IsKatakana(current[^1])))
            {
                yield return current.ToString();
                current.Clear();
            }
            else current.Append(c);
        }
        if (current.Length > 0) yield return current.ToString();
    }

    private static bool IsKatakana(char c) => Katakana.Contains(c);

    private static int? ReadPart(string part)
    {
        var p = part.Normalize(NormalizationForm.FormKC).Trim().Trim('(', ')', '（', '）', '[', ']', '.', '．', ' ');
        if (p.Length == 0) return null;
        // A label before a number, as in 行動7 or 基本目標1.
        var digits = new string(p.SkipWhile(c => !char.IsAsciiDigit(c)).TakeWhile(char.IsAsciiDigit).ToArray());
        if (digits.Length > 0) return int.Parse(digits, CultureInfo.InvariantCulture);
        var circled = CircledNumber(part.Trim());
        if (circled is not null) return circled;
        if (p.Length == 1 && Katakana.IndexOf(p[0]) is var k and >= 0) return k + 1;
        return null;
    }

    private static int? CircledNumber(string part)
    {
        foreach (var c in part)
        {
            if (c is >= '①' and <= '⑳') return c - '①' + 1;
            if (c is >= '㉑' and <= '㉟') return c - '㉑' + 21;
            if (c is >= '㊱' and <= '㊿') return c - '㊱' + 36;
        }
        return null;
    }

    public int CompareTo(MeasureCode? other)
    {
        if (other is null) return 1;
        for (var i = 0; i < Math.Min(Segments.Count, other.Segments.Count); i++)
        {
            var c = Segments[i].CompareTo(other.Segments[i]);
            if (c != 0) return c;
        }
        var byLength = Segments.Count.CompareTo(other.Segments.Count);
        return byLength != 0 ? byLength : string.CompareOrdinal(Text, other.Text);
    }

    public bool Equals(MeasureCode? other) => other is not null && Text == other.Text;
    public override bool Equals(object? obj) => Equals(obj as MeasureCode);
    public override int GetHashCode() => Text.GetHashCode(StringComparison.Ordinal);
    public override string ToString() => Text;
}
