using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Import;

/// <summary>The secretariat uploads a progress sheet; the next page previews what it will do.</summary>
[Authorize]
[RequestSizeLimit(UploadLimitBytes), RequestFormLimits(MultipartBodyLengthLimit = UploadLimitBytes)]
public sealed class IndexModel(AyumiDbContext db, CurrentMember current, ImportUploads uploads, IConfiguration configuration, Localization.UiText text) : PageModel
{
    /// <summary>The request may be larger than the configured file limit, so that a file just over it gets a clear message rather than a bare 413.</summary>
    private const long UploadLimitBytes = 256L * 1024 * 1024;

    public Organisation Organisation { get; private set; } = null!;
    public IReadOnlyList<string> PlanNames { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Profiles { get; private set; } = [];
    public long MaxFileBytes => ImportAccess.Limits(configuration).MaxFileBytes;
    public Notice? Notice { get; private set; }

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? PlanName { get; set; }
    [BindProperty] public string? Year { get; set; }
    [BindProperty] public int? ProfileId { get; set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct) => await LoadAsync(code, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is { } refused) return refused;
        if (Upload is null || Upload.Length == 0) return Refuse(Notice.Error("import.chooseFile"));
        if (Upload.Length > MaxFileBytes) return Refuse(Notice.Error("import.uploadTooLarge", Upload.FileName, MaxFileBytes / 1024 / 1024));
        if (!string.IsNullOrWhiteSpace(Year) && !FiscalYear.TryParse(Year, out _)) return Refuse(Notice.Error("cycle.badYear", Year));
        var me = await current.GetAsync(ct);
        await using var content = Upload.OpenReadStream();
        var saved = await uploads.SaveAsync(content, Upload.FileName, Organisation.Code.Value, me.UserId!, NullIfBlank(PlanName), NullIfBlank(Year),
            Profiles.Any(p => p.Id == ProfileId) ? ProfileId : null, ct);
        var preview = $"/organisations/{Organisation.Code}/import/{saved.Id}";
        return WantsJson ? new JsonResult(new { location = preview }) : Redirect(preview);
    }

    /// <summary>The upload script asks for JSON so that it can show the message beside its progress bar.</summary>
    private bool WantsJson => Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal);

    private IActionResult Refuse(Notice notice)
    {
        Notice = notice;
        return WantsJson ? new JsonResult(new { message = text.Format(notice.Key, [.. notice.Arguments]) }) { StatusCode = 400 } : Page();
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private async Task<IActionResult?> LoadAsync(string code, CancellationToken ct)
    {
        var (organisation, refused) = await OrganisationAccess.ManagedAsync(db, current, code, ct);
        if (refused is not null) return refused;
        Organisation = organisation!;
        PlanNames = await db.Plans.Where(p => p.OrganisationId == Organisation.Id).OrderBy(p => p.Generation).Select(p => p.Name).ToListAsync(ct);
        Profiles = (await db.MappingProfiles.Where(p => p.OrganisationId == Organisation.Id).OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(ct))
            .Select(p => (p.Id, p.Name)).ToList();
        return null;
    }
}
