using Ayumi.Domain;
using Ayumi.Features.Reports;
using Ayumi.Localization;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Configuration;

namespace Ayumi.Benchmarks;

/// <summary>
/// The progress sheet of the generated 500-measure plan (<see cref="ReportPlan"/>) in the Miyagi
/// and Ena layouts: reading it from SQLite alone (the baseline), building the sheet, and the
/// page's table, workbook and CSV end to end. The PDF is in <see cref="ReportPdfBenchmarks"/>.
/// The database is written once to the temporary folder and kept (<see cref="ReportPlan.SharedDatabaseAsync"/>).
/// </summary>
[MemoryDiagnoser]
public class ReportBenchmarks
{
    private string _db = "";
    private int _planId;
    private ReportTemplate _template = null!;
    private Plan _plan = null!;
    private ProgressSheet _sheet = null!;
    private readonly Func<string, string> _text = new UiText().Index;

    [Params(ReportTemplate.Miyagi, ReportTemplate.Ena)]
    public string Template { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        (_db, _planId) = ReportPlan.SharedDatabaseAsync().GetAwaiter().GetResult();
        _template = ReportTemplate.BuiltIn.Single(t => t.Name == Template);
        _plan = Load().GetAwaiter().GetResult();
        _sheet = ProgressSheet.Build(_plan, ReportPlan.ReportedYears[^1], _template, _text);
    }

    /// <summary>The baseline: the report's queries in a new context, as a request runs them.</summary>
    [Benchmark(Baseline = true)]
    public async Task<Plan> DbRead() => await Load();

    [Benchmark]
    public ProgressSheet Build() => ProgressSheet.Build(_plan, ReportPlan.ReportedYears[^1], _template, _text);

    [Benchmark]
    public async Task<string> PageTable() => ProgressSheetHtml.Table(ProgressSheet.Build(await Load(), ReportPlan.ReportedYears[^1], _template, _text), SheetColumns.All, false, _text);

    [Benchmark]
    public async Task<byte[]> Workbook() => ProgressSheetWorkbook.Write(ProgressSheet.Build(await Load(), ReportPlan.ReportedYears[^1], _template, _text), _text);

    [Benchmark]
    public byte[] WorkbookWriteOnly() => ProgressSheetWorkbook.Write(_sheet, _text);

    [Benchmark]
    public async Task<byte[]> Csv() => ProgressSheetCsv.Write(ProgressSheet.Build(await Load(), ReportPlan.ReportedYears[^1], _template, _text));

    private async Task<Plan> Load()
    {
        await using var db = ReportPlan.Context(_db);
        return (await ReportQueries.LoadAsync(db, _planId, CancellationToken.None))!;
    }
}

/// <summary>
/// The PDF of the same sheets, Chromium started in the setup. One PDF takes seconds: run it with
/// <c>--job short --inProcess</c>; the default job would take many minutes per layout.
/// </summary>
[MemoryDiagnoser]
public class ReportPdfBenchmarks
{
    private string _db = "";
    private int _planId;
    private ReportTemplate _template = null!;
    private PdfRenderer _pdf = null!;
    private readonly Func<string, string> _text = new UiText().Index;

    [Params(ReportTemplate.Miyagi, ReportTemplate.Ena)]
    public string Template { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        (_db, _planId) = ReportPlan.SharedDatabaseAsync().GetAwaiter().GetResult();
        _template = ReportTemplate.BuiltIn.Single(t => t.Name == Template);
        _pdf = new PdfRenderer(new ConfigurationBuilder().AddEnvironmentVariables().Build());
        _pdf.RenderAsync("start", new HtmlString("<p>start</p>"), UiText.Japanese, CancellationToken.None).GetAwaiter().GetResult().Dispose();
    }

    [GlobalCleanup]
    public void Cleanup() => _pdf.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public async Task<long> Pdf()
    {
        await using var db = ReportPlan.Context(_db);
        var sheet = ProgressSheet.Build((await ReportQueries.LoadAsync(db, _planId, CancellationToken.None))!, ReportPlan.ReportedYears[^1], _template, _text);
        await using var pdf = await _pdf.RenderAsync(sheet.Plan.Name, ProgressSheetHtml.ForPrint(sheet, SheetColumns.All, _text), UiText.Japanese, CancellationToken.None);
        return pdf.Length;
    }
}

internal static class UiTextExtensions
{
    public static string Index(this UiText text, string key) => text[key];
}
