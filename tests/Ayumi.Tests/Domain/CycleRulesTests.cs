using Ayumi.Domain;

namespace Ayumi.Tests.Domain;

public class CycleRulesTests
{
    private static readonly DateTimeOffset Now = new(2025, 4, 1, 9, 0, 0, TimeSpan.FromHours(9));

    private static (Plan Plan, Measure Shared, Measure Single) Ena()
    {
        var ena = new Organisation(LocalGovernmentCode.Parse("212105"), "恵那市");
        var plan = ena.AddPlan("恵那市再犯防止推進計画", 1, FiscalYear.Parse("R6"), FiscalYear.Parse("R8"));
        plan.SetLevels([new("具体的な取り組み"), new("事業")]);
        var policy = plan.AddNode(null, "(3)", "連携強化");
        var shared = plan.AddMeasure("(3)-3", policy, "3", "情報交換会の実施", null);
        shared.AssignDepartment(ena.ResolveDepartment("総務課"));
        shared.AssignDepartment(ena.ResolveDepartment("社会福祉課"));
        var single = plan.AddMeasure("(3)-1", policy, "1", "更生保護活動の環境づくり", null);
        single.AssignDepartment(ena.ResolveDepartment("総務課"));
        single.EntryFor(FiscalYear.Parse("R6")).NextYearPlan = "負担金の支出を予定している。";
        var ended = plan.AddMeasure("(3)-9", policy, "9", "終了した事業", null);
        ended.AssignDepartment(ena.ResolveDepartment("総務課"));
        ended.End(MeasureStatus.Ended, FiscalYear.Parse("R7"), "事業終期のため、R7以降廃止");
        return (plan, shared, single);
    }

    private static PartContent Content(string results, string? grade = "A", long? budget = null) =>
        new("計画", results, grade, BudgetLine.Of(BudgetAmount.Initial, budget is null ? null : new ThousandYen(budget.Value)), null, "継続", null);

    [Fact]
    public void Opening_a_year_asks_every_running_measure_once_per_department_and_carries_the_plan_forward()
    {
        var (plan, shared, single) = Ena();
        var year = plan.OpenYear(FiscalYear.Parse("R7"), new DateOnly(2026, 5, 31), Now);
        Assert.Equal(ReportingStatus.Open, year.Status);
        Assert.Equal(2, shared.Entries.Single().Parts.Count);
        var entry = single.Entries.Single(e => e.FiscalYear == FiscalYear.Parse("R7"));
        Assert.Single(entry.Parts);
        Assert.Equal("負担金の支出を予定している。", entry.PlannedWork);
        Assert.Equal("負担金の支出を予定している。", entry.Parts.Single().PlannedWork);
        Assert.DoesNotContain(plan.Measures.Single(m => m.Key == "(3)-9").Entries, e => e.FiscalYear == FiscalYear.Parse("R7"));
        var twice = Assert.Throws<DomainException>(() => plan.OpenYear(FiscalYear.Parse("R7"), null, Now));
        Assert.Equal("error.yearAlreadyOpened", twice.Key);
    }

    [Fact]
    public void A_part_moves_from_draft_to_submitted_to_approved_and_can_be_returned()
    {
        var (plan, _, single) = Ena();
        var year = plan.OpenYear(FiscalYear.Parse("R7"), null, Now);
        var part = single.Entries.Single(e => e.FiscalYear == year.FiscalYear).Parts.Single();
        Assert.Equal(PartStatus.NotStarted, part.Status);
        part.SaveDraft(Content("", grade: null), year);
        Assert.Equal(PartStatus.Draft, part.Status);
        var incomplete = Assert.Throws<IncompleteEntryException>(() => part.Submit(year, Now));
        Assert.Equal(["Grade", "Results"], incomplete.Missing);
        part.SaveDraft(Content("実施した。"), year);
        part.Submit(year, Now);
        Assert.Equal(PartStatus.Submitted, part.Status);
        Assert.Throws<DomainException>(() => part.SaveDraft(Content("書き換え"), year));
        Assert.Throws<DomainException>(() => part.Return(" ", year));
        part.Return("回数を追記", year);
        Assert.Equal(PartStatus.Returned, part.Status);
        Assert.Equal("回数を追記", part.ReturnComment);
        Assert.Throws<DomainException>(() => part.Approve(year));
        part.SaveDraft(Content("2回実施した。"), year);
        part.Submit(year, Now);
        Assert.Null(part.ReturnComment);
        var version = part.Version;
        part.Approve(year);
        Assert.Equal(PartStatus.Approved, part.Status);
        Assert.True(part.Version > version);
    }

    [Fact]
    public void A_grade_off_the_scale_is_refused()
    {
        var (plan, _, single) = Ena();
        var year = plan.OpenYear(FiscalYear.Parse("R7"), null, Now);
        var part = single.Entries.Single(e => e.FiscalYear == year.FiscalYear).Parts.Single();
        Assert.Equal("entry.badGrade", Assert.Throws<DomainException>(() => part.SaveDraft(Content("x", grade: "Z"), year)).Key);
    }

    [Fact]
    public void A_shared_measure_is_composed_when_every_part_is_approved()
    {
        var (plan, shared, _) = Ena();
        var year = plan.OpenYear(FiscalYear.Parse("R7"), null, Now);
        var entry = shared.Entries.Single(e => e.FiscalYear == year.FiscalYear);
        var (soumu, fukushi) = (entry.Parts.Single(p => p.Department.Name == "総務課"), entry.Parts.Single(p => p.Department.Name == "社会福祉課"));
        soumu.SaveDraft(Content("会議を開催した。", "A", 100), year);
        soumu.Submit(year, Now);
        soumu.Approve(year);
        Assert.Null(entry.Results);
        fukushi.SaveDraft(Content("会議を開催した。", "C", 50), year);
        fukushi.Submit(year, Now);
        fukushi.Approve(year);
        Assert.Equal("会議を開催した。（総務課、社会福祉課）", entry.Results);
        Assert.Equal("C", entry.Grade);
        Assert.Equal(new ThousandYen(150), entry.InitialBudget);
        Assert.Null(entry.FinalBudget);
    }

    [Fact]
    public void A_year_locks_only_when_every_part_is_approved_and_publishes_only_when_locked()
    {
        var (plan, _, single) = Ena();
        var year = plan.OpenYear(FiscalYear.Parse("R7"), new DateOnly(2026, 5, 31), Now);
        var parts = plan.Measures.SelectMany(m => m.Entries).Where(e => e.FiscalYear == year.FiscalYear).SelectMany(e => e.Parts).ToList();
        Assert.Equal("error.publishNeedsLock", Assert.Throws<DomainException>(() => year.Publish(Now)).Key);
        var refused = Assert.Throws<DomainException>(() => year.Lock(parts, Now));
        Assert.Equal("error.notAllApproved", refused.Key);
        Assert.Equal(3, refused.Arguments[0]);
        foreach (var part in parts)
        {
            part.SaveDraft(Content("実施した。"), year);
            part.Submit(year, Now);
            part.Approve(year);
        }
        year.Lock(parts, Now);
        Assert.Throws<DomainException>(() => parts[0].SaveDraft(Content("確定後"), year));
        year.Publish(Now);
        Assert.Contains(FiscalYear.Parse("R7"), plan.PublishedYears);
        Assert.False(year.IsOverdue(new DateOnly(2026, 6, 1)), "a published year is never overdue");
    }

    [Fact]
    public void An_open_year_is_overdue_after_its_deadline()
    {
        var (plan, _, _) = Ena();
        var year = plan.OpenYear(FiscalYear.Parse("R7"), new DateOnly(2026, 5, 31), Now);
        Assert.False(year.IsOverdue(new DateOnly(2026, 5, 31)));
        Assert.True(year.IsOverdue(new DateOnly(2026, 6, 1)));
    }

    [Fact]
    public void Loaded_documents_publish_the_years_they_report_but_not_years_with_targets_only()
    {
        var (plan, _, single) = Ena();
        single.EntryFor(FiscalYear.Parse("R8")).Target = "目標";
        plan.RecordPublishedYears();
        Assert.Equal([FiscalYear.Parse("R6")], plan.PublishedYears);
    }
}
