using Ayumi.Domain;
using Ayumi.Features.Demo;

namespace Ayumi.Tests.Demo;

/// <summary>Miyagi's two plans as the seed links them, measure by measure.</summary>
public class MiyagiLineageTests
{
    private static readonly Lazy<Organisation> Miyagi = new(() => DemoData.Read(TestPaths.Demo).Organisations.Single(o => o.Code.Value == "040002"));
    private static Plan First => Miyagi.Value.Plans.Single(p => p.Generation == 1);
    private static Plan Second => Miyagi.Value.Plans.Single(p => p.Generation == 2);
    private static readonly FiscalYear R3 = FiscalYear.Parse("R3"), R7 = FiscalYear.Parse("R7");

    [Theory]
    [InlineData("3", MeasureStatus.Ended, "事業終期のため、R3以降廃止")]
    [InlineData("6", MeasureStatus.Reorganised, "事業組替(別財源の活用)に伴いR3以降廃止")]
    [InlineData("13", MeasureStatus.Ended, "事業終期のため、R3以降廃止")]
    public void Measures_3_6_and_13_end_in_R3_and_lead_into_no_measure_of_the_second_plan(string key, MeasureStatus status, string note)
    {
        var measure = First.FindMeasure(key)!;
        Assert.Equal((status, R3, note), (measure.Status, measure.EndedIn, measure.LifecycleNote));
        Assert.DoesNotContain(measure.Continuations, l => l.To.Plan == Second);
        Assert.Empty(measure.Origins);
    }

    [Fact]
    public void Measure_8_succeeds_3_and_6_from_R3_and_is_itself_reorganised_into_a_new_measure_of_the_second_plan()
    {
        var eight = First.FindMeasure("8")!;
        var origins = eight.Origins.OrderBy(l => l.From.Key).ToList();
        Assert.Equal(["3", "6"], origins.Select(l => l.From.Key));
        Assert.All(origins, l => Assert.Equal((LineageKind.Succeeded, R3, "後継事業"), (l.Kind, l.EffectiveIn, l.Note)));
        Assert.Equal(MeasureStatus.Reorganised, eight.Status);
        var link = Assert.Single(eight.Continuations);
        Assert.Same(Second, link.To.Plan);
        Assert.Equal((LineageKind.Succeeded, R7), (link.Kind, link.EffectiveIn));
        Assert.StartsWith("みやぎ地域活性化雇用創造プロジェクト", link.To.Title);
        Assert.NotEqual(eight.Title, link.To.Title);
        Assert.False(link.To.IsNew); // it carries 8 on, so the comparison lists it as reorganised, not new
    }

    [Theory]
    [InlineData("15", "民生委員")]
    [InlineData("16", "アルコール健康障害相談拠点の設置")]
    [InlineData("17", "薬物依存症・ギャンブル等依存症の相談拠点の設置")]
    [InlineData("24", "DV防止事業")]
    public void Measures_15_to_17_and_24_are_new_in_the_second_plan(string key, string title)
    {
        Assert.Null(First.FindMeasure(key));
        var measure = Second.FindMeasure(key)!;
        Assert.Equal(title, measure.Title);
        Assert.True(measure.IsNew);
        Assert.Empty(measure.Origins);
    }

    [Fact]
    public void Row_18_is_a_relisting_of_measure_10_in_both_plans_and_no_measure_of_its_own()
    {
        foreach (var plan in new[] { First, Second })
        {
            var relisting = plan.Measures.SelectMany(m => m.Placements).Single(p => p.Code == "18");
            Assert.True(relisting.IsRelisting);
            Assert.Equal("10", relisting.Measure.Key);
            Assert.Null(plan.FindMeasure("18"));
        }
        Assert.Equal(LineageKind.Continued, First.FindMeasure("10")!.Continuations.Single().Kind);
    }

    [Fact]
    public void Every_other_measure_of_the_first_plan_continues_under_its_number_from_R7()
    {
        var carried = First.Measures.Where(m => m.Key is not ("3" or "6" or "13" or "8")).ToList();
        Assert.Equal(18, carried.Count);
        foreach (var measure in carried)
        {
            var link = Assert.Single(measure.Continuations);
            Assert.Equal((measure.Key, R7), (link.To.Key, link.EffectiveIn));
            Assert.Equal(link.To.Title == measure.Title ? LineageKind.Continued : LineageKind.Renamed, link.Kind);
        }
        Assert.Equal(19, Second.Measures.Count(m => m.Origins.Count == 1));
    }

    [Theory]
    [InlineData("1", "2", "就労の確保に関する支援")]
    [InlineData("2", "3", "住居の確保に関する支援")]
    [InlineData("5", "5", "犯罪をした者等の特性に応じた再犯の防止等に関する支援")]
    public void The_second_plans_policy_directions_keep_their_origin_under_the_new_numbers(string firstCode, string secondCode, string title)
    {
        var node = Second.FindNode(secondCode)!;
        Assert.Equal(title, node.Title);
        Assert.Same(First.FindNode(firstCode), node.Origin);
    }
}
