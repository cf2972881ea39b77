using System.Text;

namespace Ayumi.Domain;

/// <summary>
/// What a grade says about a measure, whatever its symbol: the summaries and charts group and
/// colour grades by it. A grade that is not a judgement (その他, 評価困難) says nothing of progress.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<GradeMeaning>))]
public enum GradeMeaning
{
    /// <summary>達成・完了.</summary>
    Done,
    /// <summary>順調・予定通り.</summary>
    OnTrack,
    /// <summary>遅れ・不十分.</summary>
    Behind,
    /// <summary>未着手.</summary>
    NotStarted,
    /// <summary>Not a judgement of progress: その他, 評価困難, 中止.</summary>
    NotJudged,
}

/// <summary>
/// One step of a plan's self-evaluation scale: a symbol (A), its label (予定通り進行) and what it
/// means; the meaning is unknown (null) for scales stored before meanings were recorded.
/// </summary>
public sealed record GradeDefinition(string Symbol, string Label, GradeMeaning? Meaning = null)
{
    /// <summary>A(予定通り進行), as the sheets print it.</summary>
    public override string ToString() => $"{Symbol}({Label})";
}

/// <summary>
/// The self-evaluation scale of a plan, best grade first. Plans choose their own symbols
/// and labels; <see cref="Default"/> is Ena City's A–D.
/// </summary>
public sealed class GradeScale
{
    public GradeScale(IEnumerable<GradeDefinition> grades)
    {
        Grades = grades.ToList();
        var duplicate = Grades.GroupBy(g => g.Symbol).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Grade '{duplicate.Key}' appears twice.", nameof(grades));
    }

    /// <summary>The grades, best first; none for a plan that does not grade its measures.</summary>
    public IReadOnlyList<GradeDefinition> Grades { get; }

    /// <summary>Whether the plan grades its measures at all.</summary>
    public bool IsGraded => Grades.Count > 0;

    /// <summary>Ena City's A–D, the scale of plans read from sheets unless another is chosen.</summary>
    public static GradeScale Default => ReadyMadeGradeScale.EnaAtoD.Scale;

    public GradeDefinition? Find(string symbol) => Grades.FirstOrDefault(g => g.Symbol == symbol);

    /// <summary>Whether <paramref name="cell"/> is a grade of this scale (or empty).</summary>
    public bool Reads(string cell)
    {
        try { ReadCell(cell); return true; }
        catch (FormatException) { return false; }
    }

    /// <summary>
    /// Reads a grade cell such as <c>A</c>, <c>Ａ</c> or <c>A(予定通り進行)</c> and returns the
    /// symbol; null for an empty cell.
    /// </summary>
    /// <exception cref="FormatException">The symbol is not on this scale, or the label contradicts it.</exception>
    public string? ReadCell(string? cell)
    {
        if (string.IsNullOrWhiteSpace(cell)) return null;
        var text = cell.Normalize(NormalizationForm.FormKC).Trim();
        var open = text.IndexOf('(');
        var symbol = (open >= 0 ? text[..open] : text).Trim();
        if (!IsGraded) throw new FormatException($"'{cell}': this plan does not grade its measures.");
        var grade = Find(symbol) ?? throw new FormatException(
            $"'{cell}' is not a grade of this plan's scale ({string.Join(", ", Grades.Select(g => g.Symbol))}).");
        if (open >= 0)
        {
            var label = text[(open + 1)..].TrimEnd(')').Trim();
            if (label != grade.Label.Normalize(NormalizationForm.FormKC))
                throw new FormatException($"'{cell}': grade {grade.Symbol} means '{grade.Label}', not '{label}'.");
        }
        return grade.Symbol;
    }
}

/// <summary>The scales a plan can start from; the secretariat may then change symbols, labels and meanings.</summary>
public sealed record ReadyMadeGradeScale(string Key, string Name, GradeScale Scale)
{
    public static ReadyMadeGradeScale EnaAtoD { get; } = new("A-D", "A～D（恵那市）", new(
    [
        new("A", "予定通り進行", GradeMeaning.OnTrack),
        new("B", "予定を変更、修正して進行", GradeMeaning.OnTrack),
        new("C", "予定通り進行していない", GradeMeaning.Behind),
        new("D", "その他", GradeMeaning.NotJudged),
    ]));

    public static IReadOnlyList<ReadyMadeGradeScale> All { get; } =
    [
        EnaAtoD,
        new("circles", "◎・○・△・×", new(
        [
            new("◎", "達成", GradeMeaning.Done),
            new("○", "概ね順調", GradeMeaning.OnTrack),
            new("△", "遅れている", GradeMeaning.Behind),
            new("×", "未着手", GradeMeaning.NotStarted),
        ])),
        new("S-C", "S・A・B・C", new(
        [
            new("S", "目標を上回って達成", GradeMeaning.Done),
            new("A", "目標どおり達成", GradeMeaning.Done),
            new("B", "概ね達成", GradeMeaning.OnTrack),
            new("C", "達成が不十分", GradeMeaning.Behind),
        ])),
        new("eight", "8段階（事業完了・中止・評価困難を含む）", new(
        [
            new("A", "事業完了", GradeMeaning.Done),
            new("B", "計画以上に進捗", GradeMeaning.OnTrack),
            new("C", "計画どおり進捗", GradeMeaning.OnTrack),
            new("D", "やや遅れている", GradeMeaning.Behind),
            new("E", "遅れている", GradeMeaning.Behind),
            new("F", "未着手", GradeMeaning.NotStarted),
            new("G", "中止", GradeMeaning.NotJudged),
            new("H", "評価困難", GradeMeaning.NotJudged),
        ])),
        new("1-5", "1～5", new(
        [
            new("5", "達成", GradeMeaning.Done),
            new("4", "順調", GradeMeaning.OnTrack),
            new("3", "やや遅れ", GradeMeaning.Behind),
            new("2", "遅れ", GradeMeaning.Behind),
            new("1", "未着手", GradeMeaning.NotStarted),
        ])),
        new("none", "評価しない", new([])),
    ];

    /// <summary>
    /// The first ready-made scale (in the order offered) on which every grade cell of a sheet reads,
    /// label included (<c>A(予定通り進行)</c> reads only on Ena's A–D); null when none reads them all or there are none.
    /// </summary>
    public static ReadyMadeGradeScale? ReadingAll(IReadOnlyCollection<string> cells) =>
        cells.Count == 0 ? null : All.Where(s => s.Scale.IsGraded).FirstOrDefault(s => cells.All(s.Scale.Reads));

    /// <summary>The ready-made scale named by <paramref name="key"/> (A-D, circles, S-C, eight, 1-5, none), case-insensitive.</summary>
    public static ReadyMadeGradeScale? Find(string? key) =>
        All.FirstOrDefault(s => string.Equals(s.Key, key?.Trim(), StringComparison.OrdinalIgnoreCase));
}
