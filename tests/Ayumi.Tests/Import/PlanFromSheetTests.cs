using Ayumi.Domain;
using Ayumi.Features.Import;
using Ayumi.Features.Import.Reading;
using Ayumi.Features.Plans;

namespace Ayumi.Tests.Import;

/// <summary>What the wizard proposes for a sheet that starts its plan: the period from its years, the levels from its rows, the scale from its grades.</summary>
public class PlanFromSheetTests
{
    private static readonly FiscalYear Today = new(2025);

    private static PlanSettingsForm Propose(string sheet, params Plan[] plans)
    {
        var organisation = plans.FirstOrDefault()?.Organisation ?? new Organisation(LocalGovernmentCode.Parse("212105"), "恵那市");
        var report = PlanImporter.Run(new Organisation(organisation.Code, organisation.Name),
            WorkbookReader.Read("sheet.tsv", new MemoryStream(System.Text.Encoding.UTF8.GetBytes(sheet)), ReadLimits.Default), new ImportOptions());
        return PlanFromSheet.Propose(organisation, organisation.Plans, report, null, null, Today);
    }

    [Theory]
    [InlineData("A(予定通り進行)|D(その他)", "A-D")]
    [InlineData("A|B|C", "A-D")]
    [InlineData("S|A|B", "S-C")]
    [InlineData("◎|○|×", "circles")]
    [InlineData("5|3|1", "1-5")]
    [InlineData("G|H", "eight")]
    public void The_first_ready_made_scale_that_reads_every_grade_found_is_proposed(string grades, string scale) =>
        Assert.Equal(scale, ReadyMadeGradeScale.ReadingAll(grades.Split('|'))?.Key);

    [Fact]
    public void A_sheet_of_one_year_proposes_five_years_from_it_its_levels_and_a_scale_of_its_own_grades_when_no_ready_made_scale_reads_them()
    {
        var form = Propose("番号\t取組\t所管課\t令6評価\n1-1\t就労支援\t商工課\t優(十分)\n1-2\t住居支援\t建築課\t可\n");

        Assert.Equal(("恵那市再犯防止推進計画", 1, "令和6年度", "令和10年度"), (form.Name, form.Generation, form.PeriodStart, form.PeriodEnd));
        Assert.Equal(("基本目標", "取組"), (form.Levels, form.MeasureLevel));
        Assert.Equal(PlanSettingsForm.CustomScale, form.Scale);
        Assert.Equal([("優", "十分"), ("可", "可")], form.Grades.Select(g => (g.Symbol, g.Label)).OrderBy(g => g.Symbol == "可"));
        Assert.All(form.Grades, g => Assert.Null(g.Meaning));
    }

    [Fact]
    public void A_second_plan_from_a_sheet_is_named_and_numbered_after_the_first()
    {
        var organisation = new Organisation(LocalGovernmentCode.Parse("212105"), "恵那市");
        var first = organisation.AddPlan("恵那市再犯防止推進計画", 1, new FiscalYear(2019), new FiscalYear(2023));

        var form = Propose("番号\t取組\t所管課\tR6評価\tR7評価\n1\t就労支援\t商工課\tA\tB\n", first);

        Assert.Equal(("第2次恵那市再犯防止推進計画", 2, "令和6年度", "令和10年度"), (form.Name, form.Generation, form.PeriodStart, form.PeriodEnd));
        Assert.Equal(ReadyMadeGradeScale.EnaAtoD.Key, form.Scale);
    }
}
