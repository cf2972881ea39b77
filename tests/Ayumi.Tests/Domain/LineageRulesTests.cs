using Ayumi.Domain;

namespace Ayumi.Tests.Domain;

/// <summary>Lineage links between measures, drafting the next plan from the current one, and publishing it.</summary>
public class LineageRulesTests
{
    private static readonly FiscalYear R7 = FiscalYear.Parse("R7");

    /// <summary>Miyagi-like: a 1st plan R2–R6 and a 2nd plan R7–R11, one policy each.</summary>
    private static (Organisation Organisation, Plan First, PlanNode FirstPolicy, Plan Second, PlanNode SecondPolicy) TwoPlans()
    {
        var organisation = new Organisation(LocalGovernmentCode.Parse("040002"), "宮城県");
        var first = organisation.AddPlan("第1次", 1, FiscalYear.Parse("R2"), FiscalYear.Parse("R6"));
        first.SetLevels([new("施策の方向性"), new("事業")]);
        var second = organisation.AddPlan("第二次", 2, R7, FiscalYear.Parse("R11"));
        second.SetLevels([new("施策の方向性"), new("事業")]);
        second.FollowOn(first);
        return (organisation, first, first.AddNode(null, "1", "就労の確保に関する支援"), second, second.AddNode(null, "2", "就労の確保に関する支援"));
    }

    [Fact]
    public void A_measure_cannot_be_linked_to_itself()
    {
        var (_, first, policy, _, _) = TwoPlans();
        var measure = first.AddMeasure("1", policy, "1", "職業定着支援", null);
        var error = Assert.Throws<DomainException>(() => measure.LinkTo(measure, LineageKind.Continued, R7));
        Assert.Equal("lineage.self", error.Key);
        Assert.Empty(measure.Continuations);
    }

    [Fact]
    public void A_link_that_would_close_a_cycle_is_refused()
    {
        var (_, first, policy, second, secondPolicy) = TwoPlans();
        var a = first.AddMeasure("1", policy, "1", "a", null);
        var b = first.AddMeasure("2", policy, "2", "b", null);
        var c = second.AddMeasure("1", secondPolicy, "1", "c", null);
        a.LinkTo(b, LineageKind.Succeeded, FiscalYear.Parse("R3"));
        b.LinkTo(c, LineageKind.Continued, R7);
        var error = Assert.Throws<DomainException>(() => c.LinkTo(a, LineageKind.Continued, R7));
        Assert.Equal("lineage.cycle", error.Key);
        Assert.Throws<DomainException>(() => b.LinkTo(a, LineageKind.Renamed, FiscalYear.Parse("R4")));
        Assert.Empty(c.Continuations);
        Assert.Empty(a.Origins);
    }

    [Theory]
    [InlineData("R1")]   // before both plans
    [InlineData("R12")]  // after both plans
    public void A_link_must_take_effect_within_one_of_the_two_plans_periods(string year)
    {
        var (_, first, policy, second, secondPolicy) = TwoPlans();
        var a = first.AddMeasure("1", policy, "1", "a", null);
        var c = second.AddMeasure("1", secondPolicy, "1", "c", null);
        var error = Assert.Throws<DomainException>(() => a.LinkTo(c, LineageKind.Continued, FiscalYear.Parse(year)));
        Assert.Equal("lineage.outOfPeriod", error.Key);
        Assert.Same(c, a.LinkTo(c, LineageKind.Continued, FiscalYear.Parse("R6")).To);
    }

    [Fact]
    public void A_link_is_recorded_once_with_a_note_of_at_most_500_characters_and_never_to_another_organisation()
    {
        var (_, first, policy, second, secondPolicy) = TwoPlans();
        var a = first.AddMeasure("1", policy, "1", "a", null);
        var c = second.AddMeasure("1", secondPolicy, "1", "c", null);
        a.LinkTo(c, LineageKind.Continued, R7);
        Assert.Equal("lineage.duplicate", Assert.Throws<DomainException>(() => a.LinkTo(c, LineageKind.Renamed, R7)).Key);
        var other = second.AddMeasure("2", secondPolicy, "2", "d", null);
        Assert.Equal("lineage.noteTooLong", Assert.Throws<DomainException>(() => a.LinkTo(other, LineageKind.Split, R7, new string('注', 501))).Key);
        var (_, elsewhere, elsewherePolicy, _, _) = TwoPlans();
        var foreign = elsewhere.AddMeasure("9", elsewherePolicy, "9", "x", null);
        Assert.Equal("lineage.otherOrganisation", Assert.Throws<DomainException>(() => a.LinkTo(foreign, LineageKind.Continued, R7)).Key);
    }

    [Fact]
    public void A_merged_measure_has_every_origin_and_a_split_one_shares_its_origin()
    {
        var (_, first, policy, second, secondPolicy) = TwoPlans();
        var coastal = first.AddMeasure("3", policy, "3", "沿岸地域就職サポートセンター事業", null);
        var women = first.AddMeasure("6", policy, "6", "女性・高齢者等新規就業支援事業", null);
        var merged = second.AddMeasure("8", secondPolicy, "8", "みやぎ人財活躍応援センター運営事業", null);
        coastal.LinkTo(merged, LineageKind.Merged, R7);
        women.LinkTo(merged, LineageKind.Merged, R7, "統合");
        Assert.Equal([coastal, women], merged.Origins.Select(l => l.From));
        Assert.Equal("統合", merged.Origins.Last().Note);

        var counselling = first.AddMeasure("16", policy, "16", "依存症相談", null);
        var alcohol = second.AddMeasure("16", secondPolicy, "16", "アルコール健康障害相談拠点の設置", null);
        var drugs = second.AddMeasure("17", secondPolicy, "17", "薬物依存症・ギャンブル等依存症の相談拠点の設置", null);
        counselling.LinkTo(alcohol, LineageKind.Split, R7);
        counselling.LinkTo(drugs, LineageKind.Split, R7);
        Assert.Equal([alcohol, drugs], counselling.Continuations.Select(l => l.To));
        Assert.Same(counselling, Assert.Single(drugs.Origins).From);
        Assert.Same(alcohol, counselling.NextPlanMeasure);
    }

    [Fact]
    public void A_successor_in_the_same_plan_is_a_predecessor_not_a_next_plan_measure()
    {
        var (_, first, policy, second, secondPolicy) = TwoPlans();
        var ended = first.AddMeasure("3", policy, "3", "a", null);
        var successor = first.AddMeasure("8", policy, "8", "b", null);
        ended.LinkTo(successor, LineageKind.Succeeded, FiscalYear.Parse("R3"), "後継事業");
        Assert.Equal([ended], successor.Predecessors);
        Assert.Null(ended.NextPlanMeasure);
        var next = second.AddMeasure("8", secondPolicy, "8", "c", null);
        successor.LinkTo(next, LineageKind.Succeeded, R7);
        Assert.Same(next, successor.NextPlanMeasure);
        Assert.Empty(next.Predecessors);
    }

    [Fact]
    public void The_next_plan_is_drafted_from_the_running_measures_with_their_lineage()
    {
        var (organisation, _, _, second, policy) = TwoPlans();
        var other = second.AddNode(null, "3", "住居の確保に関する支援");
        var department = organisation.ResolveDepartment("社会福祉課(団体指導班)");
        var running = second.AddMeasure("1", policy, "1", "保護観察少年に対する職業定着支援", "雇用する。");
        running.AssignDepartment(department, "社会福祉課(団体指導班)");
        running.ListUnder(other, "18", isRelisting: true, "職業定着支援(再掲)");
        second.AddMeasure("2", policy, "2", "終わった事業", null).End(MeasureStatus.Ended, FiscalYear.Parse("R9"), "事業終期");
        var indicator = second.AddIndicator("①", "雇用者数", "人");
        indicator.AttachTo(running);

        var draft = organisation.DraftNextPlan(second, "第三次", FiscalYear.Parse("R12"), FiscalYear.Parse("R16"));

        Assert.Equal(PlanStatus.Draft, draft.Status);
        Assert.Equal(3, draft.Generation);
        Assert.Same(second, draft.Predecessor);
        Assert.Equal(["2", "3"], draft.Nodes.Select(n => n.Code));
        Assert.Equal([policy, other], draft.Nodes.Select(n => n.Origin));
        var copy = Assert.Single(draft.Measures);
        Assert.Equal(("1", "保護観察少年に対する職業定着支援", "雇用する。"), (copy.Key, copy.Title, copy.Description));
        Assert.Equal("社会福祉課(団体指導班)", copy.Departments.Single().WrittenAs);
        Assert.Equal("職業定着支援(再掲)", copy.Placements.Single(p => p.IsRelisting).ListedTitle);
        var link = Assert.Single(copy.Origins);
        Assert.Equal((running, LineageKind.Continued, FiscalYear.Parse("R12")), (link.From, link.Kind, link.EffectiveIn));
        Assert.Same(copy, draft.Indicators.Single().Measure);
        Assert.Same(second, organisation.CurrentPlan);
    }

    [Fact]
    public void A_draft_is_refused_a_taken_name_or_a_period_that_does_not_follow_and_leaves_the_organisation_unchanged()
    {
        var (organisation, first, _, second, _) = TwoPlans();
        Assert.Equal("error.planNameTaken", Assert.Throws<DomainException>(() => organisation.DraftNextPlan(second, "第1次", FiscalYear.Parse("R12"), FiscalYear.Parse("R16"))).Key);
        Assert.Equal("error.draftStartsTooEarly", Assert.Throws<DomainException>(() => organisation.DraftNextPlan(second, "第三次", R7, FiscalYear.Parse("R11"))).Key);
        Assert.Equal([first, second], organisation.Plans);
    }

    [Fact]
    public void Publishing_a_draft_makes_it_the_current_plan_and_only_a_published_plan_opens_years()
    {
        var (organisation, first, _, second, _) = TwoPlans();
        var draft = organisation.DraftNextPlan(second, "第三次", FiscalYear.Parse("R12"), FiscalYear.Parse("R16"));
        var refused = Assert.Throws<DomainException>(() => draft.OpenYear(FiscalYear.Parse("R12"), null, DateTimeOffset.UnixEpoch));
        Assert.Equal("error.draftPlanYear", refused.Key);
        Assert.Same(second, organisation.CurrentPlan);
        draft.Publish();
        Assert.Same(draft, organisation.CurrentPlan);
        Assert.Equal(PlanStatus.Published, first.Status);
        Assert.Equal("error.planAlreadyPublished", Assert.Throws<DomainException>(draft.Publish).Key);
    }

    [Fact]
    public void Only_a_draft_loses_a_measure_and_its_links_go_with_it()
    {
        var (organisation, _, _, second, policy) = TwoPlans();
        var kept = second.AddMeasure("1", policy, "1", "a", null);
        var reported = second.AddMeasure("2", policy, "2", "b", null);
        reported.EntryFor(FiscalYear.Parse("R7")).Results = "実施した。";
        Assert.Equal("error.removeFromPublished", Assert.Throws<DomainException>(() => second.RemoveMeasure(kept)).Key);

        var draft = organisation.DraftNextPlan(second, "第三次", FiscalYear.Parse("R12"), FiscalYear.Parse("R16"));
        var copy = draft.FindMeasure("1")!;
        var links = draft.RemoveMeasure(copy);
        Assert.Same(kept, Assert.Single(links).From);
        Assert.Empty(kept.Continuations);
        Assert.Null(draft.FindMeasure("1"));
        var entered = draft.FindMeasure("2")!;
        entered.EntryFor(FiscalYear.Parse("R12")).Target = "目標";
        Assert.Equal("error.measureHasEntries", Assert.Throws<DomainException>(() => draft.RemoveMeasure(entered)).Key);
        Assert.Equal("1", draft.AddMeasure("1", draft.FindNode("2")!, "1", "新しい a", null).Key);
    }
}
