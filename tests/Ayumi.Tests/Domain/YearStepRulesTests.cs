using Ayumi.Domain;

namespace Ayumi.Tests.Domain;

/// <summary>The rules of opening a year, withdrawing it, approving many parts and withdrawing a publication.</summary>
public class YearStepRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.FromHours(9));
    private static readonly DateOnly Today = JapanTime.DateOf(Now);

    /// <summary>A plan of 令和6年度 to 令和8年度 with one measure of 総務課, which planned its 令和7年度 in 令和6年度's sheet.</summary>
    private static (Plan Plan, Measure Measure) Plan()
    {
        var ena = new Organisation(LocalGovernmentCode.Parse("212105"), "恵那市");
        var plan = ena.AddPlan("恵那市再犯防止推進計画", 1, FiscalYear.Parse("R6"), FiscalYear.Parse("R8"));
        plan.SetLevels([new("具体的な取り組み"), new("事業")]);
        var measure = plan.AddMeasure("(1)-1", plan.AddNode(null, "(1)", "連携"), "1", "更生保護活動の環境づくり", null);
        measure.AssignDepartment(ena.ResolveDepartment("総務課"));
        measure.EntryFor(FiscalYear.Parse("R6")).NextYearPlan = "負担金を支出する。";
        return (plan, measure);
    }

    [Theory]
    [InlineData("R6", true), InlineData("R8", true), InlineData("R9", true), InlineData("R5", false), InlineData("R10", false)]
    public void A_plan_expects_the_years_of_its_period_and_the_final_review_after_it(string year, bool expected) =>
        Assert.Equal(expected, Plan().Plan.ExpectsYear(FiscalYear.Parse(year)));

    [Fact]
    public void A_year_the_plan_does_not_expect_opens_only_with_a_reason_which_it_keeps()
    {
        var (plan, _) = Plan();
        var refused = Assert.Throws<DomainException>(() => plan.OpenYear(new YearOpening(FiscalYear.Parse("R10"), Today.AddDays(30), " "), Today, Now));
        Assert.Equal("error.yearOutsidePeriod", refused.Key);
        var opened = plan.OpenYear(new YearOpening(FiscalYear.Parse("R10"), Today.AddDays(30), " 次期計画の策定が遅れたため "), Today, Now);
        Assert.Equal("次期計画の策定が遅れたため", opened.OutOfPeriodReason);
        Assert.Null(plan.OpenYear(new YearOpening(FiscalYear.Parse("R7"), Today.AddDays(30), "不要な理由"), Today, Now).OutOfPeriodReason);
    }

    [Fact]
    public void A_deadline_must_be_given_and_lie_after_today_in_Japan()
    {
        var (plan, _) = Plan();
        Assert.Equal("error.deadlineRequired", Assert.Throws<DomainException>(() => plan.CheckOpening(new(FiscalYear.Parse("R7"), null, null), Today)).Key);
        Assert.Equal("error.deadlineNotFuture", Assert.Throws<DomainException>(() => plan.CheckOpening(new(FiscalYear.Parse("R7"), Today, null), Today)).Key);
        plan.CheckOpening(new(FiscalYear.Parse("R7"), Today.AddDays(1), null), Today);
        // 23:30 on 3 December in UTC is already 4 December in Japan.
        Assert.Equal(new DateOnly(2026, 12, 4), JapanTime.DateOf(new DateTimeOffset(2026, 12, 3, 23, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void The_form_proposes_the_year_that_ended_last_with_a_deadline_still_ahead()
    {
        var (plan, _) = Plan();
        // On 3 December 2026 (令和8年度) the year to report is 令和7年度; its usual deadline, 31 May 2026, has passed.
        Assert.Equal(FiscalYear.Parse("R7"), plan.ProposedYear(Today));
        Assert.Equal(Today.AddMonths(1), Ayumi.Domain.Plan.ProposedDeadline(FiscalYear.Parse("R7"), Today));
        Assert.Equal(new DateOnly(2027, 5, 31), Ayumi.Domain.Plan.ProposedDeadline(FiscalYear.Parse("R8"), Today));
        plan.OpenYear(new YearOpening(FiscalYear.Parse("R7"), Today.AddDays(30), null), Today, Now);
        Assert.Equal(FiscalYear.Parse("R8"), plan.ProposedYear(Today));
        plan.OpenYear(new YearOpening(FiscalYear.Parse("R8"), Today.AddDays(30), null), Today, Now);
        plan.OpenYear(new YearOpening(FiscalYear.Parse("R9"), Today.AddDays(30), null), Today, Now);
        Assert.Null(plan.ProposedYear(Today));
    }

    [Fact]
    public void An_empty_year_is_withdrawn_with_the_entries_it_created_but_an_imported_entry_stays()
    {
        var (plan, measure) = Plan();
        var year = plan.OpenYear(new YearOpening(FiscalYear.Parse("R7"), Today.AddDays(30), null), Today, Now);
        Assert.Equal("負担金を支出する。", measure.Entries.Single(e => e.FiscalYear == year.FiscalYear).PlannedWork);
        plan.WithdrawYear(year);
        Assert.Empty(plan.ReportingYears);
        Assert.DoesNotContain(measure.Entries, e => e.FiscalYear == FiscalYear.Parse("R7"));

        var imported = measure.EntryFor(FiscalYear.Parse("R8"));
        imported.Results = "取り込んだ実績";
        plan.WithdrawYear(plan.OpenYear(new YearOpening(FiscalYear.Parse("R8"), Today.AddDays(30), null), Today, Now));
        var kept = measure.Entries.Single(e => e.FiscalYear == FiscalYear.Parse("R8"));
        Assert.Equal("取り込んだ実績", kept.Results);
        Assert.Empty(kept.Parts);
    }

    [Fact]
    public void A_year_with_a_saved_part_is_not_withdrawn()
    {
        var (plan, measure) = Plan();
        var year = plan.OpenYear(new YearOpening(FiscalYear.Parse("R7"), Today.AddDays(30), null), Today, Now);
        measure.Entries.Single(e => e.FiscalYear == year.FiscalYear).Parts.Single().SaveDraft(new("計画", null, null, BudgetLine.None, null, null, null), year);
        Assert.Equal("error.yearHasSavedParts", Assert.Throws<DomainException>(() => plan.WithdrawYear(year)).Key);
        Assert.Single(plan.ReportingYears);
    }

    [Fact]
    public void Many_parts_are_approved_all_or_none_and_a_publication_is_withdrawn_with_a_reason_and_published_again()
    {
        var (plan, measure) = Plan();
        var year = plan.OpenYear(new YearOpening(FiscalYear.Parse("R7"), Today.AddDays(30), null), Today, Now);
        var part = measure.Entries.Single(e => e.FiscalYear == year.FiscalYear).Parts.Single();
        Assert.Equal("error.approveNothingChosen", Assert.Throws<DomainException>(() => year.Approve([])).Key);
        Assert.Equal("error.approveManyNeedsSubmission", Assert.Throws<DomainException>(() => year.Approve([part])).Key);
        part.SaveDraft(new("計画", "実施した。", "A", BudgetLine.None, null, null, null), year);
        part.Submit(year, Now);
        year.Approve([part]);
        Assert.Equal(PartStatus.Approved, part.Status);

        year.Lock([part], Now);
        Assert.Equal("error.unpublishNeedsPublished", Assert.Throws<DomainException>(() => year.WithdrawPublication("誤り", Now)).Key);
        year.Publish(Now);
        Assert.Equal("error.unpublishNeedsReason", Assert.Throws<DomainException>(() => year.WithdrawPublication(" ", Now)).Key);
        var withdrawal = year.WithdrawPublication(" 数値の誤り ", Now.AddDays(1));
        Assert.Equal((ReportingStatus.Locked, (DateTimeOffset?)null, "数値の誤り"), (year.Status, year.PublishedAt, withdrawal.Reason));
        Assert.DoesNotContain(year.FiscalYear, plan.PublishedYears);
        year.Publish(Now.AddDays(2));
        Assert.Contains(year.FiscalYear, plan.PublishedYears);
        Assert.Single(year.Withdrawals);
    }
}
