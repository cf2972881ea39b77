using Ayumi.Domain;

namespace Ayumi.Tests.Domain;

public class PlanRulesTests
{
    private static (Organisation Organisation, Plan Plan, PlanNode Policy) Ena()
    {
        var ena = new Organisation(LocalGovernmentCode.Parse("212105"), "恵那市");
        var plan = ena.AddPlan("恵那市再犯防止推進計画", 1, FiscalYear.Parse("R6"), FiscalYear.Parse("R7"));
        plan.SetLevels([new("具体的な取り組み", null), new("事業", null)]);
        return (ena, plan, plan.AddNode(null, "(1)", "住居・就労の確保など"));
    }

    [Fact]
    public void A_relisted_measure_is_one_measure_with_two_listings()
    {
        var (_, plan, policy) = Ena();
        var other = plan.AddNode(null, "(2)", "高齢者または障がい者への支援");
        var measure = plan.AddMeasure("(1)-1", policy, "1", "生活保護", null);
        measure.ListUnder(other, "3", isRelisting: true);
        Assert.Single(plan.Measures);
        Assert.True(measure.IsRelisted);
        Assert.Equal("1", measure.PrimaryPlacement.Code);
        Assert.Throws<DomainException>(() => measure.ListUnder(other, "4", isRelisting: true));
        Assert.Throws<DomainException>(() => measure.ListUnder(plan.AddNode(null, "(3)", "x"), "1", isRelisting: false));
    }

    [Fact]
    public void Grades_must_be_on_the_plan_scale()
    {
        var (_, plan, policy) = Ena();
        var entry = plan.AddMeasure("(1)-1", policy, "1", "生活保護", null).EntryFor(FiscalYear.Parse("R6"));
        entry.SetGrade("A");
        Assert.Equal("A", entry.Grade);
        var error = Assert.Throws<DomainException>(() => entry.SetGrade("Z"));
        Assert.Contains("A, B, C, D", error.Message);
    }

    [Fact]
    public void Measures_sit_only_at_the_measure_level_and_codes_are_unique()
    {
        var (_, plan, policy) = Ena();
        Assert.Throws<DomainException>(() => plan.AddNode(policy, "(1)-1", "too deep"));
        Assert.Throws<DomainException>(() => plan.AddNode(null, "(1)", "duplicate"));
        plan.AddMeasure("(1)-1", policy, "1", "a", null);
        Assert.Throws<DomainException>(() => plan.AddMeasure("(1)-1", policy, "1", "b", null));
    }

    [Fact]
    public void An_ended_measure_no_longer_runs_from_its_end_year()
    {
        var (_, plan, policy) = Ena();
        var measure = plan.AddMeasure("(1)-1", policy, "1", "a", null);
        measure.End(MeasureStatus.Ended, FiscalYear.Parse("R3"), "事業終期のため、R3以降廃止");
        Assert.True(measure.RunsIn(FiscalYear.Parse("R2")));
        Assert.False(measure.RunsIn(FiscalYear.Parse("R3")));
    }

    [Fact]
    public void A_plan_period_cannot_end_before_it_starts()
    {
        var organisation = new Organisation(LocalGovernmentCode.Parse("212105"), "恵那市");
        Assert.Throws<DomainException>(() => organisation.AddPlan("x", 1, FiscalYear.Parse("R7"), FiscalYear.Parse("R6")));
        Assert.Throws<DomainException>(() => organisation.AddPlan("x", 0, FiscalYear.Parse("R6"), FiscalYear.Parse("R7")));
    }

    [Fact]
    public void Text_written_for_several_departments_splits_into_each_departments_part()
    {
        var parts = YearlyEntry.SplitByDepartment(
            "活用等により支援を実施する。（福祉総務課） 定着支援にも努めていく。（保護第一課、保護第二課）",
            ["福祉総務課", "保護第一課", "保護第二課"]);
        Assert.Equal(2, parts.Count);
        Assert.Equal(["福祉総務課"], parts[0].Departments);
        Assert.Equal("活用等により支援を実施する。", parts[0].Text);
        Assert.Equal(["保護第一課", "保護第二課"], parts[1].Departments);
        Assert.Equal("定着支援にも努めていく。", parts[1].Text);
    }

    [Fact]
    public void Parentheses_that_name_no_department_do_not_split_the_text()
    {
        var parts = YearlyEntry.SplitByDepartment("相談窓口（常用・パート）を周知する。", ["企業立地雇用課"]);
        Assert.Single(parts);
        Assert.Equal(["企業立地雇用課"], parts[0].Departments);
    }

    [Fact]
    public void Indicator_targets_need_a_value_or_words_and_one_per_year()
    {
        var (_, plan, _) = Ena();
        var indicator = plan.AddIndicator("①", "相談件数", "件");
        indicator.AddTarget(new IndicatorTarget(FiscalYear.Parse("R7"), 10, null, null));
        Assert.Throws<DomainException>(() => indicator.AddTarget(new IndicatorTarget(FiscalYear.Parse("R7"), 12, null, null)));
        Assert.Throws<DomainException>(() => indicator.AddTarget(new IndicatorTarget(FiscalYear.Parse("R6"), null, " ", null)));
        Assert.Throws<DomainException>(() => indicator.SetBaseline(FiscalYear.Parse("R3"), FiscalYear.Parse("H29"), 1, null));
    }
}
