using Ayumi.Domain;
using Ayumi.Features.PlanFiles;

namespace Ayumi.Tests.PriorityIssues;

/// <summary>A person's tags stay a person's: the suggester never replaces them, and plan files carry them.</summary>
public class MeasureTagRulesTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 3, 3, 0, 0, TimeSpan.Zero);

    private static Measure NewMeasure()
    {
        var organisation = new Organisation(LocalGovernmentCode.Parse("212105"), "恵那市");
        var plan = organisation.AddPlan("恵那市再犯防止推進計画", 1, FiscalYear.Parse("R6"), FiscalYear.Parse("R10"));
        plan.SetLevels([new("具体的な取り組み", "Policy"), new("事業", "Measure")]);
        var node = plan.AddNode(null, "(1)", "住居・就労の確保など");
        return plan.AddMeasure("(1)-1", node, "1", "協力雇用主の支援・拡大及び求人情報の提供", null);
    }

    private static IssueTag Tag(int issue, string? area = null) => IssueTag.Of(issue, area);

    [Fact]
    public void Suggestions_replace_suggestions_but_never_the_tags_a_person_confirmed()
    {
        var measure = NewMeasure();
        Assert.True(measure.SuggestTags([Tag(1), Tag(5)]));
        Assert.True(measure.SuggestTags([Tag(1, "1-1")]));
        Assert.Equal([(1, "1-1")], measure.Tags.Select(t => (t.Issue, t.Area)));
        Assert.False(measure.TagsConfirmed);

        measure.ConfirmTags([Tag(1, "1-1"), Tag(5)], "恵那 事務局", Noon);
        Assert.False(measure.SuggestTags([Tag(2)]));
        Assert.Equal([(1, "1-1"), (5, null)], measure.Tags.Select(t => (t.Issue, t.Area)).ToList());
        Assert.Equal(("恵那 事務局", Noon), (measure.TagsConfirmedBy, measure.TagsConfirmedAt!.Value));
    }

    [Fact]
    public void A_person_may_confirm_that_a_measure_serves_none_of_the_issues()
    {
        var measure = NewMeasure();
        measure.SuggestTags([Tag(6)]);
        measure.ConfirmTags([], "恵那 事務局", Noon);
        Assert.Empty(measure.Tags);
        Assert.True(measure.TagsConfirmed);
        Assert.False(measure.SuggestTags([Tag(6)]));
    }

    [Fact]
    public void An_issue_outside_1_to_7_or_an_overlong_sub_area_code_is_refused()
    {
        Assert.Equal("domain.noPriorityIssue", Assert.Throws<DomainException>(() => IssueTag.Of(0)).Key);
        Assert.Equal("domain.tagAreaTooLong", Assert.Throws<DomainException>(() => IssueTag.Of(1, new string('x', MeasureTag.AreaLength + 1))).Key);
    }

    [Fact]
    public void A_plan_file_carries_confirmed_tags_naming_the_organisation_and_its_backup_names_the_person()
    {
        var measure = NewMeasure();
        measure.ConfirmTags([Tag(1, "1-1"), Tag(5)], "恵那 事務局", Noon);
        var organisation = measure.Plan.Organisation;

        var published = PlanFileReader.Load("ena.json", PlanFileWriter.Write(organisation, [measure.Plan]), null).Plans.Single().FindMeasure("(1)-1")!;
        Assert.Equal([(1, "1-1"), (5, null)], published.Tags.Select(t => (t.Issue, t.Area)).ToList());
        Assert.Equal(("恵那市", Noon), (published.TagsConfirmedBy, published.TagsConfirmedAt!.Value));

        var backup = PlanFileReader.Load("ena.json", PlanFileWriter.Write(organisation, [measure.Plan], backup: true), null).Plans.Single().FindMeasure("(1)-1")!;
        Assert.Equal("恵那 事務局", backup.TagsConfirmedBy);
    }

    [Fact]
    public void Tags_in_a_plan_file_without_a_confirmation_load_as_suggestions()
    {
        var measure = NewMeasure();
        measure.SuggestTags([Tag(1)]);
        var loaded = PlanFileReader.Load("ena.json", PlanFileWriter.Write(measure.Plan.Organisation, [measure.Plan]), null).Plans.Single().FindMeasure("(1)-1")!;
        Assert.Equal([1], loaded.Tags.Select(t => t.Issue));
        Assert.False(loaded.TagsConfirmed);
    }
}
