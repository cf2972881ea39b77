using Ayumi.Domain;
using Ayumi.Features.Demo;
using Ayumi.Features.Import.Reading;
using Ayumi.Features.Indicators;
using Ayumi.Domain.WrittenForms;

namespace Ayumi.Tests.Indicators;

/// <summary>Reading an indicator sheet (one row per indicator, one column per year) into Hyogo's plan.</summary>
public class IndicatorSheetTests
{
    private static Plan Hyogo() => DemoData.Read(TestPaths.Demo).Organisations.Single(o => o.Code.Value == "280003").Plans.Single();

    private static Workbook Book(params string[][] rows) =>
        new("hyogo.xlsx", "xlsx", [new Sheet("活動指標", rows.Select((cells, i) => new SheetRow(i + 1, false, cells)).ToList(), [])]);

    private static readonly string[] Header = ["行動", "活動指標", "2017 (H29)", "2019年度実績", "R2", "2021 目標"];

    [Fact]
    public void Values_are_read_per_indicator_and_year_and_the_baseline_and_target_columns_are_left_alone()
    {
        var plan = Hyogo();
        var sheet = IndicatorSheet.Read(Book(
            ["兵庫県 活動指標の実績"],
            Header,
            ["行動1", "①まちづくり防犯グループの結成数 [地域安全課]", "2,329グループ*", "2,400", "２，４５０グループ", "2,500グループ*"],
            ["", "④公立学校における認知したいじめの解消率 [義務教育課]", "89.0% (全国 85.8%)", "90.1%", "", "全国平均以上"],
            ["行動7", "⑩保護観察対象者等への雇用導入支援件数(累計)【新】 [労政福祉課]", "23件", "8", "9件", "62件"]), plan);

        Assert.Empty(sheet.Problems);
        Assert.Equal(["① FY2019 2400", "① FY2020 2450", "④ FY2019 90.1", "⑩ FY2019 8", "⑩ FY2020 9"],
            sheet.Changes.Select(c => $"{c.Indicator.Code} {c.Year} {c.Value}"));
        Assert.Equal(3, sheet.Changes[3].Where.Column); // D: 2019年度実績
        Assert.Equal(5, sheet.Changes[3].Where.Row);

        Assert.True(sheet.Apply());
        var tenth = plan.Indicators.Single(i => i.Code == "⑩");
        Assert.Equal(IndicatorStatus.MissingYears, tenth.Assess(new FiscalYear(2021)).Status); // FY2018 is not in the sheet
        tenth.RecordActual(new FiscalYear(2018), 7, null);
        Assert.Equal(23 + 7 + 8 + 9m, tenth.Assess(new FiscalYear(2021)).Current);
    }

    [Fact]
    public void Years_before_the_baseline_are_recorded_and_span_columns_are_checked_or_left_to_the_targets()
    {
        var plan = Hyogo();
        var first = plan.Indicators.Single(i => i.Code == "①"); // baseline 2,329 in 2017 (H29), target 2,500 in 2021
        var sheet = IndicatorSheet.Read(Book(
            ["行動", "活動指標", "2015", "H28", "2017 (H29)", "基準値（H27〜H28平均）", "令和3年度末", "R1〜R3の平均"],
            ["行動1", "①まちづくり防犯グループの結成数", "2,200", "2,300", "2,329", "2,250", "2,500", "2,450"]), plan);

        // 2015 and 2016 (before the 2017 baseline) are actuals; 2017 repeats the baseline; 令和3年度末 is a target column;
        // H27〜H28 and R1〜R3 are neither the baseline nor a target: named, as warnings, and nothing is made of them.
        Assert.Equal(["① FY2015 2200", "① FY2016 2300"], sheet.Changes.Select(c => $"{c.Indicator.Code} {c.Year} {c.Value}"));
        Assert.Equal(["import.indicator.spanNotRecorded", "import.indicator.spanNotRecorded"], sheet.Problems.Select(p => p.Key));
        Assert.False(sheet.HasErrors);
        Assert.True(sheet.Apply());
        Assert.Equal(2, first.Actuals.Count);

        // A baseline averaged over a span is checked against its column: (2,200 + 2,300) ÷ 2 = 2,250.
        first.SetBaseline(new FiscalYear(2015), new FiscalYear(2016), null, null);
        var again = IndicatorSheet.Read(Book(["行動", "活動指標", "H27〜H28平均", "2019"], ["行動1", "①まちづくり防犯グループの結成数", "2,260", "-"]), plan);
        Assert.Equal(["import.indicator.baselineDiffers"], again.Problems.Select(p => p.Key));
    }

    [Fact]
    public void Every_bad_cell_is_named_with_its_row_and_column_and_nothing_is_applied()
    {
        var plan = Hyogo();
        var sheet = IndicatorSheet.Read(Book(
            Header,
            ["行動1", "①まちづくり防犯グループの結成数", "2,000", "多数", "2,450人", ""],
            ["行動9", "⑯存在しない指標", "1", "2", "3", "4"],
            ["行動3", "③登下校の見守りが行われている公立小学校の割合", "95.1%", "101%", "", ""]), plan);

        var problems = sheet.Problems.Select(p => $"{p.Where.Row}{ColumnLetters.Format(p.Where.Column ?? 0)} {p.Key}").ToList();
        Assert.Equal(["2C import.indicator.baselineDiffers", "2D indicator.valueNotNumber", "2E indicator.unitMismatch", "3B import.indicator.unknown"], problems);
        Assert.True(sheet.HasErrors);
        Assert.Single(sheet.Changes); // ③ 101% is read, and refused when applied
        Assert.False(sheet.Apply());
        Assert.Equal("indicator.percentOver", sheet.Problems[^1].Key);
    }

    [Fact]
    public void A_sheet_without_year_headings_is_refused_whole() =>
        Assert.Equal("import.indicator.noHeader", Assert.Single(IndicatorSheet.Read(Book(["指標", "値"], ["①", "1"]), Hyogo()).Problems).Key);
}
