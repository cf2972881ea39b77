using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Ayumi.Domain;
using Ayumi.Features.Demo;
using Ayumi.Features.Import;
using Ayumi.Features.Import.Reading;

namespace Ayumi.Tests.Import;

/// <summary>A text seed as rows of cells, and imports into a fresh organisation with the options the demo data uses for it.</summary>
internal sealed record SeedFile(string Code, string Name, string FileName)
{
    public static SeedFile Akita { get; } = new("052019", "秋田市", "akita-city.txt");
    public static SeedFile Ena { get; } = new("212105", "恵那市", "ena-city.txt");
    public static SeedFile Miyagi { get; } = new("040002", "宮城県", "miyagi-pref.txt");

    public byte[] Bytes() => File.ReadAllBytes(TestPaths.Seed(FileName));

    public List<string[]> Lines() => [.. File.ReadAllLines(TestPaths.Seed(FileName)).Select(l => l.Split('\t'))];

    public Organisation NewOrganisation() => new(LocalGovernmentCode.Parse(Code), Name);

    public ImportReport Import(Organisation organisation, string fileName, byte[] bytes) =>
        PlanImporter.Run(organisation, WorkbookReader.Read(fileName, new MemoryStream(bytes), ReadLimits.Default), DemoData.OptionsFor(Code));

    public (Organisation Organisation, ImportReport Report) ImportFresh(string fileName, byte[] bytes)
    {
        var organisation = NewOrganisation();
        return (organisation, Import(organisation, fileName, bytes));
    }

    public (Organisation Organisation, ImportReport Report) ImportText() => ImportFresh(FileName, Bytes());
}

/// <summary>
/// An organisation's departments and plans as records that compare by value, in the order the
/// import made them, so that two imports are compared with one <c>Assert.Equal</c>.
/// </summary>
internal static class PlanSnapshot
{
    public sealed record DepartmentFacts(string Path, string Aliases);

    public sealed record PlanFacts(string Name, int Generation, FiscalYear Start, FiscalYear End, string Levels, string Notes, string? Predecessor);

    public sealed record NodeFacts(string Plan, string Code, string Title, string? Parent, string? Origin);

    public sealed record MeasureFacts(
        string Plan, string Key, string Title, string? Description, string Departments, string Placements, MeasureStatus Status,
        FiscalYear? EndedIn, string? LifecycleNote, string Lineage, bool IsNew, bool IsPrefectureRun);

    public sealed record EntryFacts(
        string Plan, string Measure, FiscalYear Year, string? Grade, string? Results, string? PlannedWork, string? NextYearPlan,
        ThousandYen? InitialBudget, ThousandYen? FinalBudget, string? IssuesAndDirection, string? Target, string? Notes);

    public static List<object> Of(Organisation organisation)
    {
        var facts = new List<object>();
        facts.AddRange(organisation.Departments.Select(d => new DepartmentFacts(d.Path.ToString(), Joined(d.Aliases.Select(a => a.Name).Order()))));
        foreach (var plan in organisation.Plans.OrderBy(p => p.Generation))
        {
            facts.Add(new PlanFacts(plan.Name, plan.Generation, plan.PeriodStart, plan.PeriodEnd,
                Joined(plan.Levels.Select(l => l.Name)), Joined(plan.Notes), plan.Predecessor?.Name));
            facts.AddRange(plan.Nodes.Select(n => new NodeFacts(plan.Name, n.Code, n.Title, n.Parent?.Code, n.Origin is { } o ? $"{o.Plan.Name}/{o.Code}" : null)));
            foreach (var measure in plan.Measures)
            {
                facts.Add(new MeasureFacts(plan.Name, measure.Key, measure.Title, measure.Description,
                    Joined(measure.Departments.OrderBy(d => d.Order).Select(d => $"{d.Department.Path} ({d.WrittenAs})")),
                    Joined(measure.Placements.Select(p => $"{p.Node.Code}/{p.Code}{(p.IsRelisting ? " 再掲" : "")} {p.ListedTitle} {p.ListedDescription}")),
                    measure.Status, measure.EndedIn, measure.LifecycleNote,
                    Joined(measure.Continuations.Select(l => $"{l.To.Plan.Name}/{l.To.Key} {l.Kind} {l.EffectiveIn} {l.Note}").Order()), measure.IsNew, measure.IsPrefectureRun));
                facts.AddRange(measure.Entries.OrderBy(e => e.FiscalYear).Select(e => new EntryFacts(plan.Name, measure.Key, e.FiscalYear, e.Grade,
                    e.Results, e.PlannedWork, e.NextYearPlan, e.InitialBudget, e.FinalBudget, e.IssuesAndDirection, e.Target, e.Notes)));
            }
        }
        return facts;
    }

    private static string Joined(IEnumerable<string> parts) => string.Join(" | ", parts);
}

/// <summary>
/// The seeds in the shapes real offices produce them, built here from the seed text: each
/// rendition imports exactly as the text seed does.
/// </summary>
public partial class SeedRenditionTests
{
    private static readonly Encoding ShiftJis = ShiftJisEncoding();

    private static Encoding ShiftJisEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932);
    }

    /// <summary>Imports the rendition and the text seed into fresh organisations and returns the rendition's report after comparing the two.</summary>
    private static ImportReport AssertImportsLikeTheTextSeed(SeedFile seed, string fileName, byte[] bytes)
    {
        var (expected, expectedReport) = seed.ImportText();
        var (actual, report) = seed.ImportFresh(fileName, bytes);
        Assert.Empty(report.Errors);
        Assert.Equal(PlanSnapshot.Of(expected), PlanSnapshot.Of(actual));
        Assert.Equal(CountsOf(expectedReport), CountsOf(report));
        Assert.Equal(LostRows(expectedReport).Count, LostRows(report).Count);
        return report;
    }

    private static string CountsOf(ImportReport report)
    {
        var c = report.Counts;
        return $"plans {c.PlansCreated}, nodes {c.NodesCreated}, departments {c.DepartmentsCreated}, measures {c.MeasuresCreated}/{c.MeasuresUpdated}/{c.MeasuresUnchanged}, "
            + $"relistings {c.RelistingsCreated}, entries {c.EntriesCreated}/{c.EntriesUpdated}/{c.EntriesUnchanged}";
    }

    private static List<ImportProblem> LostRows(ImportReport report) => [.. report.Warnings.Where(w => w.Key == "import.unreadableRow")];

    [Fact]
    public void The_text_seeds_import_with_the_counts_of_the_foundation_issue()
    {
        var (akita, akitaReport) = SeedFile.Akita.ImportText();
        Assert.Equal(23, akita.Plans.Single().Measures.Count);
        Assert.Equal(5, akitaReport.Counts.RelistingsCreated);
        Assert.Empty(akitaReport.Problems);

        var (ena, enaReport) = SeedFile.Ena.ImportText();
        Assert.Equal(12, ena.Plans.Single().Measures.Count);
        Assert.Equal(12, enaReport.Counts.EntriesCreated);
        Assert.Empty(enaReport.Problems);

        var (miyagi, miyagiReport) = SeedFile.Miyagi.ImportText();
        Assert.Equal(2, miyagiReport.Counts.PlansCreated);
        Assert.Equal([22, 23], miyagi.Plans.OrderBy(p => p.Generation).Select(p => p.Measures.Count));
        Assert.Equal([76, 88], LostRows(miyagiReport).Select(w => w.Where.Row));
        Assert.Equal(miyagiReport.Problems.Count, LostRows(miyagiReport).Count);
    }

    [Fact]
    public void Akita_as_a_shift_jis_csv_with_every_cell_quoted_imports_like_the_text_seed()
    {
        var csv = string.Concat(SeedFile.Akita.Lines().Select(cells => string.Join(",", cells.Select(Quoted)) + "\r\n"));

        var report = AssertImportsLikeTheTextSeed(SeedFile.Akita, "akita-city.csv", ShiftJis.GetBytes(csv));

        Assert.Empty(report.Warnings);
    }

    /// <summary>Excel's own CSV quotes only the cells that need it: Miyagi's budgets (2,362) and nothing else.</summary>
    [Fact]
    public void Miyagi_as_a_shift_jis_csv_quoting_only_cells_with_commas_imports_like_the_text_seed()
    {
        var csv = string.Concat(SeedFile.Miyagi.Lines().Select(cells => string.Join(",", cells.Select(c => c.Contains(',') ? Quoted(c) : c)) + "\r\n"));
        Assert.Contains("\"3,242,800\"", csv);

        AssertImportsLikeTheTextSeed(SeedFile.Miyagi, "miyagi-pref.csv", ShiftJis.GetBytes(csv));
    }

    private static string Quoted(string cell) => $"\"{cell.Replace("\"", "\"\"")}\"";

    [Fact]
    public void Ena_as_an_xlsx_with_a_title_a_two_row_header_merged_sections_and_formula_tallies_imports_like_the_text_seed()
    {
        var report = AssertImportsLikeTheTextSeed(SeedFile.Ena, "ena-city.xlsx", EnaWorkbook());

        Assert.Empty(report.Warnings);
    }

    [Fact]
    public void Ena_tallies_read_as_a_grade_a_cached_count_and_a_unit()
    {
        var sheet = WorkbookReader.Read("ena-city.xlsx", new MemoryStream(EnaWorkbook()), ReadLimits.Default).Sheets.Single();

        var tally = sheet.Rows.Single(r => r[0] == "A(予定通り進行)");
        Assert.Equal(["A(予定通り進行)", "", "", "", "", "9", "事業"], tally.Cells);
    }

    [Fact]
    public void A_tally_that_disagrees_with_the_cached_count_is_refused_in_an_xlsx_too()
    {
        var report = SeedFile.Ena.ImportFresh("ena-city.xlsx", EnaWorkbook(countOf: grade => grade == "A" ? 8 : null)).Report;

        var mismatch = Assert.Single(report.Errors);
        Assert.Equal("import.tallyMismatch", mismatch.Key);
        Assert.Contains("8 measures graded A", mismatch.English);
    }

    [Fact]
    public void Miyagi_as_an_xlsx_split_over_two_sheets_with_numeric_budgets_imports_like_the_text_seed()
    {
        var report = AssertImportsLikeTheTextSeed(SeedFile.Miyagi, "miyagi-pref.xlsx", MiyagiWorkbook());

        Assert.Equal(["進行管理(2)", "進行管理(2)"], LostRows(report).Select(w => w.Where.Sheet));
        Assert.Contains("Table with 11 columns", LostRows(report)[0].English);
    }

    [Fact]
    public void Miyagi_as_a_legacy_xls_imports_like_the_text_seed()
    {
        var report = AssertImportsLikeTheTextSeed(SeedFile.Miyagi, "miyagi-pref.xls", LibreOffice.ConvertToXls(MiyagiWorkbook()));

        Assert.Equal(2, LostRows(report).Count);
    }

    [Fact]
    public void Akita_as_an_xlsx_with_a_blank_cover_sheet_and_a_hidden_row_imports_like_the_text_seed_and_warns_of_the_row()
    {
        var (bytes, hiddenRow) = AkitaWorkbookWithHiddenRow();

        var report = AssertImportsLikeTheTextSeed(SeedFile.Akita, "akita-city.xlsx", bytes);

        var warning = Assert.Single(report.Warnings);
        Assert.Equal("import.hiddenRow", warning.Key);
        Assert.Equal(new SourceLocation("akita-city.xlsx", "取組一覧", hiddenRow), warning.Where);
        Assert.DoesNotContain(report.Rows, r => r.Title == HiddenTitle);
    }

    private const string HiddenTitle = "非表示にした取組";

    /// <summary>
    /// Ena's sheet as the office keeps it: the title on row 1, 令和６年度 merged over 評価 and
    /// 実施内容 and 令和７年度 over 実施予定 (the other headings merged down both rows), section
    /// rows merged across, and tallies that count with COUNTIF.
    /// </summary>
    /// <param name="countOf">A count to cache instead of the right one, by grade (null: the right one).</param>
    private static byte[] EnaWorkbook(Func<string, int?>? countOf = null)
    {
        var lines = SeedFile.Ena.Lines();
        var header = lines.FindIndex(l => l[0] == "基本目標");
        return new XlsxBuilder().Sheet("進行管理シート", s =>
        {
            s.Row(1, lines.First(l => l[0].Length > 0)[0]).Merge("A1:I1");
            s.Row(3, "基本目標", "基本方針", "具体的な取り組み", "事業", "担当課", "内容", "令和６年度", null, "令和７年度");
            s.Row(4, null, null, null, null, null, null, "評価", "実施内容", "実施予定");
            foreach (var column in "ABCDEF") s.Merge($"{column}3:{column}4");
            s.Merge("G3:H3");
            var row = 5;
            // The line after the header is 具体的な取り組み wrapped onto a line of its own by the text extraction.
            foreach (var cells in lines.Skip(header + 2))
            {
                if (TallyText().Match(cells[0].Trim()) is { Success: true } tally)
                {
                    var grade = tally.Groups["label"].Value;
                    var count = int.Parse(tally.Groups["count"].Value, CultureInfo.InvariantCulture);
                    var symbol = grade.Length > 0 ? grade[..1] : "";
                    s.Row(row, grade.Length > 0 ? grade : "合計").Merge($"A{row}:E{row}");
                    s.Formula($"F{row}", grade.Length > 0 ? $"COUNTIF(G:G,\"{symbol}*\")" : "COUNT(C:C)", (double)(countOf?.Invoke(symbol) ?? count));
                    s.Cell($"G{row}", "事業");
                }
                else if (cells.Length > 2 && cells[2].Length > 0)
                    s.Row(row, [null, null, double.Parse(cells[2], CultureInfo.InvariantCulture), .. cells.Skip(3)]);
                else if (cells[0].Length > 0)
                    s.Row(row, cells[0]).Merge($"A{row}:I{row}");
                row++;
            }
        }).ToBytes();
    }

    [GeneratedRegex(@"^(?<label>.*?)\s*(?<count>\d+)事業$")]
    private static partial Regex TallyText();

    /// <summary>
    /// Miyagi's sheet split where the office split it: measures 1–14 on one sheet, the rest with
    /// the lost-row summaries on another, each under the title lines and header; numbers as numbers.
    /// </summary>
    private static byte[] MiyagiWorkbook()
    {
        var lines = SeedFile.Miyagi.Lines();
        var header = lines.FindIndex(l => l[0] == "番号");
        var split = lines.FindIndex(l => l[0] == "14") + 1;
        return new XlsxBuilder()
            .Sheet("進行管理(1)", s => FillMiyagi(s, lines.Take(split)))
            .Sheet("進行管理(2)", s => FillMiyagi(s, lines.Take(header + 1).Concat(lines.Skip(split))))
            .ToBytes();
    }

    private static void FillMiyagi(XlsxBuilder.SheetBuilder sheet, IEnumerable<string[]> lines)
    {
        var row = 1;
        foreach (var cells in lines) sheet.Row(row++, [.. cells.Select(MiyagiCell)]);
    }

    /// <summary>番号 and the budget columns (E, G) hold numbers: 2362, not the text "2,362"; "-" and blanks stay as they are.</summary>
    private static object? MiyagiCell(string cell, int column) =>
        cell.Length == 0 ? null
        : column is 0 or 4 or 6 && long.TryParse(cell, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var number) ? (double)number
        : cell;

    /// <summary>Akita's list behind a blank cover sheet, with a measure row someone hid after 1-(1)-⑤.</summary>
    private static (byte[] Bytes, int HiddenRow) AkitaWorkbookWithHiddenRow()
    {
        var lines = SeedFile.Akita.Lines();
        var hiddenAt = lines.FindIndex(l => l[0] == "1-(1)-⑤") + 1;
        lines.Insert(hiddenAt, ["1-(1)-⑥", HiddenTitle, "取りやめた取組の内容", "人事課", "実施しない"]);
        var bytes = new XlsxBuilder()
            .Sheet("表紙", _ => { })
            .Sheet("取組一覧", s =>
            {
                for (var i = 0; i < lines.Count; i++) s.Row(i + 1, [.. lines[i].Select(c => c.Length > 0 ? c : null)]);
                s.Hide(hiddenAt + 1);
            })
            .ToBytes();
        return (bytes, hiddenAt + 1);
    }
}
