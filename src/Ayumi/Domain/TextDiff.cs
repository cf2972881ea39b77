using System.Buffers;

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
            Lcs(segments, middleA, middleB);
        }
        Add(segments, Kind.Same, a[(a.Length - suffix)..]);
        return segments;
    }

    /// <summary>
    /// The longest common subsequence of <paramref name="a"/> and <paramref name="b"/>, added to
    /// <paramref name="segments"/> as runs. The table of suffix lengths is rented (at most
    /// <see cref="MaxCells"/> entries of 16 bits: a length never exceeds the shorter text, at most
    /// 500 characters here), and each run is cut from its text once, so that a sheet with hundreds of
    /// changed cells neither allocates a large table per cell nor builds runs character by character.
    /// </summary>
    private static void Lcs(List<Segment> segments, string a, string b)
    {
        int n = a.Length, m = b.Length, width = m + 1;
        var lengths = ArrayPool<ushort>.Shared.Rent((n + 1) * width);
        try
        {
            Array.Clear(lengths, n * width, width);
            for (var i = n - 1; i >= 0; i--)
            {
                var row = i * width;
                var below = row + width;
                lengths[row + m] = 0;
                for (var j = m - 1; j >= 0; j--)
                    lengths[row + j] = a[i] == b[j] ? (ushort)(lengths[below + j + 1] + 1) : Math.Max(lengths[below + j], lengths[row + j + 1]);
            }
            // Walk the table as before (a removal wins a tie), cutting a run out of its text whenever the kind changes.
            int x = 0, y = 0, runStart = 0;
            var kind = Kind.Same;
            void Switch(Kind next)
            {
                if (next == kind) return;
                AddRun();
                kind = next;
                runStart = next == Kind.Added ? y : x;
            }
            void AddRun() => Add(segments, kind, kind == Kind.Added ? b[runStart..y] : a[runStart..x]);
            while (x < n && y < m)
            {
                if (a[x] == b[y]) { Switch(Kind.Same); x++; y++; }
                else if (lengths[(x + 1) * width + y] >= lengths[x * width + y + 1]) { Switch(Kind.Removed); x++; }
                else { Switch(Kind.Added); y++; }
            }
            AddRun();
            Add(segments, Kind.Removed, a[x..]);
            Add(segments, Kind.Added, b[y..]);
        }
        finally { ArrayPool<ushort>.Shared.Return(lengths); }
    }

    private static void Add(List<Segment> segments, Kind kind, string text)
    {
        if (text.Length == 0) return;
        if (segments.Count > 0 && segments[^1].Kind == kind) segments[^1] = segments[^1] with { Text = segments[^1].Text + text };
        else segments.Add(new Segment(kind, text));
    }
}
