using Ayumi.Domain;
using Ayumi.Features.Demo;

namespace Ayumi.Tests.Demo;

/// <summary>The five seed documents load with the values they state.</summary>
public class SeedGoldenTests
{
    private static readonly Lazy<List<Organisation>> Organisations = new(() => DemoData.Read(TestPaths.Demo).Organisations);

    private static Organisation Org(string code) => Organisations.Value.Single(o => o.Code.Value == code);

    private static Measure Measure(Plan plan, string code) => plan.Measures.Single(m => m.Placements.Any(p => p.Code == code && !p.IsRelisting));

    [Fact]
    public void All_five_organisations_load_with_their_local_government_codes()
    {
        var names = Organisations.Value.OrderBy(o => o.Code.Value).Select(o => $"{o.Code} {o.Name}");
        Assert.Equal(["040002 宮城県", "052019 秋田市", "132195 狛江市", "212105 恵那市", "280003 兵庫県"], names);
    }

    [Fact]
    public void Ena_has_twelve_measures_nine_graded_A_and_three_graded_D_for_FY2024()
    {
        var plan = Org("212105").Plans.Single();
        var fy2024 = FiscalYear.Parse("FY2024");
        Assert.Equal(12, plan.Measures.Count);
        var grades = plan.Measures.Select(m => m.Entries.Single(e => e.FiscalYear == fy2024).Grade).ToList();
        Assert.Equal(9, grades.Count(g => g == "A"));
        Assert.Equal(3, grades.Count(g => g == "D"));
        Assert.Equal(["(1)", "(2)", "(3)", "(4)"], plan.Nodes.Select(n => n.Code));
        var housing = plan.FindMeasure("(1)-3")!;
        Assert.Equal("市営住宅の受け入れ", housing.Title);
        Assert.Equal("建築住宅課", housing.Departments.Single().Department.Name);
        var elderly = plan.FindMeasure("(2)-1")!;
        Assert.Equal(["高齢福祉課", "地域包括支援センター"], elderly.Departments.Single().Department.Path.Units);
        Assert.Equal(2, plan.FindMeasure("(3)-1")!.Departments.Count);
        var entry = plan.FindMeasure("(1)-4")!.Entries.Single();
        Assert.StartsWith("健康で文化的な最低生活を保障する制度として、95世帯111人", entry.Results);
        Assert.Equal("生活困窮の状況に応じて、生活保護を実施する。", entry.NextYearPlan);
    }

    [Fact]
    public void Miyagi_measure_14_has_its_budgets_in_thousand_yen()
    {
        var plan = Org("040002").Plans.Single(p => p.Generation == 1);
        var measure = plan.FindMeasure("14")!;
        Assert.Equal(new ThousandYen(3_242_800), measure.Entries.Single(e => e.FiscalYear == FiscalYear.Parse("FY2023")).FinalBudget);
        Assert.Equal(new ThousandYen(9_700_000), measure.Entries.Single(e => e.FiscalYear == FiscalYear.Parse("FY2024")).InitialBudget);
        Assert.Equal("住宅課", measure.Departments.Single().Department.Parent!.Name);
    }

    [Fact]
    public void Miyagi_measure_18_is_the_relisting_of_measure_10()
    {
        var plan = Org("040002").Plans.Single(p => p.Generation == 1);
        var relisting = plan.Measures.SelectMany(m => m.Placements).Single(p => p.Code == "18");
        Assert.True(relisting.IsRelisting);
        Assert.Equal("10", relisting.Measure.Key);
        Assert.Equal("地域生活定着支援センター事業", relisting.Measure.Title);
        Assert.Equal("3", relisting.Node.Code);
        Assert.DoesNotContain(plan.Measures, m => m.Key == "18");
    }

    [Fact]
    public void Miyagi_keeps_budget_none_apart_from_zero()
    {
        var plan = Org("040002").Plans.Single(p => p.Generation == 1);
        var fy2023 = FiscalYear.Parse("R5");
        Assert.Null(plan.FindMeasure("7")!.Entries.Single(e => e.FiscalYear == fy2023).FinalBudget);
        Assert.Equal(new ThousandYen(0), plan.FindMeasure("22")!.Entries.Single(e => e.FiscalYear == fy2023).FinalBudget);
    }

    [Fact]
    public void Miyagi_lifecycle_and_second_plan_are_linked()
    {
        var miyagi = Org("040002");
        var first = miyagi.Plans.Single(p => p.Generation == 1);
        var second = miyagi.Plans.Single(p => p.Generation == 2);
        Assert.Same(first, second.Predecessor);
        foreach (var ended in new[] { "3", "13" })
        {
            var measure = first.FindMeasure(ended)!;
            Assert.Equal(MeasureStatus.Ended, measure.Status);
            Assert.Equal(FiscalYear.Parse("R3"), measure.EndedIn);
            Assert.Equal("事業終期のため、R3以降廃止", measure.LifecycleNote);
            Assert.Empty(measure.Entries);
            Assert.Null(measure.NextPlanMeasure);
        }
        Assert.Equal(MeasureStatus.Reorganised, first.FindMeasure("6")!.Status);
        var successor = first.FindMeasure("8")!;
        Assert.Equal(["3", "6"], successor.Predecessors.Select(p => p.Key).Order());
        Assert.Equal(MeasureStatus.Reorganised, successor.Status);
        Assert.StartsWith("みやぎ地域活性化雇用創造プロジェクト", successor.NextPlanMeasure!.Title);
        Assert.Same(second, successor.NextPlanMeasure.Plan);
        foreach (var key in new[] { "15", "16", "17", "24" })
        {
            Assert.Null(first.FindMeasure(key));
            Assert.True(second.FindMeasure(key)!.IsNew);
        }
        Assert.Equal("2", first.FindMeasure("1")!.NextPlanMeasure!.PrimaryPlacement.Node.Code);
        Assert.Equal("就労の確保に関する支援", second.FindNode("2")!.Title);
        Assert.True(second.FindMeasure("10")!.IsRelisted);
    }

    [Fact]
    public void Miyagi_rows_lost_in_extraction_are_reported_not_dropped_silently()
    {
        var (_, warnings) = DemoData.Read(TestPaths.Demo);
        Assert.Contains(warnings, w => w.StartsWith("miyagi-pref.txt:76: Row 76 is neither a measure") && w.Contains("Table with 11 columns"));
        Assert.Contains(warnings, w => w.StartsWith("miyagi-pref.txt:88: Row 88 is neither a measure"));
        Assert.Equal(2, warnings.Count(w => w.StartsWith("miyagi-pref.txt")));
        Assert.Contains(Org("040002").Plans.Single(p => p.Generation == 1).Notes, n => n.Contains("28～35"));
    }

    [Fact]
    public void Akita_shared_measure_has_three_departments_with_their_own_text()
    {
        var plan = Org("052019").Plans.Single();
        var measure = Measure(plan, "1-(1)-⑤");
        Assert.Equal(["福祉総務課", "保護第一課", "保護第二課"], measure.Departments.OrderBy(d => d.Order).Select(d => d.Department.Name));
        var planned = measure.Entries.Single(e => e.FiscalYear == FiscalYear.Parse("令和3年度")).PlannedWork;
        var parts = YearlyEntry.SplitByDepartment(planned, measure.Departments.Select(d => d.Department.Name).ToList());
        Assert.Equal(["福祉総務課"], parts[0].Departments);
        Assert.Equal(["保護第一課", "保護第二課"], parts[1].Departments);
    }

    [Fact]
    public void Akita_relistings_point_at_the_original_measure_and_count_once()
    {
        var plan = Org("052019").Plans.Single();
        var relisting = plan.Measures.SelectMany(m => m.Placements).Single(p => p.Code == "2-(2)-②");
        Assert.True(relisting.IsRelisting);
        Assert.Equal("2-(1)-②", relisting.Measure.PrimaryPlacement.Code);
        Assert.Equal("精神保健福祉に関する相談※再掲", relisting.ListedTitle);
        Assert.Equal(28, plan.Measures.Count + plan.Measures.Sum(m => m.Placements.Count(p => p.IsRelisting)));
        Assert.Equal(23, plan.Measures.Count);
        Assert.True(Measure(plan, "3-(1)-①").IsPrefectureRun);
        Assert.True(Measure(plan, "2-(2)-①").IsPrefectureRun, "relisted as 3-(2)-③ with 【県事業】");
        Assert.False(Measure(plan, "1-(1)-①").IsPrefectureRun);
        Assert.Equal("子ども未来センター・少年指導センター", Measure(plan, "3-(2)-①").Departments.Single().Department.Name);
    }

    [Fact]
    public void Komae_has_its_department_matrix_and_yearly_targets()
    {
        var plan = Org("132195").Plans.Single();
        var shared = plan.FindMeasure("3-3-1")!;
        Assert.Equal(["福祉政策課", "学校教育課"], shared.Departments.OrderBy(d => d.Order).Select(d => d.Department.Name));
        var first = plan.FindMeasure("1-1-1")!;
        Assert.Equal("ホームページ及びチラシの作成", first.Entries.Single(e => e.FiscalYear == FiscalYear.Parse("R6")).Target);
        Assert.Equal("周知先の開拓及び配架", first.Entries.Single(e => e.FiscalYear == FiscalYear.Parse("R7")).Target);
        Assert.Equal(["福祉保健部", "福祉政策課"], first.Departments.Single().Department.Path.Units);
        Assert.Equal(5, plan.Nodes.Count(n => n.Depth == 0));
        Assert.Equal(3, plan.EvaluationBodies.Count);
        Assert.Contains(plan.EvaluationBodies, b => b.Kind == EvaluationKind.Internal && b.Name == "狛江市地域共生社会推進会議");
    }

    [Fact]
    public void Hyogo_indicator_10_has_baseline_target_kind_and_owner()
    {
        var plan = Org("280003").Plans.Single();
        Assert.Equal(15, plan.Indicators.Count);
        var indicator = plan.Indicators.Single(i => i.Code == "⑩");
        Assert.Equal(23m, indicator.BaselineValue);
        Assert.Equal(FiscalYear.Parse("2017年度"), indicator.BaselineFrom);
        var target = Assert.Single(indicator.Targets);
        Assert.Equal(62m, target.Value);
        Assert.Equal(FiscalYear.Parse("FY2021"), target.FiscalYear);
        Assert.Equal(IndicatorKind.Cumulative, indicator.Kind);
        Assert.Equal("労政福祉課", indicator.Owner!.Name);
        Assert.True(indicator.IsNew);
        Assert.Equal("行動7", indicator.Node!.Code);
        var qualitative = plan.Indicators.Single(i => i.Code == "④").Targets.Single();
        Assert.Null(qualitative.Value);
        Assert.Equal("全国平均以上", qualitative.Qualitative);
    }

    /// <summary>The 活動指標 table of hyogo-pref.txt (lines 115–130): code, action, unit, owner, cumulative, new, 2017 baseline, 2021 target.</summary>
    public static TheoryData<string, string, string, string, bool, bool, double, string> HyogoIndicators => new()
    {
        { "①", "行動1", "グループ", "地域安全課", false, false, 2329, "2500" },
        { "②", "行動2", "人", "地域安全課", true, false, 3816, "8572" },
        { "③", "行動3", "%", "体育保健課", false, true, 95.1, "100" },
        { "④", "行動3", "%", "義務教育課", false, false, 89.0, "全国平均以上" },
        { "⑤", "行動4", "市町", "児童課", false, false, 16, "18" },
        { "⑥", "行動5", "回", "消費生活課", true, true, 2234, "5234" },
        { "⑦", "行動5", "人", "障害福祉課", true, false, 9341, "18341" },
        { "⑧", "行動6", "市町", "地域安全課", false, true, 25, "33" },
        { "⑨", "行動6", "件", "地域安全課", true, true, 861, "5840" },
        { "⑩", "行動7", "件", "労政福祉課", true, true, 23, "62" },
        { "⑪", "行動7", "件", "障害福祉課", true, true, 353, "613" },
        { "⑫", "行動8", "カ所", "地域安全課", true, false, 2478, "3891" },
        { "⑬", "行動8", "事業所", "地域安全課", false, false, 9038, "10000" },
        { "⑭", "行動8", "件", "地域安全課", true, false, 3042, "5356" },
        { "⑮", "行動8", "回", "サイバー犯罪対策課", true, false, 2518, "4518" },
    };

    [Theory]
    [MemberData(nameof(HyogoIndicators))]
    public void Hyogo_activity_indicators_load_with_their_baselines_and_targets(string code, string action, string unit, string owner,
        bool cumulative, bool isNew, double baseline, string target)
    {
        var plan = Org("280003").Plans.Single();
        Assert.Equal(15, plan.Indicators.Count);
        var indicator = plan.Indicators.Single(i => i.Code == code);
        Assert.Equal(action, indicator.Node!.Code);
        Assert.Equal(unit, indicator.Unit);
        Assert.Equal(owner, indicator.Owner!.Name);
        Assert.Equal(cumulative ? IndicatorKind.Cumulative : IndicatorKind.Snapshot, indicator.Kind);
        Assert.Equal(IndicatorDirection.HigherIsBetter, indicator.Direction);
        Assert.Equal(isNew, indicator.IsNew);
        Assert.Equal(new FiscalYear(2017), indicator.BaselineFrom);
        Assert.Null(indicator.BaselineTo);
        Assert.Equal((decimal)baseline, indicator.BaselineValue);
        var only = Assert.Single(indicator.Targets);
        Assert.Equal(new FiscalYear(2021), only.FiscalYear);
        if (decimal.TryParse(target, out var value)) Assert.Equal(value, only.Value);
        else Assert.Equal((null, target), (only.Value, only.Qualitative));
        // Nothing is measured yet: the document states baselines and targets only.
        Assert.Equal(IndicatorStatus.NotMeasured, indicator.Assess(new FiscalYear(2021)).Status);
    }

    [Fact]
    public void Hyogo_tree_is_actions_then_pillars_then_measures()
    {
        var plan = Org("280003").Plans.Single();
        Assert.Equal(["行動", "行動の柱", "主な取組"], plan.Levels.Select(l => l.Name));
        Assert.Equal(8, plan.Nodes.Count(n => n.Depth == 0));
        Assert.Equal(new FiscalYear(2019), plan.PeriodStart);
        Assert.Equal(new FiscalYear(2021), plan.PeriodEnd);
        Assert.All(plan.Measures, m => Assert.StartsWith("行動7-", m.PrimaryPlacement.Node.Code));
        Assert.Contains(plan.Measures, m => m.Departments.Count == 4);
    }
}
