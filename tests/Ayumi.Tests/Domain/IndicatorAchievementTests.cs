using Ayumi.Domain;

namespace Ayumi.Tests.Domain;

/// <summary>
/// Achievement and status (<see cref="IndicatorAssessment"/>) against hand-computed values, for
/// every direction and kind. The plan runs FY2019–FY2021; the baseline is FY2017 unless a test says otherwise.
/// </summary>
public class IndicatorAchievementTests
{
    private static readonly FiscalYear Fy2017 = new(2017), Fy2019 = new(2019), Fy2020 = new(2020), Fy2021 = new(2021);

    private static Indicator Indicator(decimal? baseline, decimal? target, IndicatorKind kind = IndicatorKind.Snapshot,
        IndicatorDirection direction = IndicatorDirection.HigherIsBetter, string unit = "件", params (int Year, decimal Value)[] actuals)
    {
        var plan = new Organisation(LocalGovernmentCode.Parse("280003"), "兵庫県").AddPlan("計画", 1, Fy2019, Fy2021);
        var indicator = plan.AddIndicator("①", "指標", unit);
        indicator.SetKind(kind);
        indicator.Direction = direction;
        if (baseline is not null) indicator.SetBaseline(Fy2017, null, baseline, null);
        indicator.AddTarget(new IndicatorTarget(Fy2021, target, target is null ? "全国平均以上" : null, null));
        foreach (var (year, value) in actuals) indicator.RecordActual(new FiscalYear(year), value, null);
        return indicator;
    }

    // Higher is better, snapshot: baseline 23 (2017), target 63 (2021); the path rises 10 a year: 2019 → 43, 2020 → 53.
    [Theory]
    [InlineData(2019, 43, 0.5, 43, IndicatorStatus.OnTrack)]
    [InlineData(2019, 48, 0.625, 43, IndicatorStatus.OnTrack)]
    [InlineData(2020, 43, 0.5, 53, IndicatorStatus.Behind)]
    [InlineData(2020, 63, 1.0, 53, IndicatorStatus.Achieved)]
    [InlineData(2020, 73, 1.25, 53, IndicatorStatus.Achieved)]
    [InlineData(2019, 13, -0.25, 43, IndicatorStatus.Behind)]
    public void Higher_is_better_snapshot_is_measured_from_baseline_to_target(int year, decimal actual, decimal progress, decimal expected, IndicatorStatus status)
    {
        var assessment = Indicator(23, 63, actuals: [(year, actual)]).Assess(Fy2021);
        Assert.Equal(progress, assessment.Progress);
        Assert.Equal(expected, assessment.Expected);
        Assert.Equal(status, assessment.Status);
        Assert.Equal(actual, assessment.Current);
    }

    // Lower is better: baseline 100, target 60 (2021); the path falls 10 a year: 2019 → 80, 2020 → 70.
    [Theory]
    [InlineData(2019, 90, 0.25, IndicatorStatus.Behind)]
    [InlineData(2019, 80, 0.5, IndicatorStatus.OnTrack)]
    [InlineData(2020, 65, 0.875, IndicatorStatus.OnTrack)]
    [InlineData(2020, 60, 1.0, IndicatorStatus.Achieved)]
    [InlineData(2021, 110, -0.25, IndicatorStatus.Behind)]
    public void Lower_is_better_counts_a_fall_as_progress(int year, decimal actual, decimal progress, IndicatorStatus status)
    {
        var assessment = Indicator(100, 60, direction: IndicatorDirection.LowerIsBetter, actuals: [(year, actual)]).Assess(Fy2021);
        Assert.Equal(progress, assessment.Progress);
        Assert.Equal(status, assessment.Status);
    }

    [Fact]
    public void Cumulative_indicators_add_each_years_count_to_the_baseline_total()
    {
        // Hyogo ② リーダー養成数(累計): 3,816 in 2017, 8,572 by 2021 (4,756 to add: 1,189 a year on the path).
        var indicator = Indicator(3816, 8572, IndicatorKind.Cumulative, actuals: [(2018, 1000), (2019, 1500), (2020, 1300)]);
        var assessment = indicator.Assess(Fy2020);
        Assert.Equal(3816 + 1000 + 1500 + 1300, assessment.Current);
        Assert.Equal(Fy2020, assessment.MeasuredIn);
        Assert.Equal(3816 + 4756m * 3 / 4, assessment.Expected);
        Assert.Equal(3800m / 4756m, assessment.Progress);
        Assert.Equal(IndicatorStatus.OnTrack, assessment.Status);
        Assert.Equal(3816 + 1000 + 1500, indicator.Assess(Fy2019).Current);
    }

    [Fact]
    public void A_cumulative_total_with_a_missing_year_is_unknown_and_names_the_year()
    {
        var assessment = Indicator(23, 62, IndicatorKind.Cumulative, actuals: [(2018, 5), (2020, 10)]).Assess(Fy2021);
        Assert.Equal(IndicatorStatus.MissingYears, assessment.Status);
        Assert.Equal(new[] { Fy2019 }, assessment.MissingYears);
        Assert.Null(assessment.Current);
        Assert.Null(assessment.Progress);
    }

    [Fact]
    public void A_snapshot_with_missing_years_uses_the_latest_actual()
    {
        var assessment = Indicator(0, 10, actuals: [(2019, 2), (2021, 9)]).Assess(Fy2020);
        Assert.Equal(2m, assessment.Current);
        Assert.Equal(0.2m, assessment.Progress);
        Assert.Equal(Fy2019, assessment.MeasuredIn);
        Assert.Equal(IndicatorStatus.Behind, assessment.Status); // the path is at 5 in 2019
    }

    [Fact]
    public void Actuals_of_the_baseline_year_or_before_do_not_count_as_progress()
    {
        var assessment = Indicator(23, 63, actuals: [(2017, 40)]).Assess(Fy2021);
        Assert.Equal(IndicatorStatus.NotMeasured, assessment.Status);
        Assert.Null(assessment.Progress);
    }

    [Theory]
    [InlineData(5, IndicatorStatus.Achieved)]
    [InlineData(6, IndicatorStatus.Achieved)]
    [InlineData(4, IndicatorStatus.Behind)]
    public void A_target_equal_to_the_baseline_has_no_progress_but_a_status(decimal actual, IndicatorStatus status)
    {
        var assessment = Indicator(5, 5, actuals: [(2020, actual)]).Assess(Fy2021);
        Assert.Null(assessment.Progress);
        Assert.Equal(status, assessment.Status);
    }

    [Theory]
    [InlineData(104, IndicatorStatus.Achieved)]
    [InlineData(100, IndicatorStatus.Achieved)]
    [InlineData(99, IndicatorStatus.Behind)]
    public void A_target_the_baseline_already_exceeds_is_achieved_while_the_value_stays_beyond_it(decimal actual, IndicatorStatus status)
    {
        var assessment = Indicator(105, 100, actuals: [(2020, actual)]).Assess(Fy2021);
        Assert.Null(assessment.Progress);
        Assert.Equal(status, assessment.Status);
    }

    // Keep-level: at most 30 / at least 30 in every year; no progress fraction.
    [Theory]
    [InlineData(IndicatorDirection.AtMost, 30, IndicatorStatus.Achieved)]
    [InlineData(IndicatorDirection.AtMost, 25, IndicatorStatus.Achieved)]
    [InlineData(IndicatorDirection.AtMost, 31, IndicatorStatus.Behind)]
    [InlineData(IndicatorDirection.AtLeast, 30, IndicatorStatus.Achieved)]
    [InlineData(IndicatorDirection.AtLeast, 35, IndicatorStatus.Achieved)]
    [InlineData(IndicatorDirection.AtLeast, 29.9, IndicatorStatus.Behind)]
    public void Keep_level_indicators_are_achieved_while_within_the_level(IndicatorDirection direction, decimal actual, IndicatorStatus status)
    {
        var assessment = Indicator(28, 30, direction: direction, actuals: [(2019, actual)]).Assess(Fy2021);
        Assert.Equal(status, assessment.Status);
        Assert.Null(assessment.Progress);
        Assert.Equal(30m, assessment.Expected);
    }

    [Fact]
    public void A_cumulative_keep_level_indicator_compares_the_running_total()
    {
        var indicator = Indicator(10, 20, IndicatorKind.Cumulative, IndicatorDirection.AtMost, actuals: [(2018, 4), (2019, 7)]);
        Assert.Equal(IndicatorStatus.Achieved, indicator.Assess(Fy2018()).Status);
        Assert.Equal(IndicatorStatus.Behind, indicator.Assess(Fy2019).Status);
        Assert.Equal(14m, indicator.Assess(Fy2018()).Current);
        Assert.Equal(21m, indicator.Assess(Fy2019).Current);
    }

    private static FiscalYear Fy2018() => new(2018);

    [Fact]
    public void Percentages_are_measured_in_points()
    {
        // Hyogo ③: 95.1% → 100%; 97.55% is half way.
        var assessment = Indicator(95.1m, 100, unit: "%", actuals: [(2020, 97.55m)]).Assess(Fy2021);
        Assert.Equal(0.5m, assessment.Progress);
        Assert.Equal(95.1m + 4.9m * 3 / 4, assessment.Expected);
        Assert.Equal(IndicatorStatus.Behind, assessment.Status);
    }

    [Fact]
    public void A_baseline_averaged_over_a_span_is_taken_from_the_actuals_of_its_years()
    {
        var plan = new Organisation(LocalGovernmentCode.Parse("280003"), "兵庫県").AddPlan("計画", 1, new FiscalYear(2022), new FiscalYear(2026));
        var indicator = plan.AddIndicator("①", "再犯者数", "人");
        indicator.Direction = IndicatorDirection.LowerIsBetter;
        indicator.SetBaseline(new FiscalYear(2017), new FiscalYear(2021), null, "H29–R3 平均");
        indicator.AddTarget(new IndicatorTarget(new FiscalYear(2026), 80, null, null));
        foreach (var (year, value) in new[] { (2017, 110m), (2018, 100m), (2019, 100m), (2020, 95m), (2021, 95m) })
            indicator.RecordActual(new FiscalYear(year), value, null);
        Assert.Equal(IndicatorStatus.NotMeasured, indicator.Assess(new FiscalYear(2026)).Status);
        indicator.RecordActual(new FiscalYear(2023), 92, null);

        var assessment = indicator.Assess(new FiscalYear(2026));
        Assert.Equal(100m, assessment.Baseline); // (110+100+100+95+95) / 5
        Assert.Equal(0.4m, assessment.Progress); // (92−100) / (80−100)
        Assert.Equal(92m, assessment.Expected); // the path from 100 (2021) to 80 (2026) is at 92 in 2023
        Assert.Equal(IndicatorStatus.OnTrack, assessment.Status);
    }

    [Fact]
    public void A_span_baseline_with_a_year_missing_is_unknown()
    {
        var plan = new Organisation(LocalGovernmentCode.Parse("280003"), "兵庫県").AddPlan("計画", 1, new FiscalYear(2022), new FiscalYear(2026));
        var indicator = plan.AddIndicator("①", "再犯者数", "人");
        indicator.SetBaseline(new FiscalYear(2017), new FiscalYear(2021), null, null);
        indicator.AddTarget(new IndicatorTarget(new FiscalYear(2026), 80, null, null));
        indicator.RecordActual(new FiscalYear(2017), 110, null);
        indicator.RecordActual(new FiscalYear(2023), 92, null);
        Assert.Equal(IndicatorStatus.NoBaseline, indicator.Assess(new FiscalYear(2026)).Status);
    }

    [Fact]
    public void Intermediate_targets_bend_the_path()
    {
        // 0 (2017) → 40 (2019) → 50 (2021): the path is at 20 in 2018 and 45 in 2020.
        var plan = new Organisation(LocalGovernmentCode.Parse("280003"), "兵庫県").AddPlan("計画", 1, Fy2019, Fy2021);
        var indicator = plan.AddIndicator("①", "指標", "件");
        indicator.SetBaseline(Fy2017, null, 0, null);
        indicator.AddTarget(new IndicatorTarget(Fy2021, 50, null, null));
        indicator.AddTarget(new IndicatorTarget(Fy2019, 40, null, null));
        indicator.RecordActual(Fy2020, 44, null);
        var assessment = indicator.Assess(Fy2021);
        Assert.Equal(45m, assessment.Expected);
        Assert.Equal(0.88m, assessment.Progress);
        Assert.Equal(IndicatorStatus.Behind, assessment.Status);
        Assert.Equal(20m, IndicatorAssessment.PathValue(Fy2017, 0, [(Fy2019, 40m), (Fy2021, 50m)], new FiscalYear(2018)));
        Assert.Equal(50m, IndicatorAssessment.PathValue(Fy2017, 0, [(Fy2019, 40m), (Fy2021, 50m)], new FiscalYear(2023)));
    }

    [Fact]
    public void A_qualitative_target_takes_the_secretariats_judgement()
    {
        var indicator = Indicator(89.0m, null, unit: "%", actuals: [(2020, 91)]);
        Assert.Equal(IndicatorStatus.Unjudged, indicator.Assess(Fy2021).Status);
        indicator.Judge(Fy2020, IndicatorStatus.Achieved);
        var assessment = indicator.Assess(Fy2021);
        Assert.Equal(IndicatorStatus.Achieved, assessment.Status);
        Assert.Null(assessment.Progress);
        indicator.RecordActual(Fy2020, 84, null);
        Assert.Equal(IndicatorStatus.Unjudged, indicator.Assess(Fy2021).Status); // a changed value needs judging again
    }

    [Fact]
    public void A_judgement_needs_a_qualitative_target_and_a_submitted_actual()
    {
        Assert.Throws<DomainException>(() => Indicator(5, 10, actuals: [(2020, 6)]).Judge(Fy2020, IndicatorStatus.Achieved));
        Assert.Throws<DomainException>(() => Indicator(5, null).Judge(Fy2020, IndicatorStatus.Achieved));
        Assert.Throws<DomainException>(() => Indicator(5, null, actuals: [(2020, 6)]).Judge(Fy2020, IndicatorStatus.MissingYears));
    }

    [Fact]
    public void Drafts_do_not_count_until_submitted()
    {
        var indicator = Indicator(0, 10);
        indicator.SaveActual(Fy2020, 8, null, null, ActualState.Draft);
        Assert.Equal(IndicatorStatus.NotMeasured, indicator.Assess(Fy2021).Status);
        Assert.Null(indicator.Assess(Fy2021).Current);
        indicator.SaveActual(Fy2020, 8, null, null, ActualState.Submitted);
        Assert.Equal(0.8m, indicator.Assess(Fy2021).Progress);
        Assert.Single(indicator.Actuals);
    }

    [Fact]
    public void A_ratio_is_computed_year_by_year_from_its_two_indicators()
    {
        var plan = new Organisation(LocalGovernmentCode.Parse("280003"), "兵庫県").AddPlan("計画", 1, Fy2019, Fy2021);
        var reoffenders = plan.AddIndicator("A", "再犯者数", "人");
        var arrested = plan.AddIndicator("B", "検挙人員", "人");
        var rate = plan.AddIndicator("C", "再犯者率", "%");
        rate.DeriveAsRatio(reoffenders, arrested, 100);
        rate.Direction = IndicatorDirection.LowerIsBetter;
        rate.SetBaseline(Fy2017, null, 50, null);
        rate.AddTarget(new IndicatorTarget(Fy2021, 40, null, null));
        foreach (var (year, r, a) in new[] { (2019, 450m, 1000m), (2020, 330m, 750m), (2021, 10m, 0m) })
        {
            reoffenders.RecordActual(new FiscalYear(year), r, null);
            arrested.RecordActual(new FiscalYear(year), a, null);
        }
        Assert.Equal(new[] { (Fy2019, 45m), (Fy2020, 44m) }, rate.Series());
        var assessment = rate.Assess(Fy2021);
        Assert.Equal(44m, assessment.Current);
        Assert.Equal(0.6m, assessment.Progress);
        Assert.Equal(IndicatorStatus.Behind, assessment.Status); // the path is at 42.5 in 2020
        Assert.Throws<DomainException>(() => rate.RecordActual(Fy2021, 30, null));
        Assert.Throws<DomainException>(() => rate.SetKind(IndicatorKind.Cumulative));
    }

    [Fact]
    public void No_actual_or_no_target_is_said_so()
    {
        Assert.Equal(IndicatorStatus.NotMeasured, Indicator(5, 10).Assess(Fy2021).Status);
        var plan = new Organisation(LocalGovernmentCode.Parse("280003"), "兵庫県").AddPlan("計画", 1, Fy2019, Fy2021);
        var untargeted = plan.AddIndicator("①", "指標", "件");
        untargeted.SetBaseline(Fy2017, null, 1, null);
        Assert.Equal(IndicatorStatus.NoTarget, untargeted.Assess(Fy2021).Status);
    }
}

/// <summary>The guards that keep bad indicator data out: they are what the forms and the import report.</summary>
public class IndicatorRulesTests
{
    private static Indicator New(string unit = "件")
    {
        var plan = new Organisation(LocalGovernmentCode.Parse("280003"), "兵庫県").AddPlan("計画", 1, new FiscalYear(2019), new FiscalYear(2021));
        var indicator = plan.AddIndicator("①", "指標", unit);
        indicator.SetBaseline(new FiscalYear(2017), null, 10, null);
        return indicator;
    }

    [Theory]
    [InlineData(2018)]
    [InlineData(2022)]
    public void A_target_year_outside_the_plan_period_is_refused(int year) =>
        Assert.Equal("indicator.targetOutsidePeriod",
            Assert.Throws<DomainException>(() => New().AddTarget(new IndicatorTarget(new FiscalYear(year), 20, null, null))).Key);

    [Fact]
    public void A_single_year_baseline_without_a_value_is_refused() =>
        Assert.Equal("indicator.baselineMissing", Assert.Throws<DomainException>(() => New().SetBaseline(new FiscalYear(2017), null, null, null)).Key);

    [Fact]
    public void A_percentage_cannot_be_cumulative_nor_above_100()
    {
        var indicator = New("%");
        Assert.Equal("indicator.percentCumulative", Assert.Throws<DomainException>(() => indicator.SetKind(IndicatorKind.Cumulative)).Key);
        Assert.Equal("indicator.percentOver", Assert.Throws<DomainException>(() => indicator.RecordActual(new FiscalYear(2020), 100.1m, null)).Key);
    }

    [Fact]
    public void Actuals_after_the_plan_are_refused_and_before_the_baseline_are_recorded()
    {
        var indicator = New();
        Assert.Equal("indicator.actualYear", Assert.Throws<DomainException>(() => indicator.RecordActual(new FiscalYear(2022), 1, null)).Key);
        indicator.RecordActual(new FiscalYear(2016), 1, null);
        Assert.Contains(indicator.Actuals, a => a.FiscalYear == new FiscalYear(2016));
    }

    [Fact]
    public void A_negative_value_and_a_comparison_without_a_series_are_refused()
    {
        Assert.Equal("indicator.negative", Assert.Throws<DomainException>(() => New().RecordActual(new FiscalYear(2020), -1, null)).Key);
        Assert.Equal("indicator.noComparison", Assert.Throws<DomainException>(() => New().RecordActual(new FiscalYear(2020), 1, null, 2)).Key);
    }

    [Theory]
    [InlineData("2,329", 2329)]
    [InlineData("２，３２９", 2329)]
    [InlineData(" 95.1 ", 95.1)]
    [InlineData("2,329件", 2329)]
    public void Values_are_read_as_people_type_them(string text, decimal expected)
    {
        Assert.True(New().TryParseValue(text, out var value, out _));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("", "indicator.valueMissing")]
    [InlineData("多数", "indicator.valueNotNumber")]
    [InlineData("1.2.3", "indicator.valueNotNumber")]
    [InlineData("12人", "indicator.unitMismatch")]
    [InlineData("95%", "indicator.unitMismatch")]
    public void Non_numbers_and_other_units_are_refused_with_a_reason(string text, string key)
    {
        Assert.False(New().TryParseValue(text, out _, out var error));
        Assert.Equal(key, error);
    }
}
