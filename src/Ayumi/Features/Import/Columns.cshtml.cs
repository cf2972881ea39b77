using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Import.Layout;
using Ayumi.Features.Import.Reading;
using Ayumi.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Import;

/// <summary>
/// When a sheet's headers are not recognised: the secretariat says what each column holds
/// and for which year, and saves the mapping under a name to reuse next year.
/// </summary>
[Authorize]
public sealed class ColumnsModel(AyumiDbContext db, CurrentMember current, ImportUploads uploads, ImportGate gate, IConfiguration configuration, Localization.UiText text) : PageModel
{
    private const int SampleRows = 3;

    public Organisation Organisation { get; private set; } = null!;
    public UploadedFile Upload { get; private set; } = null!;
    public string SheetName { get; private set; } = "";
    public IReadOnlyList<SheetRow> CandidateRows { get; private set; } = [];
    public IReadOnlyList<(string Heading, string Sample)> SourceColumns { get; private set; } = [];
    public Notice? Notice { get; private set; }

    /// <summary>The row that holds the headings (1-based, as the sheet numbers it).</summary>
    [BindProperty(SupportsGet = true)] public int HeaderRow { get; set; }
    /// <summary>Null when the form sends it empty (model binding turns empty strings into null).</summary>
    [BindProperty] public string? ProfileName { get; set; }
    [BindProperty] public string? Year { get; set; }
    [BindProperty] public List<ImportField> Fields { get; set; } = [];
    /// <summary>Per column: empty (no year), or the offset from <see cref="Year"/> (0 this year, 1 the next).</summary>
    [BindProperty] public List<string?> YearOffsets { get; set; } = [];

    public static IReadOnlyList<int> Offsets { get; } = [-1, 0, 1];

    public async Task<IActionResult> OnGetAsync(string code, string id, CancellationToken ct)
    {
        if (await LoadAsync(code, id, ct) is { } refused) return refused;
        Year = Upload.Year;
        Fields = SourceColumns.Select(c => HeaderVocabulary.Recognise(c.Heading)?.Field ?? ImportField.Ignore).ToList();
        YearOffsets = SourceColumns.Select(c => HeaderVocabulary.Recognise(c.Heading) is { Year: null } r && r.Field.IsYearly() ? "0" : null).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, string id, CancellationToken ct)
    {
        if (await LoadAsync(code, id, ct) is { } refused) return refused;
        FiscalYear? year = null;
        if (!string.IsNullOrWhiteSpace(Year))
        {
            if (!FiscalYear.TryParse(Year, out var parsed))
            {
                Notice = Notice.Error("cycle.badYear", Year);
                return Page();
            }
            year = parsed;
        }
        var columns = SourceColumns.Select((c, i) => new ProfileColumn(c.Heading, i < Fields.Count ? Fields[i] : ImportField.Ignore,
            i < YearOffsets.Count && int.TryParse(YearOffsets[i], out var offset) ? offset : null)).ToList();
        if (year is null && columns.Any(c => c.Field.IsYearly() && c.YearOffset is not null && HeaderVocabulary.Recognise(c.Heading)?.Year is null))
        {
            Notice = Notice.Error("import.profileNeedsYear");
            return Page();
        }
        var name = ProfileName?.Trim() ?? "";
        var organisation = await db.Organisations.SingleAsync(o => o.Id == Organisation.Id, ct);
        var profile = name.Length == 0 ? null : await db.MappingProfiles.FirstOrDefaultAsync(p => p.OrganisationId == Organisation.Id && p.Name == name, ct);
        try
        {
            if (profile is null) db.MappingProfiles.Add(profile = new MappingProfile(organisation, name, columns));
            else profile.Replace(columns);
        }
        catch (DomainException e)
        {
            // The rule names the field by its enum name; the screen shows it as the select does.
            Notice = e.Key == "import.profileFieldTwice" && e.Arguments is [string field]
                ? Notice.Error(e.Key, text["import.field." + field])
                : Notice.Refused(e);
            return Page();
        }
        await db.SaveChangesAsync(ct);
        uploads.Update(Upload with { ProfileId = profile.Id, Year = year?.ToString() ?? Upload.Year });
        return Redirect($"/organisations/{Organisation.Code}/import/{Upload.Id}");
    }

    private async Task<IActionResult?> LoadAsync(string code, string id, CancellationToken ct)
    {
        var (organisation, refused) = await OrganisationAccess.ManagedAsync(db, current, code, ct);
        if (refused is not null) return refused;
        Organisation = organisation!;
        var me = await current.GetAsync(ct);
        var upload = uploads.Find(id, Organisation.Code.Value, me.UserId!);
        if (upload is null) return NotFound();
        Upload = upload;
        Workbook workbook;
        try
        {
            await using var content = uploads.Open(upload);
            workbook = await gate.RunAsync(upload.FileName,
                token => Task.FromResult(WorkbookReader.Read(upload.FileName, content, ImportAccess.Limits(configuration), cancellationToken: token)), ct);
        }
        catch (ImportFileException)
        {
            // The preview says what is wrong with the file (or that the server is busy).
            return Redirect($"/organisations/{Organisation.Code}/import/{upload.Id}");
        }
        var sheet = workbook.Sheets.First(s => s.Rows.Any(r => !r.IsBlank));
        SheetName = sheet.Name;
        CandidateRows = sheet.Rows.Where(r => !r.IsBlank).Take(15).ToList();
        if (CandidateRows.All(r => r.Number != HeaderRow)) HeaderRow = CandidateRows.OrderByDescending(r => r.Cells.Count(c => c.Trim().Length > 0)).First().Number;
        var headings = SheetLayout.Headings(sheet, HeaderRow, HeaderRow);
        var samples = sheet.Rows.Where(r => r.Number > HeaderRow && !r.IsBlank).Take(SampleRows).ToList();
        SourceColumns = headings.Select((h, i) => (h, string.Join("\n", samples.Select(r => Shorten(r[i])).Where(t => t.Length > 0))))
            .Where(c => c.Item1.Length > 0).ToList();
        return null;
    }

    private static string Shorten(string text) => text.Length <= 30 ? text : text[..30] + "…";
}
