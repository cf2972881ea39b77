namespace Ayumi.Domain;

/// <summary>
/// The differences between two versions of a text, character by character (Japanese has no
/// spaces to split words on): what stayed, what was removed and what was added, in order.
/// </summary>
public static class TextDiff
{
    public enum Kind
    {
        Same,
        Removed,
        Added,
    }

    public sealed record Segment(Kind Kind, string Text);

    /// <summary>The longest texts compared character by character; beyond this (after the common start and end), the middle is shown as replaced whole.</summary>
    public const int MaxCells = 250_000;

    public static IReadOnlyList<Segment> Compare(string? before, string? after)
    {
        var a = before ?? "";
        var b = after ?? "";
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix]) prefix++;
        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)]) suffix++;

        var segments = new List<Segment>();
        Add(segments, Kind.Same, a[..prefix]);
        var (middleA, middleB) = (a[prefix..^suffix], b[prefix..^suffix]);
        if ((long)middleA.Length * middleB.Length > MaxCells)
        {
            Add(segments, Kind.Removed, middleA);
            Add(segments, Kind.Added, middleB);
        }
        else
        {
            foreach (var segment in Lcs(middleA, middleB)) Add(segments, segment.Kind, segment.Text);
        }
        Add(segments, Kind.Same, a[(a.Length - suffix)..]);
        return segments;
    }

    private static IEnumerable<Segment> Lcs(string a, string b)
    {
        var lengths = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y]) { yield return new(Kind.Same, a[x].ToString()); x++; y++; }
            else if (lengths[x + 1, y] >= lengths[x, y + 1]) yield return new(Kind.Removed, a[x++].ToString());
            else yield return new(Kind.Added, b[y++].ToString());
        }
        if (x < a.Length) yield return new(Kind.Removed, a[x..]);
        if (y < b.Length) yield return new(Kind.Added, b[y..]);
    }

    private static void Add(List<Segment> segments, Kind kind, string text)
    {
        if (text.Length == 0) return;
        if (segments.Count > 0 && segments[^1].Kind == kind) segments[^1] = segments[^1] with { Text = segments[^1].Text + text };
        else segments.Add(new Segment(kind, text));
    }
}
