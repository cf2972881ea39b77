using Ayumi.Domain;

namespace Ayumi.Features.Reports;

/// <summary>
/// The chart colours of a plan's grades, from what each grade means on the plan's scale and never
/// from its place in the list: done green, on track blue, behind orange, not started red, and a grade
/// that is not a judgement (Ena's D その他, 評価困難) a neutral grey. Grades that share a meaning
/// (Ena's A and B are both on track) get further shades of its colour, in scale order. A scale stored
/// before meanings were recorded is drawn in greys, which alarm no one.
/// </summary>
public static class GradeColours
{
    /// <summary>The class of the measures not graded (未評価).</summary>
    public const string Ungraded = "chart-grade-ungraded";

    /// <summary>Shades per meaning in site.css; a fourth grade of one meaning takes the last shade again.</summary>
    private const int Shades = 3;

    /// <summary>One CSS class per grade of <paramref name="grades"/>, in their order.</summary>
    public static IReadOnlyList<string> Classes(IReadOnlyList<GradeDefinition> grades)
    {
        var used = new Dictionary<string, int>();
        var classes = new List<string>(grades.Count);
        foreach (var grade in grades)
        {
            var meaning = Name(grade.Meaning);
            var shade = used.GetValueOrDefault(meaning);
            used[meaning] = shade + 1;
            classes.Add($"chart-grade-{meaning}-{Math.Min(shade, Shades - 1)}");
        }
        return classes;
    }

    private static string Name(GradeMeaning? meaning) => meaning switch
    {
        GradeMeaning.Done => "done",
        GradeMeaning.OnTrack => "on-track",
        GradeMeaning.Behind => "behind",
        GradeMeaning.NotStarted => "not-started",
        GradeMeaning.NotJudged => "neutral",
        _ => "unknown",
    };
}
