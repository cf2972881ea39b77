using System.Text;
using Ayumi.Domain;
using Ayumi.Features.Import;
using Ayumi.Features.Import.Reading;
using Ayumi.Localization;

namespace Ayumi.Tests.Import;

/// <summary>What the importer does with a file imported again, the next year's sheet, and bad input.</summary>
public class PlanImporterTests
{
    private static readonly UiText Text = new();

    private static readonly string[] Header = ["番号", "取組", "所管課", "令和6年度評価", "令和6年度実施内容", "令和6年度最終予算額"];

    private static Organisation NewOrganisation() => new(LocalGovernmentCode.Parse("212105"), "恵那市");

    private static ImportReport Import(Organisation organisation, string fileName, byte[] bytes) =>
        PlanImporter.Run(organisation, WorkbookReader.Read(fileName, new MemoryStream(bytes), ReadLimits.Default), new ImportOptions());

    private static ImportReport ImportTsv(Organisation organisation, params string[][] rows) => Import(organisation, "sheet.tsv", Tsv(rows));

    private static byte[] Tsv(IEnumerable<string[]> rows) => Encoding.UTF8.GetBytes(string.Concat(rows.Select(r => string.Join('\t', r) + "\n")));

    /// <summary>The one problem with that key, after checking that its message exists in both languages.</summary>
    private static ImportProblem Problem(ImportReport report, string key)
    {
        var problem = Assert.Single(report.Problems, p => p.Key == key);
        Assert.Contains(key, Text.Keys(UiText.Japanese));
        Assert.Contains(key, Text.Keys(UiText.English));
        return problem;
    }

    public static TheoryData<string> Seeds => ["akita", "ena", "miyagi"];

    private static SeedFile SeedNamed(string name) => name switch
    {
        "akita" => SeedFile.Akita,
        "ena" => SeedFile.Ena,
        _ => SeedFile.Miyagi,
    };

    [Theory, MemberData(nameof(Seeds))]
    public void Importing_the_same_file_again_changes_nothing(string name)
    {
        var seed = SeedNamed(name);
        var (organisation, first) = seed.ImportText();
        var before = PlanSnapshot.Of(organisation);

        var again = seed.Import(organisation, seed.FileName, seed.Bytes());

        Assert.Empty(again.Errors);
        Assert.True(again.Counts.ChangesNothing);
        Assert.Equal(first.Rows.Count, again.Rows.Count);
        Assert.All(again.Rows, r => Assert.Equal(RowAction.Unchanged, r.Action));
        Assert.Equal(before, PlanSnapshot.Of(organisation));
    }

    [Fact]
    public void The_next_years_sheet_adds_that_years_entries_to_the_existing_measures()
    {
        var seed = SeedFile.Ena;
        var (organisation, _) = seed.ImportText();
        var lines = seed.Lines();
        var header = lines.FindIndex(l => l[0] == "基本目標");
        lines[header] = [.. lines[header].Take(6), "R7評価", "R7実施内容", "R8実施予定"];
        var employers = lines.Single(l => l.Length > 3 && l[3] == "協力雇用主の支援・拡大及び求人情報の提供");
        (employers[6], employers[7], employers[8]) = ("A(予定通り進行)", "協力雇用主2社の求人情報を提供した。", "求人情報の提供を続ける。");
        lines[lines.FindIndex(l => l[0] == "A(予定通り進行) 9事業")] = ["A(予定通り進行) 10事業"];
        lines[lines.FindIndex(l => l[0] == " D(その他) 3事業")] = [" D(その他) 2事業"];

        var report = seed.Import(organisation, "ena-city-r7.txt", Tsv(lines));

        Assert.Empty(report.Errors);
        Assert.Equal((0, 12, 0), (report.Counts.MeasuresCreated, report.Counts.EntriesCreated, report.Counts.EntriesUpdated));
        var plan = organisation.Plans.Single();
        Assert.Equal(12, plan.Measures.Count);
        Assert.All(plan.Measures, m => Assert.Equal([new FiscalYear(2024), new FiscalYear(2025)], m.Entries.Select(e => e.FiscalYear).Order()));
        var measure = plan.FindMeasure("(1)-1")!;
        Assert.Equal("D", measure.Entries.Single(e => e.FiscalYear == new FiscalYear(2024)).Grade);
        var fy2025 = measure.Entries.Single(e => e.FiscalYear == new FiscalYear(2025));
        Assert.Equal(("A", "協力雇用主2社の求人情報を提供した。", "求人情報の提供を続ける。"), (fy2025.Grade, fy2025.Results, fy2025.NextYearPlan));
    }

    [Fact]
    public void A_measure_whose_code_changed_is_matched_by_its_title()
    {
        var organisation = NewOrganisation();
        ImportTsv(organisation, Header,
            ["1", "就労支援", "福祉課", "A", "実施した", "100"],
            ["2", "住居支援", "住宅課", "B", "一部実施", "200"]);

        var report = ImportTsv(organisation,
            ["番号", "取組", "所管課", "令和7年度評価", "令和7年度実施内容", "令和7年度最終予算額"],
            ["1", "就労支援", "福祉課", "A", "継続した", "110"],
            ["5", "住居支援", "住宅課", "A", "実施した", "210"]);

        Assert.Empty(report.Problems);
        Assert.Equal(0, report.Counts.MeasuresCreated);
        var plan = organisation.Plans.Single();
        Assert.Equal(["1", "2"], plan.Measures.Select(m => m.Key));
        Assert.Equal("2", report.Rows[1].Key);
        Assert.Equal(new ThousandYen(210), plan.FindMeasure("2")!.Entries.Single(e => e.FiscalYear == new FiscalYear(2025)).FinalBudget);
    }

    [Fact]
    public void A_budget_cell_holding_words_is_an_error_naming_its_row_and_column()
    {
        var report = ImportTsv(NewOrganisation(), Header,
            ["1", "就労支援", "福祉課", "A", "実施した", "100"],
            ["2", "住居支援", "住宅課", "B", "一部実施", "約三百万"]);

        var error = Problem(report, "import.badBudget");
        Assert.Equal(ProblemSeverity.Error, error.Severity);
        Assert.Equal(new SourceLocation("sheet.tsv", "sheet", 3, 5), error.Where);
        Assert.StartsWith("Row 3, column F (令和6年度最終予算額): '約三百万'", error.English);
        Assert.True(report.HasErrors);
    }

    [Fact]
    public void A_grade_outside_the_plans_scale_is_an_error()
    {
        var report = ImportTsv(NewOrganisation(), Header, ["1", "就労支援", "福祉課", "E", "実施した", "100"]);

        var error = Problem(report, "import.badGrade");
        Assert.Equal(ProblemSeverity.Error, error.Severity);
        Assert.Equal((2, 3), (error.Where.Row, error.Where.Column));
        Assert.Contains("column D", error.English);
        Assert.Equal<object>(["E", "A, B, C, D"], error.Arguments);
        Assert.True(report.HasErrors);
    }

    [Fact]
    public void A_code_used_twice_is_an_error()
    {
        var report = ImportTsv(NewOrganisation(), Header,
            ["1", "就労支援", "福祉課", "A", "実施した", "100"],
            ["1", "住居支援", "住宅課", "B", "一部実施", "200"]);

        var error = Problem(report, "import.codeTwice");
        Assert.Equal(3, error.Where.Row);
        Assert.Contains("code 1 was already used on row 2", error.English);
        Assert.Equal<object>(["1", 2], error.Arguments);
        Assert.True(report.HasErrors);
    }

    [Fact]
    public void A_title_repeated_without_a_relisting_mark_is_imported_with_a_warning()
    {
        var organisation = NewOrganisation();

        var report = ImportTsv(organisation, Header,
            ["1", "就労支援", "福祉課", "A", "実施した", "100"],
            ["2", "就労支援", "商工課", "A", "実施した", "50"]);

        var warning = Problem(report, "import.looksLikeRelisting");
        Assert.Equal(ProblemSeverity.Warning, warning.Severity);
        Assert.Equal((3, 1), (warning.Where.Row, warning.Where.Column));
        Assert.False(report.HasErrors);
        Assert.Equal(["1", "2"], organisation.Plans.Single().Measures.Select(m => m.Key));
    }

    [Fact]
    public void An_unknown_department_in_an_organisation_with_departments_is_created_with_a_warning()
    {
        var organisation = NewOrganisation();
        organisation.ResolveDepartment("福祉課");

        var report = ImportTsv(organisation, Header,
            ["1", "就労支援", "福祉課", "A", "実施した", "100"],
            ["2", "住居支援", "住宅課", "B", "一部実施", "200"]);

        var warning = Problem(report, "import.newDepartment");
        Assert.Equal(ProblemSeverity.Warning, warning.Severity);
        Assert.Equal((3, 2), (warning.Where.Row, warning.Where.Column));
        Assert.Equal<object>(["住宅課"], warning.Arguments);
        Assert.Equal(1, report.Counts.DepartmentsCreated);
        Assert.False(report.HasErrors);
    }

    [Fact]
    public void A_new_organisations_departments_are_created_without_warnings()
    {
        var report = ImportTsv(NewOrganisation(), Header, ["1", "就労支援", "福祉課", "A", "実施した", "100"]);

        Assert.Empty(report.Problems);
        Assert.Equal(1, report.Counts.DepartmentsCreated);
    }

    public static TheoryData<string> FormulaLikeFiles => ["formulas.csv", "formulas.xlsx"];

    private static readonly string[] FormulaLike = ["=SUM(1,2)は計算しない", "+81-3-1234-5678に電話で受付", "-2件(前年比)", "@担当者会議で共有"];

    [Theory, MemberData(nameof(FormulaLikeFiles))]
    public void Text_starting_with_a_formula_sign_is_stored_verbatim(string fileName)
    {
        string[] header = ["番号", "取組", "取組内容", "所管課", "令和6年度実施内容", "令和6年度取組予定"];
        string[] row = ["1", .. FormulaLike[..2], "福祉課", .. FormulaLike[2..]];
        var bytes = fileName.EndsWith(".csv")
            ? Encoding.UTF8.GetBytes(string.Concat(new[] { header, row }.Select(r => string.Join(',', r.Select(c => c.Contains(',') ? $"\"{c}\"" : c)) + "\r\n")))
            : new XlsxBuilder().Sheet("取組", s => s.Row(1, header).Row(2, row)).ToBytes();
        var organisation = NewOrganisation();

        var report = Import(organisation, fileName, bytes);

        Assert.Empty(report.Problems);
        var measure = organisation.Plans.Single().Measures.Single();
        var entry = measure.Entries.Single();
        Assert.Equal([.. FormulaLike], new List<string?> { measure.Title, measure.Description, entry.Results, entry.PlannedWork });
    }

    [Fact]
    public void A_hidden_row_is_not_imported_and_is_warned_about()
    {
        var organisation = NewOrganisation();
        var bytes = new XlsxBuilder().Sheet("取組", s => s
            .Row(1, Header)
            .Row(2, "1", "就労支援", "福祉課", "A", "実施した", 100d)
            .Row(3, "2", "廃止した支援", "福祉課", "D", "実施せず", 0d)
            .Row(4, "3", "住居支援", "住宅課", "B", "一部実施", 200d)
            .Hide(3)).ToBytes();

        var report = Import(organisation, "hidden.xlsx", bytes);

        var warning = Problem(report, "import.hiddenRow");
        Assert.Equal(new SourceLocation("hidden.xlsx", "取組", 3), warning.Where);
        Assert.False(report.HasErrors);
        Assert.Equal(["就労支援", "住居支援"], organisation.Plans.Single().Measures.Select(m => m.Title));
    }

    [Fact]
    public void A_sheet_without_a_recognisable_header_is_an_error_naming_the_sheet()
    {
        var organisation = NewOrganisation();
        var bytes = new XlsxBuilder().Sheet("集計", s => s.Row(1, "項目", "件数").Row(2, "相談", 3d)).ToBytes();

        var report = Import(organisation, "summary.xlsx", bytes);

        var error = Problem(report, "import.noHeader");
        Assert.Equal(new SourceLocation("summary.xlsx", "集計"), error.Where);
        Assert.Equal<object>(["集計"], error.Arguments);
        Assert.Contains("sheet '集計'", error.English);
        Assert.True(report.HasErrors);
        Assert.Empty(organisation.Plans);
    }

    [Fact]
    public void One_bad_row_among_good_ones_makes_the_whole_import_an_error()
    {
        var report = ImportTsv(NewOrganisation(), Header,
            ["1", "就労支援", "福祉課", "A", "実施した", "100"],
            ["2", "住居支援", "住宅課", "Z", "一部実施", "200"],
            ["3", "相談支援", "福祉課", "B", "実施した", "300"]);

        // The good rows are still previewed, but a report with errors is never saved.
        Assert.Equal(3, report.Rows.Count);
        Assert.True(report.HasErrors);
        Assert.Single(report.Errors);
    }
}
