using Ayumi.Domain;
using Ayumi.Features.Reports;

namespace Ayumi.Tests.Reporting;

public class GradeColoursTests
{
    [Fact]
    public void Enas_last_grade_that_is_no_judgement_is_drawn_neutral_and_its_two_on_track_grades_in_two_blues()
    {
        Assert.Equal(["chart-grade-on-track-0", "chart-grade-on-track-1", "chart-grade-behind-0", "chart-grade-neutral-0"],
            GradeColours.Classes(ReadyMadeGradeScale.EnaAtoD.Scale.Grades));
    }

    [Fact]
    public void A_colour_follows_the_meaning_wherever_the_grade_stands_in_the_scale()
    {
        var scale = new GradeScale([new("×", "未着手", GradeMeaning.NotStarted), new("－", "評価困難", GradeMeaning.NotJudged), new("◎", "達成", GradeMeaning.Done)]);
        Assert.Equal(["chart-grade-not-started-0", "chart-grade-neutral-0", "chart-grade-done-0"], GradeColours.Classes(scale.Grades));
    }

    [Fact]
    public void The_eight_grade_scale_gets_a_hue_per_meaning_and_shades_within_it()
    {
        var eight = ReadyMadeGradeScale.All.Single(s => s.Scale.Grades.Count == 8).Scale.Grades;
        var classes = GradeColours.Classes(eight);
        Assert.Equal(8, classes.Count);
        Assert.All(eight.Zip(classes), pair => Assert.StartsWith(pair.First.Meaning switch
        {
            GradeMeaning.Done => "chart-grade-done-",
            GradeMeaning.OnTrack => "chart-grade-on-track-",
            GradeMeaning.Behind => "chart-grade-behind-",
            GradeMeaning.NotStarted => "chart-grade-not-started-",
            _ => "chart-grade-neutral-",
        }, pair.Second));
        Assert.Equal(classes.Count, classes.Distinct().Count());
    }

    [Fact]
    public void A_scale_stored_without_meanings_is_drawn_in_greys_rather_than_by_position_in_alarm_colours()
    {
        var legacy = new GradeScale([new("A", "予定通り進行"), new("B", "遅れ"), new("C", "その他")]);
        Assert.All(GradeColours.Classes(legacy.Grades), c => Assert.StartsWith("chart-grade-unknown-", c));
    }
}
