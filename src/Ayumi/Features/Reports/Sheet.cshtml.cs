using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Review;
using Ayumi.Features.Shared;
using Ayumi.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Reports;

/// <summary>
/// The progress sheet of a plan for a fiscal year, as a page and as .xlsx, PDF and CSV
/// downloads. Everyone sees published years; the secretariat also sees years still in work.
/// </summary>
public sealed class SheetModel(AyumiDbContext db, CurrentMember current, UiText text, PdfRenderer pdf) : PageModel
{
    public ProgressSheet Sheet { get; private set; } = null!;
    public IReadOnlyList<FiscalYear> Years { get; private set; } = [];
    public IReadOnlyList<string> Templates { get; private set; } = [];
    public bool ShowPrevious { get; private set; }
    public SheetColumns Columns { get; private set; } = SheetColumns.All;

    public async Task<IActionResult> OnGetAsync(int id, string? year, string? template, bool previous, int[]? hide, CancellationToken ct)
    {
        if (await LoadAsync(id, year, template, ct) is { } refused) return refused;
        ShowPrevious = previous;
        Columns = SheetColumns.Hiding(hide);
        return Page();
    }

    public async Task<IActionResult> OnGetXlsxAsync(int id, string? year, string? template, CancellationToken ct) =>
        await LoadAsync(id, year, template, ct) ?? File(ProgressSheetWorkbook.Write(Sheet, k => text[k]),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileName("xlsx"));

    public async Task<IActionResult> OnGetCsvAsync(int id, string? year, string? template, CancellationToken ct) =>
        await LoadAsync(id, year, template, ct) ?? File(ProgressSheetCsv.Write(Sheet), "text/csv; charset=utf-8", FileName("csv"));

    /// <param name="hide">The columns the reader hid on the page (<see cref="SheetColumns"/>), left out of the PDF as well.</param>
    public async Task<IActionResult> OnGetPdfAsync(int id, string? year, string? template, int[]? hide, CancellationToken ct)
    {
        if (await LoadAsync(id, year, template, ct) is { } refused) return refused;
        var body = ProgressSheetHtml.ForPrint(Sheet, SheetColumns.Hiding(hide), k => text[k]);
        try
        {
            return File(await pdf.RenderAsync(Title, body, UiText.CurrentLanguage, ct), "application/pdf", FileName("pdf"));
        }
        catch (PdfUnavailableException e)
        {
            // The sheet's page, with what to install for the one who can install it, and the plain fact for everyone else.
            PdfProblem = (await current.GetAsync(ct)).IsAdministrator
                ? Notice.Error("reports.pdfUnavailableAdmin", e.Missing == PdfUnavailableException.Part.Chromium
                    ? text.Format("reports.pdfNoChromium", e.ChromiumPath, PdfUnavailableException.Install) : text.Format("reports.pdfNoFont", PdfUnavailableException.Install))
                : Notice.Error("reports.pdfUnavailable");
            Columns = SheetColumns.Hiding(hide);
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }
    }

    /// <summary>Why the PDF asked for could not be made, shown on the sheet's page.</summary>
    public Notice? PdfProblem { get; private set; }

    public string Title => ProgressSheetHtml.Title(Sheet, k => text[k]);

    private string FileName(string extension) => $"{Sheet.Plan.Name}_{Sheet.Year.ToJapanese()}_進行管理.{extension}";

    private async Task<IActionResult?> LoadAsync(int id, string? year, string? template, CancellationToken ct)
    {
        var plan = await ReportQueries.LoadAsync(db, id, ct);
        if (plan is null) return NotFound();
        var me = await current.GetAsync(ct);
        var all = await ReportQueries.TemplatesAsync(db, plan.OrganisationId, ct);
        Templates = all.Select(t => t.Name).ToList();
        var chosen = all.FirstOrDefault(t => t.Name == template) ?? all.FirstOrDefault(t => t.Name == plan.ReportTemplateName) ?? ReportTemplate.BuiltIn[0];
        var visible = ReportYears.VisibleTo(me, plan, chosen);
        FiscalYear fiscalYear;
        if (year is null && visible.Count > 0) fiscalYear = chosen.ListsIndicators ? visible[^1] : plan.LatestReportedYear(visible);
        else if (!FiscalYear.TryParse(year, out fiscalYear)) return NotFound();
        if (!visible.Contains(fiscalYear)) return me.IsSignedIn ? NotFound() : Challenge();
        // A layout reads other years than the one asked for too (last year's wording, next year's budget).
        me.Withhold(db, plan);
        Years = visible;
        Sheet = ProgressSheet.Build(plan, fiscalYear, chosen, k => text[k])
            .WithOpinions(chosen.ListsIndicators ? null : await OpinionQueries.SectionAsync(db, plan, fiscalYear, me, k => text[k], ct));
        return null;
    }
}
