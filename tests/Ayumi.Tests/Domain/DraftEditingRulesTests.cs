using Ayumi.Domain;

namespace Ayumi.Tests.Domain;

/// <summary>Editing a draft plan's goals, policies and listings; a published plan refuses every such change.</summary>
public class DraftEditingRulesTests
{
    /// <summary>A published plan with goal 1 › policies (1) and (2), measure 1 under (1), and its draft copy.</summary>
    private static (Organisation Organisation, Plan Published, Plan Draft) PlanAndDraft()
    {
        var organisation = new Organisation(LocalGovernmentCode.Parse("040002"), "宮城県");
        var published = organisation.AddPlan("第二次", 2, FiscalYear.Parse("R7"), FiscalYear.Parse("R11"));
        var goal = published.AddNode(null, "1", "就労・住居の確保");
        var one = published.AddNode(goal, "(1)", "就労の確保に関する支援");
        published.AddNode(goal, "(2)", "住居の確保に関する支援");
        var measure = published.AddMeasure("1", one, "1", "職業定着支援", null);
        measure.AssignDepartment(organisation.ResolveDepartment("商工課"));
        var draft = organisation.DraftNextPlan(published, "第三次", FiscalYear.Parse("R12"), FiscalYear.Parse("R16"));
        return (organisation, published, draft);
    }

    private static PlanNode Node(Plan plan, string code) => plan.FindNode(code)!;

    [Fact]
    public void A_node_is_added_to_a_draft_under_a_parent_or_at_the_top()
    {
        var (_, _, draft) = PlanAndDraft();
        var policy = draft.AddDraftNode(Node(draft, "1"), " (3) ", " 保健医療・福祉サービスの利用 ", " ");
        var goal = draft.AddDraftNode(null, "2", "学校等と連携した修学支援", "学校と連携する。");
        Assert.Equal(("(3)", "保健医療・福祉サービスの利用", null, 1), (policy.Code, policy.Title, policy.Description, policy.Depth));
        Assert.Contains(policy, Node(draft, "1").Children);
        Assert.Equal((0, (PlanNode?)null), (goal.Depth, goal.Parent));
        Assert.Null(goal.Origin);
    }

    [Fact]
    public void A_node_whose_code_is_taken_or_whose_code_or_title_is_empty_is_refused()
    {
        var (_, _, draft) = PlanAndDraft();
        var count = draft.Nodes.Count;
        Assert.Equal("domain.nodeCodeTwice", Assert.Throws<DomainException>(() => draft.AddDraftNode(null, "(2)", "重複", null)).Key);
        Assert.Equal("error.nodeCode", Assert.Throws<DomainException>(() => draft.AddDraftNode(null, " ", "番号なし", null)).Key);
        Assert.Equal("error.nodeTitle", Assert.Throws<DomainException>(() => draft.AddDraftNode(null, "9", "", null)).Key);
        Assert.Equal("domain.nodeTooDeep", Assert.Throws<DomainException>(() => draft.AddDraftNode(Node(draft, "(1)"), "ア", "深すぎる", null)).Key);
        Assert.Equal(count, draft.Nodes.Count);
    }

    [Fact]
    public void Renaming_and_renumbering_a_node_keeps_its_origin()
    {
        var (_, published, draft) = PlanAndDraft();
        var node = Node(draft, "(2)");
        node.Renumber("(3)");
        node.Rename("住居の確保と定住の支援", "居住支援法人と連携する。");
        Assert.Equal(("(3)", "住居の確保と定住の支援", "居住支援法人と連携する。"), (node.Code, node.Title, node.Description));
        Assert.Same(Node(published, "(2)"), node.Origin);
    }

    [Fact]
    public void Renumbering_to_a_code_another_node_has_is_refused_and_the_node_keeps_its_code()
    {
        var (_, _, draft) = PlanAndDraft();
        var node = Node(draft, "(2)");
        var error = Assert.Throws<DomainException>(() => node.Renumber("(1)"));
        Assert.Equal(("domain.nodeCodeTwice", "(2)"), (error.Key, node.Code));
        node.Renumber("(2)"); // its own code is no clash
        Assert.Equal("error.nodeTitle", Assert.Throws<DomainException>(() => node.Rename(" ", null)).Key);
    }

    [Fact]
    public void Only_an_empty_node_is_removed()
    {
        var (_, _, draft) = PlanAndDraft();
        Assert.Equal("error.nodeHasMeasures", Assert.Throws<DomainException>(() => draft.RemoveNode(Node(draft, "(1)"))).Key);
        Assert.Equal("error.nodeHasChildren", Assert.Throws<DomainException>(() => draft.RemoveNode(Node(draft, "1"))).Key);
        var indicator = draft.AddIndicator("①", "住居確保者数", "人");
        indicator.AttachTo(Node(draft, "(2)"));
        Assert.Equal("error.nodeHasIndicators", Assert.Throws<DomainException>(() => draft.RemoveNode(Node(draft, "(2)"))).Key);
        indicator.AttachTo(Node(draft, "1"));
        var empty = Node(draft, "(2)");
        draft.RemoveNode(empty);
        Assert.DoesNotContain(empty, draft.Nodes);
        Assert.DoesNotContain(empty, Node(draft, "1").Children);
    }

    [Fact]
    public void A_measure_moves_under_another_policy_with_its_code_or_a_new_one_keeping_its_key_and_lineage()
    {
        var (_, published, draft) = PlanAndDraft();
        var measure = draft.FindMeasure("1")!;
        measure.MoveTo(Node(draft, "(2)"), "1");
        Assert.Equal(("(2)", "1"), (measure.PrimaryPlacement.Node.Code, measure.PrimaryPlacement.Code));
        measure.MoveTo(Node(draft, "(2)"), " 5 ");
        Assert.Equal(("1", "5"), (measure.Key, measure.PrimaryPlacement.Code));
        Assert.Same(published.FindMeasure("1"), Assert.Single(measure.Origins).From);
    }

    [Fact]
    public void A_measure_cannot_move_to_a_goal_to_another_plan_or_onto_a_code_taken_under_the_policy()
    {
        var (_, published, draft) = PlanAndDraft();
        var measure = draft.FindMeasure("1")!;
        draft.AddMeasure("2", Node(draft, "(2)"), "2", "住居確保支援", null);
        Assert.Equal("domain.measureLevel", Assert.Throws<DomainException>(() => measure.MoveTo(Node(draft, "1"), "1")).Key);
        Assert.Equal("domain.otherPlanNode", Assert.Throws<DomainException>(() => measure.MoveTo(Node(published, "(2)"), "1")).Key);
        Assert.Equal("error.measureCodeUnderNode", Assert.Throws<DomainException>(() => measure.MoveTo(Node(draft, "(2)"), "2")).Key);
        Assert.Equal("error.measureCode", Assert.Throws<DomainException>(() => measure.MoveTo(Node(draft, "(2)"), "")).Key);
        Assert.Equal(("(1)", "1"), (measure.PrimaryPlacement.Node.Code, measure.PrimaryPlacement.Code));
    }

    [Fact]
    public void A_measures_departments_are_set_in_order_and_may_be_left_empty_but_not_another_organisations()
    {
        var (organisation, _, draft) = PlanAndDraft();
        var measure = draft.FindMeasure("1")!;
        var commerce = organisation.ResolveDepartment("商工課");
        var welfare = organisation.ResolveDepartment("社会福祉課");
        measure.SetDepartments([commerce, welfare]);
        Assert.Equal([(commerce, 0), (welfare, 1)], measure.Departments.Select(d => (d.Department, d.Order)));
        measure.SetDepartments([welfare]);
        Assert.Equal([(welfare, 0)], measure.Departments.Select(d => (d.Department, d.Order)));
        var akita = new Organisation(LocalGovernmentCode.Parse("050008"), "秋田県").ResolveDepartment("商工課");
        Assert.Equal("domain.otherOrganisationDepartment", Assert.Throws<DomainException>(() => measure.SetDepartments([akita])).Key);
        measure.SetDepartments([]);
        Assert.Empty(measure.Departments);
    }

    [Fact]
    public void A_published_plans_structure_and_listings_refuse_every_edit()
    {
        var (organisation, published, _) = PlanAndDraft();
        var measure = published.FindMeasure("1")!;
        var refusals = new Action[]
        {
            () => published.AddDraftNode(null, "9", "新しい目標", null),
            () => Node(published, "(2)").Rename("改称", null),
            () => Node(published, "(2)").Renumber("(9)"),
            () => published.RemoveNode(Node(published, "(2)")),
            () => measure.MoveTo(Node(published, "(2)"), "1"),
            () => measure.SetDepartments([organisation.ResolveDepartment("社会福祉課")]),
        };
        foreach (var refusal in refusals)
            Assert.Equal("error.editPublished", Assert.Throws<DomainException>(refusal).Key);
        Assert.Equal(("(2)", "住居の確保に関する支援"), (Node(published, "(2)").Code, Node(published, "(2)").Title));
        Assert.Equal("(1)", measure.PrimaryPlacement.Node.Code);
        Assert.Equal("商工課", measure.Departments.Single().Department.Name);
    }
}
