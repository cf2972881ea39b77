using System.Text;

namespace Ayumi.Domain;

/// <summary>One step of a plan's self-evaluation scale: a symbol (A) and its meaning (予定通り進行).</summary>
public sealed record GradeDefinition(string Symbol, string Label)
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
        if (Grades.Count == 0) throw new ArgumentException("A grade scale needs at least one grade.", nameof(grades));
        var duplicate = Grades.GroupBy(g => g.Symbol).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Grade '{duplicate.Key}' appears twice.", nameof(grades));
    }

    public IReadOnlyList<GradeDefinition> Grades { get; }

    public static GradeScale Default { get; } = new(
    [
        new("A", "予定通り進行"),
        new("B", "予定を変更、修正して進行"),
        new("C", "予定通り進行していない"),
        new("D", "その他"),
    ]);

    public GradeDefinition? Find(string symbol) => Grades.FirstOrDefault(g => g.Symbol == symbol);

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
