using System.Globalization;
using Ayumi.Domain;
using Ayumi.Features.Import;
using Ayumi.Features.Import.Reading;
using Ayumi.Localization;

namespace Ayumi.Tests.Import;

/// <summary>Sheets as municipalities keep them: group headings over merged headers, total and sub-item rows, funding columns, formulas.</summary>
public class SheetsAsKeptTests
{
    private static ImportReport Import(Organisation organisation, string fileName, byte[] bytes, ImportOptions? options = null) =>
        PlanImporter.Run(organisation, WorkbookReader.Read(fileName, new MemoryStream(bytes), ReadLimits.Default), options ?? new ImportOptions());

    /// <summary>A budget sheet with two funding columns, sub-items under the first measure, a subtotal and a total that states 3,600 where its rows sum to 3,500.</summary>
    private static byte[] BudgetSheet() => new XlsxBuilder().Sheet("事業一覧", s =>
    {
        s.Row(1, "令和6年度 再犯防止関係事業一覧");
        s.Row(2, "番号", "事業名", "担当課", "内容", "R6年度当初予算額", "国庫", "県費");
        s.Row(3, "1", "就労支援事業", "商工課", "就労を支援する。", 1000, 500, 500);
        s.Row(4, "(1)", "人件費", null, null, 600, 300, 300);
        s.Row(5, "(2)", "委託料", null, null, 300, 200, 100);
        s.Row(6, "(3)", "需用費", null, null, 100, 0, 100);
        s.Row(7, "2", "住居確保事業", "建築住宅課", "住居を確保する。", 2000, 1000, 1000);
        s.Row(8, null, "小計", null, null, 3000, 1500, 1500);
        s.Row(9, "3", "相談支援事業", "社会福祉課", "相談に応じる。", 500, 0, 500);
        s.Row(10, "合計", null, null, null, 3600, 1500, 2000);
    }).ToBytes();

    [Fact]
    public void Total_subtotal_and_sub_item_rows_are_no_measures_and_a_stated_total_that_differs_is_kept_and_named_by_its_cell()
    {
        var organisation = new Organisation(LocalGovernmentCode.Parse("212105"), "恵那市");

        var report = Import(organisation, "budget.xlsx", BudgetSheet());

        Assert.Empty(report.Errors);
        var plan = organisation.Plans.Single();
        Assert.Equal(["就労支援事業", "住居確保事業", "相談支援事業"], plan.Measures.Select(m => m.Title));
        Assert.Equal(3, report.Counts.MeasuresCreated);
        // The sheet's own numbers are stored as written: 3,500 in all, not the 3,600 the total row states.
        Assert.Equal(3500, plan.Measures.Sum(m => m.Entries.Single().InitialBudget!.Value.Value));

        var differs = Assert.Single(report.StatedTotals, t => t.Differs);
        Assert.Equal((StatedTotalKind.Total, "合計", 3600L, 3500L), (differs.Kind, differs.Label, differs.Stated, differs.Computed));
        Assert.Equal((10, 4), (differs.Where.Row, differs.Where.Column));
        var warning = Assert.Single(report.Warnings, w => w.Key == "import.totalDiffers");
        Assert.Equal(differs.Where, warning.Where);
        Assert.Contains(report.StatedTotals, t => t is { Kind: StatedTotalKind.Subtotal, Stated: 3000, Computed: 3000, Where.Column: 4 });
        Assert.Contains(report.StatedTotals, t => t is { Kind: StatedTotalKind.SubItems, Label: "就労支援事業", Stated: 1000, Computed: 1000, Where.Row: 3 });
        Assert.Contains(report.StatedTotals, t => t is { Kind: StatedTotalKind.Total, Heading: "県費", Stated: 2000, Computed: 2000 });

        Assert.Equal([("国庫", 5), ("県費", 6)], report.NotImported.Select(c => (c.Heading, c.Column)));
        Assert.Equal("取り込まない列: 国庫 (F列), 県費 (G列)", InLanguage("ja", t => ImportReportText.NotImported(report, t)));
        Assert.Equal("not imported: 国庫 (column F), 県費 (column G)", InLanguage("en", t => ImportReportText.NotImported(report, t)));
        Assert.Equal("シート「事業一覧」・10行目・E列", InLanguage("ja", t => ImportReportText.Location(warning.Where, t, withFile: false)));
    }

    private static string InLanguage(string language, Func<UiText, string> text)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(language);
        try { return text(new UiText()); }
        finally { CultureInfo.CurrentUICulture = before; }
    }

    /// <summary>
    /// Ena's R6 progress sheet as the city keeps it in Excel: a title, 具体的な取り組み merged over
    /// 番号/事業/担当課/内容 with the yearly headings merged down both rows, section rows merged
    /// across, departments on two lines in one cell, and the tally counted by COUNTIF.
    /// </summary>
    internal static byte[] EnaWorkbook()
    {
        var lines = SeedFile.Ena.Lines();
        return new XlsxBuilder().Sheet("進行管理", s =>
        {
            s.Row(1, "恵那市再犯防止推進計画 実施計画 進行管理シート").Merge("A1:G1");
            s.Row(3, "具体的な取り組み", null, null, null, "R6評価", "R6実施内容", "R7実施予定").Merge("A3:D3").Merge("E3:E4").Merge("F3:F4").Merge("G3:G4");
            s.Row(4, "番号", "事業", "担当課", "内容");
            var row = 5;
            foreach (var line in lines.Skip(6).Where(l => l.Length == 9))
            {
                if (line[0].Length > 0) s.Row(row, line[0]).Merge($"A{row}:G{row}");
                else s.Row(row, line[2], line[3], line[4].Replace(" ", "\n"), line[5], line[6], line[7], line[8]);
                row++;
            }
            var last = row - 1;
            (string Label, string Pattern, int Count)[] tally = [("A(予定通り進行)", "A*", 9), ("B(予定を変更、修正して進行)", "B*", 0), ("C(予定通り進行していない)", "C*", 0), ("D(その他)", "D*", 3)];
            row++;
            foreach (var (label, pattern, count) in tally)
            {
                s.Row(row, label, null, "事業").Formula($"B{row}", $"COUNTIF(E5:E{last},\"{pattern}\")", count);
                row++;
            }
            s.Row(row, "合計", null, "事業").Formula($"B{row}", $"SUM(B{row - 4}:B{row - 1})", 12);
        }).ToBytes();
    }

    [Fact]
    public void When_two_plans_periods_hold_the_sheets_years_the_import_asks_which_and_imports_nothing()
    {
        var organisation = new Organisation(LocalGovernmentCode.Parse("212105"), "恵那市");
        organisation.AddPlan("第1次計画", 1, new FiscalYear(2020), new FiscalYear(2024)).SetLevels([new("施策"), new("取組")]);
        organisation.AddPlan("第2次計画", 2, new FiscalYear(2024), new FiscalYear(2028)).SetLevels([new("施策"), new("取組")]);
        var sheet = "番号\t取組\t所管課\tR6評価\n1\t就労支援\t商工課\tA\n"u8.ToArray();

        var report = Import(organisation, "r6.tsv", sheet);

        var problem = Assert.Single(report.Errors);
        Assert.Equal("import.choosePlan", problem.Key);
        Assert.Equal(["第1次計画", "第2次計画"], report.PlanChoices);
        Assert.All(organisation.Plans, p => Assert.Empty(p.Measures));

        var chosen = Import(organisation, "r6.tsv", sheet, new ImportOptions("第2次計画"));
        Assert.Empty(chosen.Errors);
        Assert.Single(organisation.Plans.Single(p => p.Name == "第2次計画").Measures);
    }

    [Fact]
    public void Enas_sheet_with_a_group_heading_over_a_merged_two_row_header_imports_its_12_measures_and_tally()
    {
        var organisation = new Organisation(LocalGovernmentCode.Parse("212105"), "恵那市");

        var report = Import(organisation, "ena-r6.xlsx", EnaWorkbook());

        Assert.Empty(report.Errors);
        Assert.DoesNotContain(report.Warnings, w => w.Key is "import.unreadableRow" or "import.totalDiffers");
        var plan = organisation.Plans.Single();
        Assert.Equal(12, plan.Measures.Count);
        var grades = plan.Measures.Select(m => m.Entries.Single(e => e.FiscalYear == new FiscalYear(2024)).Grade).ToList();
        Assert.Equal((9, 3), (grades.Count(g => g == "A"), grades.Count(g => g == "D")));
        Assert.Equal(["総務課", "社会福祉課"], plan.FindMeasure("(3)-1")!.Departments.OrderBy(d => d.Order).Select(d => d.Department.Name));
        Assert.Equal(4, plan.Nodes.Count);
        Assert.Empty(report.NotImported);

        var facts = Assert.Single(report.Sheets);
        Assert.Equal([new FiscalYear(2024)], facts.Years);
        Assert.Equal(4, facts.SectionRows.Count);
        Assert.Equal(12, facts.Codes.Count);
        Assert.Equal(["A(予定通り進行)", "D(その他)"], facts.Grades.Order());
    }
}
