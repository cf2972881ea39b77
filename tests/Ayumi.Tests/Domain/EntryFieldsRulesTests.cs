using Ayumi.Domain;

namespace Ayumi.Tests.Domain;

public class EntryFieldsRulesTests
{
    private static ReportTemplate Layout(string name) => ReportTemplate.BuiltIn.Single(t => t.Name == name);

    [Fact]
    public void Each_layout_asks_for_the_fields_it_prints()
    {
        Assert.Equal(EntryFields.Grade | EntryFields.Results | EntryFields.NextYearPlan, Layout(ReportTemplate.Ena).EntryFields);
        Assert.Equal(EntryFields.Results | EntryFields.Budget | EntryFields.PlannedWork | EntryFields.IssuesAndDirection,
            Layout(ReportTemplate.Miyagi).EntryFields);
        Assert.Equal(EntryFields.TargetProgress, Layout(ReportTemplate.Komae).EntryFields);
        Assert.Equal(EntryFields.PlannedWork, Layout(ReportTemplate.Akita).EntryFields);
        // A list of indicators prints no field of an entry: the form stays whole rather than asking for nothing.
        Assert.Equal(EntryFields.All, Layout(ReportTemplate.Hyogo).EntryFields);
    }

    [Fact]
    public void A_plan_asks_for_its_secretariats_choice_or_its_layouts_fields_and_never_for_a_grade_it_does_not_give()
    {
        var plan = new Organisation(LocalGovernmentCode.Parse("212105"), "恵那市").AddPlan("計画", 1, FiscalYear.Parse("R6"), FiscalYear.Parse("R8"));
        var ena = Layout(ReportTemplate.Ena);
        Assert.Equal(ena.EntryFields, plan.AskedEntryFields(ena));
        plan.ChooseEntryFields(EntryFields.Results | EntryFields.Budget);
        Assert.Equal(EntryFields.Results | EntryFields.Budget, plan.AskedEntryFields(ena));
        plan.ChooseEntryFields(null);
        Assert.Equal(ena.EntryFields, plan.AskedEntryFields(ena));
        Assert.Equal(EntryFields.Results | EntryFields.NextYearPlan, Plan.AskedEntryFields(null, ena, graded: false));
        Assert.Equal("entryFields.none", Assert.Throws<DomainException>(() => plan.ChooseEntryFields(EntryFields.None)).Key);
    }

    [Fact]
    public void A_submission_needs_only_the_required_fields_the_form_asks_for()
    {
        var ena = new Organisation(LocalGovernmentCode.Parse("212105"), "恵那市");
        var plan = ena.AddPlan("計画", 1, FiscalYear.Parse("R6"), FiscalYear.Parse("R8"));
        plan.SetLevels([new("施策"), new("事業")]);
        var measure = plan.AddMeasure("1", plan.AddNode(null, "(1)", "施策"), "1", "取組", null);
        measure.AssignDepartment(ena.ResolveDepartment("総務課"));
        plan.OpenYear(FiscalYear.Parse("R7"), null, DateTimeOffset.UnixEpoch);
        var part = measure.Entries.Single(e => e.FiscalYear == FiscalYear.Parse("R7")).Parts.Single();
        Assert.Equal(["Grade", "Results"], part.MissingForSubmission());
        Assert.Equal(["Results"], part.MissingForSubmission(graded: true, asked: EntryFields.Results | EntryFields.NextYearPlan));
        Assert.Empty(part.MissingForSubmission(graded: true, asked: EntryFields.PlannedWork));
    }

    [Fact]
    public void A_draft_says_the_stored_part_whatever_its_blanks_and_line_endings()
    {
        var stored = new PartContent("計画", "実施した。\n2回", "A", BudgetLine.None, "課題", "継続", null);
        var asked = EntryFields.Results | EntryFields.Grade | EntryFields.Budget;
        Assert.True(new TypedPart(null, " 実施した。\r\n2回 ", "A", null, null, null, null).Says(stored, asked));
        // A grade left unchosen is not sent, and keeps the stored one.
        Assert.True(new TypedPart(null, "実施した。\n2回", null, null, null, null, null).Says(stored, asked));
        Assert.False(new TypedPart(null, "実施した。", "A", null, null, null, null).Says(stored, asked));
        // A field the form does not ask for says nothing, whatever it holds.
        Assert.True(new TypedPart("別の計画", "実施した。\n2回", "A", null, null, null, null).Says(stored, asked));
    }
}
