using Ayumi.Domain;
using Ayumi.Features.Demo;

namespace Ayumi.Tests.Domain;

/// <summary>A measure is named by its full position in the plan's own code style, on the five seeds' real codes.</summary>
public class MeasurePositionTests
{
    private static readonly Lazy<List<Organisation>> Organisations = new(() => DemoData.Read(TestPaths.Demo).Organisations);

    /// <summary>The organisation's plan, the first generation where there are two (Miyagi).</summary>
    private static Plan PlanOf(string code) => Organisations.Value.Single(o => o.Code.Value == code).Plans.OrderBy(p => p.Generation).First();

    [Theory]
    [InlineData("212105", "(1)-1", "(1)-1 協力雇用主の支援・拡大及び求人情報の提供")]
    [InlineData("212105", "(3)-1", "(3)-1")]
    [InlineData("052019", "1-(1)-①", "1-(1)-① 保護観察対象者の雇用")]
    [InlineData("132195", "1-1-1", "1-1-1 効果的な媒体による分かりやすい各種相談窓口の周知の推進")]
    [InlineData("280003", "行動7-ア-1", "行動7-ア-1 「社会を明るくする運動」の周知")]
    public void A_measure_is_named_by_its_code_under_its_policy_and_its_title(string organisation, string key, string expected)
    {
        var measure = PlanOf(organisation).FindMeasure(key)!;
        Assert.StartsWith(expected, measure.PositionName());
    }

    [Fact]
    public void Ena_numbers_restart_under_each_policy_so_its_codes_carry_the_policy()
    {
        var plan = PlanOf("212105");
        var first = plan.FindMeasure("(2)-1")!;
        Assert.Equal("1", first.PrimaryPlacement.Code);
        Assert.Equal("(2)-1", first.PrimaryPlacement.FullCode);
        var codes = plan.Measures.OrderBy(m => m.PrimaryPlacement.ParsedFullCode).Select(m => m.PrimaryPlacement.FullCode).ToList();
        Assert.Equal(codes.Distinct().Count(), codes.Count);
        Assert.Equal(["(1)-1", "(1)-2", "(1)-3", "(1)-4"], codes.Take(4));
    }

    [Fact]
    public void Miyagi_numbers_its_measures_once_throughout_and_keeps_its_plain_numbers()
    {
        var plan = PlanOf("040002");
        var measure = plan.FindMeasure("14")!;
        Assert.Equal($"14 {measure.Title}", measure.PositionName());
        Assert.All(plan.Measures, m => Assert.Equal(m.PrimaryPlacement.Code, m.PrimaryPlacement.FullCode));
    }

    [Fact]
    public void Codes_that_already_run_down_from_their_policy_are_kept_as_written()
    {
        foreach (var organisation in new[] { "052019", "132195", "280003" })
            Assert.All(PlanOf(organisation).Measures, m => Assert.Equal(m.PrimaryPlacement.Code, m.PrimaryPlacement.FullCode));
    }

    [Fact]
    public void A_title_can_be_shortened_for_a_list_in_one_sentence()
    {
        var measure = PlanOf("212105").FindMeasure("(1)-1")!;
        Assert.Equal("(1)-1 協力雇用主の支援…", measure.PositionName(titleLength: 8));
        Assert.Equal("(1)-1 協力雇用主の支援・拡大及び求人情報の提供", measure.PositionName(titleLength: 100));
    }

    [Fact]
    public void A_measure_added_on_screen_to_a_plan_that_restarts_its_numbers_reads_by_its_full_position()
    {
        var plan = PlanOf("212105");
        var policy = plan.FindMeasure("(2)-1")!.PrimaryPlacement.Node;
        var added = plan.AddMeasure(policy, "9", "新たな取組", null);
        Assert.Equal("(2)-9", added.Key);
        Assert.Equal("(2)-9 新たな取組", added.PositionName());
    }

    [Fact]
    public void A_measure_added_on_screen_to_a_plan_numbered_throughout_keeps_its_plain_number()
    {
        var plan = PlanOf("040002");
        var added = plan.AddMeasure(plan.FindMeasure("14")!.PrimaryPlacement.Node, "45", "新たな取組", null);
        Assert.Equal("45", added.Key);
        Assert.Equal("45", added.PrimaryPlacement.FullCode);
    }
}
