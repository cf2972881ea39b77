using Ayumi.Domain;
using Ayumi.Domain.WrittenForms;

namespace Ayumi.Tests.Domain;

/// <summary>
/// The years of baselines and targets as the documents write them (<see cref="YearSpanText"/>), and the rules of the whole
/// series: actuals before the baseline, targets averaged over a span, monitoring indicators, decimal places, ratios of
/// cumulative indicators, deletion and archiving. Expected values are computed by hand in the comments.
/// </summary>
public class IndicatorSeriesRulesTests
{
    [Theory]
    [InlineData("R4〜R8の平均", 2022, 2026)]
    [InlineData("H29〜R3平均", 2017, 2021)]
    [InlineData("令和9年度末", 2027, 2027)]
    [InlineData("Ｒ４～Ｒ８の平均", 2022, 2026)]
    [InlineData("令和4年度〜令和8年度の平均", 2022, 2026)]
    [InlineData("（H29〜R3平均）", 2017, 2021)]
    [InlineData("2022-2026年度平均", 2022, 2026)]
    [InlineData("R8", 2026, 2026)]
    [InlineData("令和元年度", 2019, 2019)]
    public void The_documents_years_of_a_baseline_or_target_are_read(string written, int from, int to)
    {
        Assert.True(YearSpanText.TryParse(written, out var span));
        Assert.Equal(new YearSpan(new FiscalYear(from), new FiscalYear(to)), span);
        Assert.Equal(from != to, span.IsSpan);
    }

    [Theory]
    [InlineData("R8〜R4の平均")]
    [InlineData("平均")]
    [InlineData("R4〜")]
    [InlineData("R4〜R6〜R8の平均")]
    [InlineData("多数")]
    [InlineData("")]
    public void What_is_not_a_year_or_a_span_is_refused(string written) => Assert.False(YearSpanText.TryParse(written, out _));

    [Fact]
    public void A_span_is_written_back_as_the_documents_write_it_and_read_again()
    {
        var span = new YearSpan(new FiscalYear(2022), new FiscalYear(2026));
        Assert.Equal("R4〜R8の平均", span.ToString());
        Assert.True(YearSpanText.TryParse(span.ToString(), out var read));
        Assert.Equal(span, read);
    }

    private static Plan Plan() => new Organisation(LocalGovernmentCode.Parse("280003"), "兵庫県").AddPlan("計画", 1, new FiscalYear(2022), new FiscalYear(2026));

    /// <summary>
    /// 再犯者数, lower is better: baseline 100 in FY2021 (R3), target R4〜R8の平均 90. Actuals 130, 120, 110 (FY2018–2020, before
    /// the baseline), 100 (FY2021), then 95, 90, 85, 80 (FY2022–2025): eight years.
    /// </summary>
    public static Indicator Reoffenders(Plan plan)
    {
        var indicator = plan.AddIndicator("①", "再犯者数", "人");
        indicator.Direction = IndicatorDirection.LowerIsBetter;
        indicator.SetBaseline(new FiscalYear(2021), null, 100, null);
        indicator.AddTarget(new IndicatorTarget(new FiscalYear(2026), 90, null, null, new FiscalYear(2022)));
        foreach (var (year, value) in new[] { (2018, 130m), (2019, 120m), (2020, 110m), (2021, 100m), (2022, 95m), (2023, 90m), (2024, 85m), (2025, 80m) })
            indicator.RecordActual(new FiscalYear(year), value, null);
        return indicator;
    }

    [Fact]
    public void Actuals_before_the_baseline_are_kept_and_only_the_span_counts_toward_an_averaged_target()
    {
        var indicator = Reoffenders(Plan());
        Assert.Equal(8, indicator.Series().Count);
        // As of FY2025: (95 + 90 + 85 + 80) ÷ 4 = 87.5; achievement (87.5 − 100) ÷ (90 − 100) = 1.25; the span lacks FY2026: on track.
        var assessment = indicator.Assess(new FiscalYear(2025));
        Assert.Equal(87.5m, assessment.Current);
        Assert.Equal(1.25m, assessment.Progress);
        Assert.Equal(IndicatorStatus.OnTrack, assessment.Status);
        Assert.Equal(100m, assessment.Baseline);
        // As of FY2022 alone: 95 is above 90, behind; achievement (95 − 100) ÷ (90 − 100) = 0.5.
        var first = indicator.Assess(new FiscalYear(2022));
        Assert.Equal(95m, first.Current);
        Assert.Equal(0.5m, first.Progress);
        Assert.Equal(IndicatorStatus.Behind, first.Status);
    }

    [Fact]
    public void An_averaged_target_is_achieved_once_the_whole_span_is_measured_though_its_last_year_misses_it()
    {
        var indicator = Reoffenders(Plan());
        indicator.RecordActual(new FiscalYear(2026), 92, null);
        // (95 + 90 + 85 + 80 + 92) ÷ 5 = 88.4 ≤ 90: achieved, though FY2026 alone (92) is short of 90.
        var assessment = indicator.Assess(new FiscalYear(2026));
        Assert.Equal(88.4m, assessment.Current);
        Assert.Equal(IndicatorStatus.Achieved, assessment.Status);
        Assert.Equal(1.16m, assessment.Progress); // (88.4 − 100) ÷ (90 − 100)
    }

    [Fact]
    public void A_monitoring_indicator_takes_no_target_and_has_its_latest_value_without_status_or_achievement()
    {
        var plan = Plan();
        var indicator = plan.AddIndicator("参1", "刑法犯検挙人員", "人");
        indicator.SetBaseline(new FiscalYear(2021), null, 500, null);
        indicator.MonitorOnly(true);
        indicator.RecordActual(new FiscalYear(2019), 540, null);
        indicator.RecordActual(new FiscalYear(2023), 470, null);
        var assessment = indicator.Assess(new FiscalYear(2026));
        Assert.Equal(IndicatorStatus.NoTarget, assessment.Status);
        Assert.Equal(470m, assessment.Current);
        Assert.Null(assessment.Progress);
        var refused = Assert.Throws<DomainException>(() => indicator.AddTarget(new IndicatorTarget(new FiscalYear(2026), 400, null, null)));
        Assert.Equal("indicator.monitoringWithTargets", refused.Key);
    }

    [Fact]
    public void A_ratio_is_rounded_to_the_decimal_places_its_definition_sets()
    {
        var plan = Plan();
        var reoffenders = plan.AddIndicator("①", "再犯者数", "人");
        var arrested = plan.AddIndicator("②", "検挙人員", "人");
        var rate = plan.AddIndicator("③", "再犯者率", "%");
        foreach (var part in new[] { reoffenders, arrested }) part.SetBaseline(new FiscalYear(2021), null, 1, null);
        rate.SetBaseline(new FiscalYear(2021), null, 1, null);
        reoffenders.RecordActual(new FiscalYear(2022), 469, null);
        arrested.RecordActual(new FiscalYear(2022), 1000, null);
        rate.SetDecimalPlaces(1);
        rate.DeriveAsRatio(reoffenders, arrested, 100);
        // 469 ÷ 1000 × 100 = 46.9 exactly; 2 ÷ 3 × 100 = 66.666… → 66.7 at one decimal.
        Assert.Equal(46.9m, rate.Series().Single().Value);
        arrested.RecordActual(new FiscalYear(2022), 1500, null);
        reoffenders.RecordActual(new FiscalYear(2022), 1000, null);
        Assert.Equal(66.7m, rate.Series().Single().Value);
        Assert.Equal("66.7", rate.Format(rate.Series().Single().Value));
        Assert.Equal("1,000.0", rate.Format(1000m));
        rate.SetDecimalPlaces(0);
        Assert.Equal("67", rate.Format(66.7m));
        Assert.Equal("indicator.decimalPlaces", Assert.Throws<DomainException>(() => rate.SetDecimalPlaces(5)).Key);
    }

    [Fact]
    public void A_ratio_of_cumulative_indicators_takes_yearly_counts_or_running_totals_as_its_definition_says()
    {
        var plan = Plan();
        var employed = plan.AddIndicator("①", "就職者数", "人");
        var supported = plan.AddIndicator("②", "支援対象者数", "人");
        foreach (var (part, baseline) in new[] { (employed, 10m), (supported, 40m) })
        {
            part.SetKind(IndicatorKind.Cumulative);
            part.SetBaseline(new FiscalYear(2021), null, baseline, null);
        }
        employed.RecordActual(new FiscalYear(2022), 5, null);
        employed.RecordActual(new FiscalYear(2023), 15, null);
        supported.RecordActual(new FiscalYear(2022), 10, null);
        supported.RecordActual(new FiscalYear(2023), 50, null);
        var rate = plan.AddIndicator("③", "就職率", "%");
        rate.SetBaseline(new FiscalYear(2021), null, 25, null);
        rate.SetDecimalPlaces(1);
        rate.DeriveAsRatio(employed, supported, 100);
        // Yearly counts: 5 ÷ 10 = 50.0%, 15 ÷ 50 = 30.0%.
        Assert.Equal([50m, 30m], rate.Series().Select(x => x.Value));
        rate.TakeRatioOf(RatioBasis.RunningTotals);
        // Running totals: 10 ÷ 40 = 25.0% (FY2021), 15 ÷ 50 = 30.0%, 30 ÷ 100 = 30.0%.
        Assert.Equal([(new FiscalYear(2021), 25m), (new FiscalYear(2022), 30m), (new FiscalYear(2023), 30m)], rate.Series());
    }

    [Fact]
    public void An_indicator_with_actuals_is_archived_and_one_without_is_deleted_and_neither_without_a_reason()
    {
        var plan = Plan();
        var counted = Reoffenders(plan);
        var empty = plan.AddIndicator("②", "相談件数", "件");
        Assert.Equal("indicator.reasonMissing", Assert.Throws<DomainException>(() => plan.RemoveIndicator(empty, " ")).Key);
        Assert.True(plan.RemoveIndicator(counted, "統計の定義が変わったため"));
        Assert.True(counted.IsArchived);
        Assert.Equal(8, counted.Actuals.Count);
        Assert.Contains(counted, plan.Indicators);
        Assert.False(plan.RemoveIndicator(empty, "重複して登録したため"));
        Assert.DoesNotContain(empty, plan.Indicators);
        Assert.Equal("indicator.reasonMissing", Assert.Throws<DomainException>(() => counted.RemoveActual(new FiscalYear(2018), "")).Key);
        counted.RemoveActual(new FiscalYear(2018), "誤入力");
        Assert.Equal(7, counted.Actuals.Count);
    }

    [Fact]
    public void A_cumulative_indicator_cannot_have_a_target_averaged_over_years()
    {
        var indicator = Plan().AddIndicator("①", "協力雇用主数", "社");
        indicator.SetKind(IndicatorKind.Cumulative);
        var refused = Assert.Throws<DomainException>(() => indicator.AddTarget(new IndicatorTarget(new FiscalYear(2026), 90, null, null, new FiscalYear(2022))));
        Assert.Equal("indicator.averagedCumulative", refused.Key);
    }
}
