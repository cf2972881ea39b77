using System.Diagnostics;
using System.Net;
using System.Text;
using AngleSharp;
using AngleSharp.Dom;
using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Tests.Web;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ayumi.Tests.Reporting;

/// <summary>The progress sheet in the seeds' layouts, as a page and as the files the council and the public download.</summary>
public abstract class ProgressSheetTests(AyumiFixture fixture)
{
    private readonly HttpClient _client = fixture.Factory.CreateClient(new() { AllowAutoRedirect = false });

    private async Task<IDocument> Page(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(response.Content.ReadAsStream()));
    }

    private async Task<byte[]> Download(string url, string contentType)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(contentType, response.Content.Headers.ContentType!.ToString());
        return await response.Content.ReadAsByteArrayAsync();
    }

    private Task<int> PlanId(string code, int generation = 1) => fixture.Factory.PlanIdAsync(code, generation);

    [Fact]
    public async Task Enas_sheet_lists_every_measure_under_its_policy_row_and_ends_with_the_grade_tally()
    {
        var page = await Page($"/plans/{await PlanId("212105")}/report/R6");
        var table = page.QuerySelector("table.progress-sheet")!;
        Assert.Equal(["番号", "事業", "担当課", "内容", "R6評価", "R6実施内容", "R7実施予定"], table.QuerySelectorAll("thead th").Select(th => th.TextContent));
        Assert.Equal(4, table.QuerySelectorAll("tr.section").Length);
        Assert.Equal("(1)住居・就労の確保など", table.QuerySelector("tr.section th")!.TextContent);
        Assert.Equal(12, table.QuerySelectorAll("tbody tr:not(.section)").Length);
        var tally = page.QuerySelectorAll("table.tally tr").Select(r => r.TextContent).ToList();
        Assert.Contains("A(予定通り進行)9事業", tally);
        Assert.Contains("D(その他)3事業", tally);
        Assert.Contains("合計12事業", tally);
    }

    [Fact]
    public async Task Relisted_measures_appear_wherever_listed_and_count_once()
    {
        var page = await Page($"/plans/{await PlanId("052019")}/report/R3");
        var rows = page.QuerySelectorAll("table.progress-sheet tbody tr");
        Assert.Equal(28, rows.Length);
        Assert.Equal(5, rows.Count(r => r.ClassList.Contains("relisting")));
        Assert.Contains(rows, r => r.TextContent.Contains("精神保健福祉に関する相談※再掲"));
    }

    [Fact]
    public async Task Miyagis_sheet_shows_budgets_with_separators_and_the_next_plans_names()
    {
        var page = await Page($"/plans/{await PlanId("040002")}/report/R5");
        var headings = page.QuerySelectorAll("table.progress-sheet thead th").Select(th => th.TextContent).ToList();
        Assert.Contains("R5年度 最終予算額 【単位：千円】", headings);
        Assert.Contains("第二次宮城県再犯防止推進計画上の事業名", headings);
        var first = page.QuerySelector("table.progress-sheet tbody tr")!;
        Assert.Equal("2,362", first.QuerySelector("td.col-finalbudget")!.TextContent);
        Assert.Equal("1 就労の確保に関する支援 (2 就労の確保に関する支援)", first.QuerySelector("td.col-policy")!.TextContent);
        var ended = page.QuerySelectorAll("table.progress-sheet tbody tr").First(r => r.QuerySelector("td.col-code")!.TextContent == "3");
        Assert.Equal("事業終期のため、R3以降廃止", ended.QuerySelector("td.col-nextplantitle")!.TextContent);
        Assert.Contains(page.QuerySelectorAll("table.progress-sheet td.col-nextplantitle"), td => td.TextContent.StartsWith("みやぎ地域活性化雇用創造プロジェクト"));
    }

    [Fact]
    public async Task The_report_read_links_every_measure_to_the_next_plan_measure_a_plain_read_finds()
    {
        var planId = await PlanId("040002");
        Dictionary<int, int?> expected;
        // Read apart, in a context of its own: in the report's context both reads would share the same tracked measures.
        await using (var scope = fixture.Factory.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
            var plan = await db.Plans.Include(p => p.Measures).ThenInclude(m => m.Continuations).SingleAsync(p => p.Id == planId);
            await db.Measures.Where(m => m.Plan.PredecessorId == planId && m.Plan.Status == PlanStatus.Published).LoadAsync();
            expected = plan.Measures.ToDictionary(m => m.Id, m => m.NextPlanMeasure?.Id);
        }
        await using var reportScope = fixture.Factory.Scope();
        var report = (await Ayumi.Features.Reports.ReportQueries.LoadAsync(reportScope.ServiceProvider.GetRequiredService<AyumiDbContext>(), planId, CancellationToken.None))!;
        Assert.Contains(expected.Values, id => id is not null);
        Assert.Equal(expected, report.Measures.ToDictionary(m => m.Id, m => m.NextPlanMeasure?.Id));
        Assert.All(report.Measures.Select(m => m.NextPlanMeasure).OfType<Measure>(), next => Assert.NotEmpty(next.Placements));
    }

    [Fact]
    public async Task A_year_that_is_not_published_is_not_shown_to_the_public()
    {
        var response = await _client.GetAsync($"/plans/{await PlanId("212105")}/report/R2");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_workbook_is_valid_styled_and_opens_in_libreoffice()
    {
        var bytes = await Download($"/plans/{await PlanId("040002")}/report/R5?handler=xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using (var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(document));
            var workbook = document.WorkbookPart!;
            var sheet = workbook.WorksheetParts.Single().Worksheet;
            Assert.Equal(DocumentFormat.OpenXml.Spreadsheet.PaneStateValues.Frozen, sheet.Descendants<Pane>().Single().State!.Value);
            var pageSetup = sheet.Descendants<PageSetup>().Single();
            Assert.Equal(9u, pageSetup.PaperSize!.Value);
            Assert.Equal(OrientationValues.Landscape, pageSetup.Orientation!.Value);
            Assert.Contains(workbook.Workbook.Descendants<DefinedName>(), d => d.Name == "_xlnm.Print_Titles");
            Assert.Contains(workbook.Workbook.Descendants<DefinedName>(), d => d.Name == "_xlnm.Print_Area");
            var budget = sheet.Descendants<Cell>().First(c => c.CellValue?.Text == "2362");
            Assert.Equal(CellValues.Number, budget.DataType!.Value);
            var format = workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)budget.StyleIndex!.Value);
            Assert.Equal(3u, format.NumberFormatId!.Value);
            Assert.All(sheet.Descendants<Row>().Where(r => r.RowIndex! > 3u), r => Assert.True(r.CustomHeight?.Value == true || r.Height is null));
        }
        var csv = Encoding.UTF8.GetString(ExternalTools.LibreOfficeToCsv(bytes));
        Assert.Contains("保護観察少年に対する職業定着支援", csv);
    }

    [Fact]
    public async Task The_pdf_embeds_japanese_text_and_its_first_page_is_not_blank()
    {
        var bytes = await Download($"/plans/{await PlanId("212105")}/report/R6?handler=pdf", "application/pdf");
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(bytes, 0, 5));
        var text = ExternalTools.PdfText(bytes);
        Assert.Contains("協力雇用主の支援・拡大及び求人情報の提供", text);
        Assert.Contains("生活困窮者自立支援事業の活用", text);
        Assert.Contains("恵那市再犯防止推進計画", text);
        Assert.True(ExternalTools.PdfFirstPageInkRatio(bytes) > 0.01, "the first page has text and rules on it");
    }

    [Fact]
    public async Task Miyagis_r5_sheet_prints_on_at_most_eight_pages_with_long_rows_continued_under_their_code_and_title()
    {
        var bytes = await Download($"/plans/{await PlanId("040002")}/report/R5?handler=pdf", "application/pdf");
        var words = ExternalTools.PdfWords(bytes);
        Assert.InRange(words.Max(w => w.Page), 1, 8);
        Assert.True(words.Min(w => w.Height) >= 7, $"the smallest text is {words.Min(w => w.Height)} pt");
        // A continuation begins a page, under the repeated header: its title cell says that it goes on.
        Assert.Contains(words, w => w.Text.Contains("（続き）") && w.Page > 1);
    }

    /// <summary>Each seed's layout on a plan the public may read in it (Komae's layout lists Ena's measures: Komae's years are not published).</summary>
    [Theory]
    [InlineData("212105", "R6", ReportTemplate.Ena)]
    [InlineData("040002", "R5", ReportTemplate.Miyagi)]
    [InlineData("052019", "R3", ReportTemplate.Akita)]
    [InlineData("212105", "R6", ReportTemplate.Komae)]
    [InlineData("280003", "R3", ReportTemplate.Hyogo)]
    public async Task Every_seed_layout_prints_its_body_text_at_seven_points_or_more(string organisation, string year, string template)
    {
        var bytes = await Download($"/plans/{await PlanId(organisation, organisation == "280003" ? 5 : 1)}/report/{year}?handler=pdf&template={Uri.EscapeDataString(template)}", "application/pdf");
        var words = ExternalTools.PdfWords(bytes);
        Assert.NotEmpty(words);
        var smallest = words.MinBy(w => w.Height)!;
        Assert.True(smallest.Height >= 7, $"{template}: '{smallest.Text}' is {smallest.Height} pt");
    }

    [Fact]
    public async Task A_column_hidden_on_the_page_is_left_out_of_the_page_and_its_pdf_but_the_code_and_title_stay()
    {
        var plan = await PlanId("212105");
        var page = await Page($"/plans/{plan}/report/R6?hide=3&hide=0&hide=1");
        var headings = page.QuerySelectorAll("table.progress-sheet thead th").Select(h => h.TextContent).ToList();
        Assert.Equal(["番号", "事業", "担当課", "R6評価", "R6実施内容", "R7実施予定"], headings);
        Assert.True(page.QuerySelector("input[name=hide][value='3']")!.HasAttribute("checked"));
        Assert.Null(page.QuerySelector("input[name=hide][value='0']"));
        var pdfLink = page.QuerySelectorAll("a[data-download]").Select(a => a.GetAttribute("href")!).Single(h => h.Contains("handler=pdf"));
        Assert.EndsWith("&hide=3", pdfLink);
        var text = ExternalTools.PdfText(await Download(pdfLink, "application/pdf"));
        Assert.Contains("協力雇用主の支援・拡大及び求人情報の提供", text);
        Assert.DoesNotContain("協力雇用主制度についてリーフレット等によって情報提供", text);
    }

    [Fact]
    public async Task The_pdf_embeds_a_subset_of_the_universal_design_font_rather_than_glyph_drawings()
    {
        var fonts = ExternalTools.PdfFonts(await Download($"/plans/{await PlanId("212105")}/report/R6?handler=pdf", "application/pdf"));
        Assert.Contains(fonts, f => f.Name.EndsWith("+BIZUDPGothic-Regular") && f.Type == "CID TrueType" && f.Embedded);
        Assert.Contains(fonts, f => f.Name.EndsWith("+BIZUDPGothic-Bold") && f.Type == "CID TrueType" && f.Embedded);
        Assert.DoesNotContain(fonts, f => f.Type == "Type 3");
    }

    [Fact]
    public async Task The_csv_is_utf8_with_a_byte_order_mark_and_one_line_per_listing()
    {
        var bytes = await Download($"/plans/{await PlanId("052019")}/report/R3?handler=csv", "text/csv");
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("番号,取組,取組内容,所管課,令和3年度取組予定", lines[0]);
        Assert.Equal(29, lines.Length);
    }

    [Fact]
    public async Task Open_data_offers_the_published_years_as_csv_and_as_json_of_the_documented_schema()
    {
        var planId = await PlanId("212105");
        var page = await Page($"/plans/{planId}/opendata");
        Assert.NotNull(page.QuerySelector($"a[href='/plans/{planId}/report/FY2024']"));
        var csv = await Download($"/plans/{planId}/opendata?handler=csv", "text/csv");
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        var lines = Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("団体コード,団体名,計画名,年度,取組キー", lines[0]);
        Assert.Equal(13, lines.Length);
        using var json = System.Text.Json.JsonDocument.Parse(await Download($"/plans/{planId}/opendata?handler=json", "application/json"));
        var root = json.RootElement;
        Assert.Equal("ayumi-progress/1", root.GetProperty("schema").GetString());
        Assert.Equal(["FY2024"], root.GetProperty("fiscalYears").EnumerateArray().Select(y => y.GetString()));
        var measures = root.GetProperty("measures").EnumerateArray().ToList();
        Assert.Equal(12, measures.Count);
        var housing = measures.Single(m => m.GetProperty("key").GetString() == "(1)-3");
        Assert.Equal("建築住宅課", housing.GetProperty("departments")[0].GetString());
        Assert.Equal("D", housing.GetProperty("entries")[0].GetProperty("grade").GetString());
    }

    [Fact]
    public async Task The_summary_counts_grades_by_policy_and_department_and_draws_charts_with_their_tables()
    {
        var page = await Page($"/plans/{await PlanId("212105")}/report/R6/summary");
        var tables = page.QuerySelectorAll("table.grade-table").ToList();
        string[] Row(int table, string group) => tables[table].QuerySelectorAll("tbody tr")
            .Single(r => r.QuerySelector("th")!.TextContent == group).QuerySelectorAll("td").Select(td => td.TextContent).ToArray();
        Assert.Equal(["9", "0", "0", "3", "0", "12"], Row(0, "恵那市再犯防止推進計画"));
        Assert.Equal(["1", "0", "0", "3", "0", "4"], Row(1, "(1) 住居・就労の確保など"));
        Assert.Equal(["5", "0", "0", "0", "0", "5"], Row(2, "総務課"));
        var chart = page.QuerySelector("svg.chart[role='img']")!;
        Assert.Contains("施策ごとの評価の件数", chart.QuerySelector("title")!.TextContent);
        Assert.Equal(5, chart.QuerySelectorAll("rect > title").Length); // (1) A and D, then A for each other policy
    }

    [Fact]
    public async Task The_grade_chart_colours_grades_by_their_meaning_with_enas_d_neutral_and_every_colour_in_the_stylesheet()
    {
        var page = await Page($"/plans/{await PlanId("212105")}/report/R6/summary");
        var bars = page.QuerySelector("svg.chart[aria-labelledby='chart-policy-title']")!.QuerySelectorAll("rect > title")
            .Select(t => (Class: t.ParentElement!.GetAttribute("class")!, Text: t.TextContent)).ToList();
        Assert.All(bars.Where(b => b.Text.Contains(" A(")), b => Assert.Equal("chart-grade-on-track-0", b.Class));
        Assert.All(bars.Where(b => b.Text.Contains(" D(")), b => Assert.Equal("chart-grade-neutral-0", b.Class));
        Assert.Contains(bars, b => b.Text.Contains(" D(その他)"));
        var css = await _client.GetStringAsync("/css/site.css");
        foreach (var used in page.QuerySelectorAll("svg.chart[aria-labelledby='chart-policy-title'] rect").Select(r => r.GetAttribute("class")).Distinct())
            Assert.Contains($".{used} {{ fill:", css);
    }

    [Fact]
    public async Task A_plan_that_does_not_grade_has_no_grade_chart_but_says_so()
    {
        var page = await Page($"/plans/{await PlanId("040002")}/report/R5/summary");
        Assert.Null(page.QuerySelector("svg.chart[aria-labelledby='chart-policy-title']"));
        Assert.Empty(page.QuerySelectorAll("table.grade-table"));
        Assert.Contains("評価の集計はありません", page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task The_summary_totals_budgets_by_year_with_the_change()
    {
        var page = await Page($"/plans/{await PlanId("040002")}/report/R5/summary");
        var byYear = page.QuerySelectorAll("table.budget-table").First().QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(byYear, r => r.StartsWith("令和5年度") && r.Contains("3,551,827"));
        Assert.NotNull(page.QuerySelector("svg.chart[aria-labelledby='chart-budget-title']"));
    }

    [Fact]
    public async Task The_budget_chart_sets_initial_beside_initial_and_final_beside_final_and_writes_a_final_not_yet_known_as_pending()
    {
        var page = await Page($"/plans/{await PlanId("040002")}/report/R5/summary");
        var chart = page.QuerySelector("svg.chart[aria-labelledby='chart-budget-title']")!;
        var bars = chart.QuerySelectorAll("rect > title").Select(t => (Class: t.ParentElement!.GetAttribute("class"), Text: t.TextContent)).ToList();
        Assert.All(bars.Where(b => b.Class == "chart-series-0"), b => Assert.Contains("当初予算額", b.Text));
        Assert.All(bars.Where(b => b.Class == "chart-series-1"), b => Assert.Contains("最終予算額", b.Text));
        // R5's final budget stands with R5, R6's initial budget with R6: never R5's final beside R6's initial.
        Assert.Contains(("chart-series-1", "令和5年度 最終予算額: 3,551,827千円"), bars);
        Assert.Contains(bars, b => b.Class == "chart-series-0" && b.Text.StartsWith("令和6年度 当初予算額: "));
        Assert.Contains(("chart-pending", "令和6年度 最終予算額: 未確定"), bars);
        // R5's initial budget is not in the document: none, written as such and drawn as no bar, apart from 0.
        Assert.Contains(chart.QuerySelectorAll("text.chart-text--missing"), t => t.TextContent == "なし");
        Assert.DoesNotContain(bars, b => b.Text.StartsWith("令和5年度 当初予算額"));
        var byYear = page.QuerySelectorAll("table.budget-table").First().QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(byYear, r => r.StartsWith("令和6年度") && r.Contains("未確定"));
    }

    [Fact]
    public async Task A_plan_page_opens_on_the_latest_year_that_reports_results_or_grades()
    {
        // Miyagi's R6 carries only the plans and budgets the R5 sheet wrote for it; R5 is the year the document reports.
        var page = await Page($"/plans/{await PlanId("040002")}");
        Assert.Equal("令和5年度の進行管理シート", page.QuerySelector("a.button[href$='/report/FY2023']")?.TextContent);
        Assert.Equal("FY2023", page.QuerySelector("#year option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Komaes_matrix_marks_each_department_responsible_for_a_measure()
    {
        var page = await Page($"/plans/{await PlanId("132195")}/matrix");
        var departments = page.QuerySelectorAll("table.matrix thead th.matrix__department").Select(th => th.TextContent).ToList();
        var shared = page.QuerySelectorAll("table.matrix tbody tr").Single(r => r.QuerySelector("td.code")!.TextContent == "3-3-1");
        var marked = shared.QuerySelectorAll("td.matrix__mark").Select((td, i) => (td, i)).Where(x => x.td.TextContent.Contains('●')).Select(x => departments[x.i]);
        Assert.Equal(new[] { "福祉政策課", "学校教育課" }.Order(), marked.Order());
    }
}

public sealed class SqliteProgressSheetTests(SqliteAyumi fixture) : ProgressSheetTests(fixture), IClassFixture<SqliteAyumi>;

public sealed class PostgresProgressSheetTests(PostgresAyumi fixture) : ProgressSheetTests(fixture), IClassFixture<PostgresAyumi>;

/// <summary>LibreOffice and poppler, installed by scripts/test.sh, to look at exported files as a user's tools would.</summary>
internal static class ExternalTools
{
    public static byte[] LibreOfficeToCsv(byte[] xlsx)
    {
        var folder = Directory.CreateTempSubdirectory("ayumi-lo-").FullName;
        try
        {
            var input = Path.Combine(folder, "sheet.xlsx");
            File.WriteAllBytes(input, xlsx);
            Run("libreoffice", ["--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", folder, input], folder);
            return File.ReadAllBytes(Path.Combine(folder, "sheet.csv"));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    public static string PdfText(byte[] pdf) => WithPdf(pdf, (folder, input) =>
    {
        // In content-stream order a table cell's lines follow each other; joined, they give its text back whole.
        Run("pdftotext", ["-raw", input, Path.Combine(folder, "out.txt")], folder);
        return File.ReadAllText(Path.Combine(folder, "out.txt")).Replace("\n", "");
    });

    public sealed record PdfWord(int Page, string Text, double Height);

    /// <summary>The words of a PDF with their page and height in points (pdftotext -bbox: the height of a word's box is its font size).</summary>
    public static IReadOnlyList<PdfWord> PdfWords(byte[] pdf) => WithPdf(pdf, (folder, input) =>
    {
        Run("pdftotext", ["-bbox", input, Path.Combine(folder, "out.html")], folder);
        var words = new List<PdfWord>();
        var page = 0;
        foreach (var line in File.ReadLines(Path.Combine(folder, "out.html")))
        {
            if (line.TrimStart().StartsWith("<page ")) page++;
            var word = System.Text.RegularExpressions.Regex.Match(line, "<word xMin=\"[^\"]+\" yMin=\"([^\"]+)\" xMax=\"[^\"]+\" yMax=\"([^\"]+)\">([^<]*)</word>");
            if (!word.Success) continue;
            double Number(int group) => double.Parse(word.Groups[group].Value, System.Globalization.CultureInfo.InvariantCulture);
            words.Add(new PdfWord(page, System.Net.WebUtility.HtmlDecode(word.Groups[3].Value), Math.Round(Number(2) - Number(1), 2)));
        }
        return words;
    });

    public sealed record PdfFont(string Name, string Type, bool Embedded);

    /// <summary>The fonts in a PDF as pdffonts lists them.</summary>
    public static IReadOnlyList<PdfFont> PdfFonts(byte[] pdf) => WithPdf(pdf, (folder, input) =>
    {
        var listing = Run("pdffonts", [input], folder).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // Fixed-width columns under a dashed rule: name, type, encoding, emb, sub, uni, object ID.
        var rule = listing[1].Split(' ');
        int Start(int column) => rule.Take(column).Sum(dashes => dashes.Length + 1);
        string Column(string line, int column) => line[Start(column)..Math.Min(line.Length, Start(column + 1))].Trim();
        return listing.Skip(2).Select(line => new PdfFont(Column(line, 0), Column(line, 1), Column(line, 3) == "yes")).ToList();
    });

    /// <summary>The share of the first page's pixels that are not white, from a greyscale rendering.</summary>
    public static double PdfFirstPageInkRatio(byte[] pdf) => WithPdf(pdf, (folder, input) =>
    {
        Run("pdftoppm", ["-gray", "-r", "40", "-f", "1", "-l", "1", input, Path.Combine(folder, "page")], folder);
        var image = File.ReadAllBytes(Directory.GetFiles(folder, "page*.pgm").Single());
        // A binary PGM: "P5\n<width> <height>\n<max>\n" then one byte per pixel.
        var header = 0;
        for (var fields = 0; fields < 4; header++)
            if (char.IsWhiteSpace((char)image[header]) && header > 0 && !char.IsWhiteSpace((char)image[header - 1])) fields++;
        var pixels = image[header..];
        return pixels.Count(p => p < 200) / (double)pixels.Length;
    });

    private static T WithPdf<T>(byte[] pdf, Func<string, string, T> work)
    {
        var folder = Directory.CreateTempSubdirectory("ayumi-pdf-").FullName;
        try
        {
            var input = Path.Combine(folder, "in.pdf");
            File.WriteAllBytes(input, pdf);
            return work(folder, input);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    private static string Run(string tool, string[] arguments, string home)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["HOME"] = home;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), $"{tool} did not finish in 2 minutes");
        Assert.True(process.ExitCode == 0, $"{tool} failed: {errors}");
        return output;
    }
}
