using DiffPlex;
using DiffPlex.Chunkers;

namespace Ayumi.Domain;

/// <summary>
/// The differences between two versions of a text, marked by phrase (DiffPlex over
/// <see cref="JapaneseTokens"/>): first by clause, then, within clauses that changed, by runs of
/// one script. A change reads as whole words and phrases replaced, never letters interleaved.
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

    /// <summary>Below this share of unchanged characters, two clauses are shown replaced whole: a few shared particles make no common phrase.</summary>
    private const double MinimumSharedShare = 0.4;

    private static readonly IChunker ByClause = new CustomFunctionChunker(text => [.. JapaneseTokens.Clauses(text)]);
    private static readonly IChunker ByWord = new CustomFunctionChunker(text => [.. JapaneseTokens.Words(text)]);

    public static IReadOnlyList<Segment> Compare(string? before, string? after)
    {
        var segments = new List<Segment>();
        var clauses = Differ.Instance.CreateDiffs(before ?? "", after ?? "", ignoreWhiteSpace: false, ignoreCase: false, ByClause);
        var (oldAt, newAt) = (0, 0);
        foreach (var block in clauses.DiffBlocks)
        {
            for (; oldAt < block.DeleteStartA; oldAt++, newAt++) Add(segments, Kind.Same, clauses.PiecesOld[oldAt]);
            var removed = string.Concat(clauses.PiecesOld.Skip(block.DeleteStartA).Take(block.DeleteCountA));
            var added = string.Concat(clauses.PiecesNew.Skip(block.InsertStartB).Take(block.InsertCountB));
            CompareWords(segments, removed, added);
            oldAt = block.DeleteStartA + block.DeleteCountA;
            newAt = block.InsertStartB + block.InsertCountB;
        }
        for (; oldAt < clauses.PiecesOld.Count; oldAt++) Add(segments, Kind.Same, clauses.PiecesOld[oldAt]);
        return segments;
    }

    /// <summary>Clauses that changed, by words: the words they share are kept when they are enough to read as a phrase kept.</summary>
    private static void CompareWords(List<Segment> segments, string removed, string added)
    {
        if (removed.Length == 0 || added.Length == 0)
        {
            Add(segments, Kind.Removed, removed);
            Add(segments, Kind.Added, added);
            return;
        }
        var words = Differ.Instance.CreateDiffs(removed, added, ignoreWhiteSpace: false, ignoreCase: false, ByWord);
        var runs = new List<(string Same, string Removed, string Added)>();
        var (oldAt, newAt) = (0, 0);
        foreach (var block in words.DiffBlocks)
        {
            var same = string.Concat(words.PiecesOld.Skip(oldAt).Take(block.DeleteStartA - oldAt));
            runs.Add((same, string.Concat(words.PiecesOld.Skip(block.DeleteStartA).Take(block.DeleteCountA)), string.Concat(words.PiecesNew.Skip(block.InsertStartB).Take(block.InsertCountB))));
            oldAt = block.DeleteStartA + block.DeleteCountA;
            newAt = block.InsertStartB + block.InsertCountB;
        }
        var tail = string.Concat(words.PiecesOld.Skip(oldAt));
        var shared = runs.Sum(r => r.Same.Length) + tail.Length;
        if (shared < MinimumSharedShare * Math.Min(removed.Length, added.Length))
        {
            Add(segments, Kind.Removed, removed);
            Add(segments, Kind.Added, added);
            return;
        }
        // A single character kept between two changes (a particle such as の or を) is no phrase kept: the changes around it read as one.
        var merged = new List<(string Same, string Removed, string Added)>();
        foreach (var run in runs)
        {
            if (merged.Count > 0 && run.Same.Length <= 1)
                merged[^1] = (merged[^1].Same, merged[^1].Removed + run.Same + run.Removed, merged[^1].Added + run.Same + run.Added);
            else merged.Add(run);
        }
        foreach (var (same, oldWords, newWords) in merged)
        {
            Add(segments, Kind.Same, same);
            AddChange(segments, oldWords, newWords);
        }
        Add(segments, Kind.Same, tail);
    }

    /// <summary>
    /// One replaced phrase; a kanji or kana word both versions begin or end with (掲載 in 掲載 → 2回掲載)
    /// is kept out of the marks, since a run of one script may hold more than one word.
    /// </summary>
    private static void AddChange(List<Segment> segments, string removed, string added)
    {
        int prefix = Common(removed, added, fromEnd: false), suffix = Common(removed[prefix..], added[prefix..], fromEnd: true);
        Add(segments, Kind.Same, removed[..prefix]);
        Add(segments, Kind.Removed, removed[prefix..^suffix]);
        Add(segments, Kind.Added, added[prefix..^suffix]);
        Add(segments, Kind.Same, removed[^suffix..]);
    }

    /// <summary>The length of the kanji or kana both texts begin (or end) with, when it is at least two characters: one would be a letter, not a word.</summary>
    private static int Common(string a, string b, bool fromEnd)
    {
        var length = 0;
        while (length < a.Length && length < b.Length)
        {
            var (x, y) = fromEnd ? (a[^(length + 1)], b[^(length + 1)]) : (a[length], b[length]);
            if (x != y || JapaneseTokens.ScriptOf(x) is not (JapaneseTokens.Script.Kanji or JapaneseTokens.Script.Hiragana or JapaneseTokens.Script.Katakana)) break;
            length++;
        }
        return length >= 2 && length < Math.Max(a.Length, b.Length) ? length : 0;
    }

    private static void Add(List<Segment> segments, Kind kind, string text)
    {
        if (text.Length == 0) return;
        if (segments.Count > 0 && segments[^1].Kind == kind) segments[^1] = segments[^1] with { Text = segments[^1].Text + text };
        else if (kind == Kind.Removed && segments.Count > 0 && segments[^1].Kind == Kind.Added)
        {
            // What was removed is read before what replaced it.
            var addedBefore = segments[^1];
            segments[^1] = new Segment(Kind.Removed, text);
            if (segments.Count > 1 && segments[^2].Kind == Kind.Removed) { segments[^2] = segments[^2] with { Text = segments[^2].Text + text }; segments.RemoveAt(segments.Count - 1); }
            segments.Add(addedBefore);
        }
        else segments.Add(new Segment(kind, text));
    }
}
