using Ayumi.Domain;

namespace Ayumi.Tests.Domain;

/// <summary>A plan's settings on the web: the ready-made scales, and what may change until the first year is published.</summary>
public class PlanSettingsRulesTests
{
    private static readonly GradeScale AtoD = ReadyMadeGradeScale.EnaAtoD.Scale;

    private static PlanSettings Settings(string name = "恵那市再犯防止推進計画", string from = "R6", string to = "R10", GradeScale? scale = null, Plan? predecessor = null, params string[] levels) =>
        new(name, 1, FiscalYear.Parse(from), FiscalYear.Parse(to), (levels.Length > 0 ? levels : ["基本目標", "施策", "取組"]).Select(l => new PlanLevel(l)).ToList(), scale ?? AtoD, predecessor);

    [Fact]
    public void Every_ready_made_scale_gives_each_grade_a_meaning_and_none_grades_nothing()
    {
        Assert.Equal(["A-D", "circles", "S-C", "eight", "1-5", "none"], ReadyMadeGradeScale.All.Select(s => s.Key));
        Assert.All(ReadyMadeGradeScale.All.SelectMany(s => s.Scale.Grades), g => Assert.NotNull(g.Meaning));
        Assert.Equal(["予定通り進行", "予定を変更、修正して進行", "予定通り進行していない", "その他"], AtoD.Grades.Select(g => g.Label));
        Assert.Equal(GradeMeaning.NotJudged, AtoD.Find("D")!.Meaning);
        var eight = ReadyMadeGradeScale.Find("EIGHT")!.Scale;
        Assert.Equal(8, eight.Grades.Count);
        Assert.Equal(["事業完了", "中止", "評価困難"], eight.Grades.Where(g => g.Label is "事業完了" or "中止" or "評価困難").Select(g => g.Label));
        var none = ReadyMadeGradeScale.Find("none")!.Scale;
        Assert.False(none.IsGraded);
        Assert.Null(none.ReadCell(""));
        Assert.Throws<FormatException>(() => none.ReadCell("A"));
    }

    [Fact]
    public void A_plan_created_on_the_web_is_a_draft_with_its_settings()
    {
        var ena = new Organisation(LocalGovernmentCode.Parse("212105"), "恵那市");
        var plan = ena.CreatePlan(Settings(scale: ReadyMadeGradeScale.Find("circles")!.Scale, levels: ["基本目標", "事業"]));
        Assert.Equal(PlanStatus.Draft, plan.Status);
        Assert.Equal(("令和6年度～令和10年度", 1, "事業"), (plan.PeriodLabel, plan.NodeDepth, plan.Levels[^1].Name));
        Assert.Equal("◎", plan.Grades[0].Symbol);
        Assert.Equal("error.planNameTaken", Assert.Throws<DomainException>(() => ena.CreatePlan(Settings())).Key);
        Assert.Equal("planSettings.levels", Assert.Throws<DomainException>(() => ena.CreatePlan(Settings(name: "x", levels: ["取組"]))).Key);
        Assert.Equal("domain.planPeriod", Assert.Throws<DomainException>(() => ena.CreatePlan(Settings(name: "x", from: "R10", to: "R6"))).Key);
        Assert.Equal("planSettings.gradeIncomplete", Assert.Throws<DomainException>(() => ena.CreatePlan(Settings(name: "x", scale: new GradeScale([new("A", "良い")])))).Key);
    }

    [Fact]
    public void Settings_change_until_a_year_is_published_and_then_are_refused()
    {
        var ena = new Organisation(LocalGovernmentCode.Parse("212105"), "恵那市");
        var first = ena.AddPlan("第1次計画", 1, FiscalYear.Parse("R1"), FiscalYear.Parse("R5"));
        var plan = ena.CreatePlan(Settings());
        plan.ChangeSettings(Settings(name: "第2次恵那市再犯防止推進計画", from: "令和6年度", to: "FY2029", scale: ReadyMadeGradeScale.Find("1-5")!.Scale, predecessor: first));
        Assert.Equal(("第2次恵那市再犯防止推進計画", new FiscalYear(2029), "5", first), (plan.Name, plan.PeriodEnd, plan.Grades[0].Symbol, plan.Predecessor));
        Assert.Equal("planSettings.predecessorCycle", Assert.Throws<DomainException>(() => first.ChangeSettings(Settings(name: "第1次計画", from: "R1", to: "R5", predecessor: plan))).Key);

        var policy = plan.AddDraftNode(plan.AddDraftNode(null, "1", "基本目標1", null), "1-1", "施策1", null);
        var measure = plan.AddMeasure("1", policy, "1", "生活保護", null);
        Assert.Equal("planSettings.levelsInUse", Assert.Throws<DomainException>(() => plan.ChangeSettings(Settings(levels: ["施策", "取組"]))).Key);
        plan.ChangeSettings(plan.Settings with { Levels = [new("基本方針"), new("施策の方向性"), new("事業")] });
        Assert.Equal("基本方針", plan.Levels[0].Name);

        measure.EntryFor(FiscalYear.Parse("R6")).Results = "実施した。";
        Assert.Equal("planSettings.yearInUse", Assert.Throws<DomainException>(() => plan.ChangeSettings(plan.Settings with { PeriodStart = FiscalYear.Parse("R7") })).Key);
        measure.EntryFor(FiscalYear.Parse("R6")).SetGrade("5");
        Assert.Equal("planSettings.gradesInUse", Assert.Throws<DomainException>(() => plan.ChangeSettings(plan.Settings with { GradeScale = AtoD })).Key);
        Assert.False(plan.SettingsLocked);
        plan.RecordPublishedYears();
        Assert.True(plan.SettingsLocked);
        Assert.Equal("planSettings.locked", Assert.Throws<DomainException>(() => plan.ChangeSettings(plan.Settings with { Name = "改名" })).Key);
    }
}
