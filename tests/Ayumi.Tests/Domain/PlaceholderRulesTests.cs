using Ayumi.Domain;

namespace Ayumi.Tests.Domain;

/// <summary>A published plan's tree is the adopted document's, except the placeholder an import made for a sheet without policies.</summary>
public class PlaceholderRulesTests
{
    private static (Plan Plan, PlanNode Placeholder, PlanNode Policy, Measure Unplaced, Measure Placed) PublishedPlan()
    {
        var plan = new Organisation(LocalGovernmentCode.Parse("212105"), "恵那市").AddPlan("計画", 1, new FiscalYear(2024), new FiscalYear(2028));
        plan.SetLevels([new("施策"), new("取組")]);
        var placeholder = plan.AddNode(null, "進行管理", "進行管理");
        placeholder.IsPlaceholder = true;
        var policy = plan.AddNode(null, "1", "就労の確保");
        return (plan, placeholder, policy, plan.AddMeasure("1", placeholder, "1", "就労支援", null), plan.AddMeasure("2", policy, "2", "住居支援", null));
    }

    [Fact]
    public void In_a_published_plan_a_measure_moves_out_of_the_placeholder_into_a_policy_and_no_other_way()
    {
        var (plan, placeholder, policy, unplaced, placed) = PublishedPlan();
        Assert.Equal(PlanStatus.Published, plan.Status);

        Assert.Equal("error.editPublished", Assert.Throws<DomainException>(() => placed.MoveTo(placeholder, "9")).Key);
        unplaced.MoveTo(policy, "1");
        Assert.Equal(policy, unplaced.PrimaryPlacement.Node);
        Assert.Equal("error.editPublished", Assert.Throws<DomainException>(() => unplaced.MoveTo(plan.AddPolicyForUnplaced("2", "住居の確保"), "1")).Key);
    }

    [Fact]
    public void A_published_plan_takes_a_new_policy_only_while_it_has_a_placeholder_which_goes_once_empty()
    {
        var (plan, placeholder, _, unplaced, _) = PublishedPlan();

        var added = plan.AddPolicyForUnplaced(" 2 ", "住居の確保");
        Assert.Equal(("2", 0, false), (added.Code, added.Depth, added.IsPlaceholder));
        Assert.Equal("error.nodeHasMeasures", Assert.Throws<DomainException>(() => plan.RemoveNode(placeholder)).Key);
        unplaced.MoveTo(added, "1");
        plan.RemoveNode(placeholder);

        Assert.DoesNotContain(placeholder, plan.Nodes);
        Assert.Equal("domain.noPlaceholder", Assert.Throws<DomainException>(() => plan.AddPolicyForUnplaced("3", "広報")).Key);
        Assert.Equal("error.editPublished", Assert.Throws<DomainException>(() => plan.RemoveNode(added)).Key);
    }
}
