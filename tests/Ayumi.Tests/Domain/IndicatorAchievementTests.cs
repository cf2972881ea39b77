using Ayumi.Domain;

namespace Ayumi.Tests.Domain;

/// <summary>Achievement: 0 at the baseline, 1 at the target, whichever way the target lies.</summary>
public class IndicatorAchievementTests
{
    private static Indicator Indicator(decimal baseline, decimal? target, params (int Year, decimal Value)[] actuals)
    {
        var plan = new Organisation(LocalGovernmentCode.Parse("280003"), "兵庫県").AddPlan("計画", 1, new FiscalYear(2019), new FiscalYear(2021));
        var indicator = plan.AddIndicator("①", "指標", "件");
        indicator.SetBaseline(new FiscalYear(2017), null, baseline, null);
        indicator.AddTarget(new IndicatorTarget(new FiscalYear(2021), target, target is null ? "全国平均以上" : null, null));
        foreach (var (year, value) in actuals) indicator.RecordActual(new FiscalYear(year), value, null);
        return indicator;
    }

    [Fact]
    public void Halfway_from_baseline_to_target_is_half_achieved() =>
        Assert.Equal(0.5m, Indicator(23, 63, (2019, 43)).Achievement(new FiscalYear(2021)));

    [Fact]
    public void A_fall_toward_a_lower_target_counts_as_progress() =>
        Assert.Equal(0.25m, Indicator(100, 60, (2020, 90)).Achievement(new FiscalYear(2021)));

    [Fact]
    public void Beyond_the_target_is_more_than_one() =>
        Assert.Equal(1.5m, Indicator(0, 10, (2020, 15)).Achievement(new FiscalYear(2021)));

    [Fact]
    public void The_latest_actual_up_to_the_year_is_used() =>
        Assert.Equal(0.2m, Indicator(0, 10, (2019, 2), (2021, 9)).Achievement(new FiscalYear(2020)));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void No_actual_or_a_target_equal_to_the_baseline_has_no_achievement(bool equalTarget) =>
        Assert.Null((equalTarget ? Indicator(5, 5, (2020, 6)) : Indicator(5, 10)).Achievement(new FiscalYear(2021)));

    [Fact]
    public void A_qualitative_target_has_no_computed_achievement() =>
        Assert.Null(Indicator(5, null, (2020, 6)).Achievement(new FiscalYear(2021)));
}
