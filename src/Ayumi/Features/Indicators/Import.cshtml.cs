using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Import;
using Ayumi.Features.Import.Reading;
using Ayumi.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Indicators;

/// <summary>
/// The secretariat imports an indicator sheet (one column per year): the file is read and
/// previewed, every problem named by sheet, row and column; the commit records every value or none.
/// </summary>
[Authorize]
[RequestSizeLimit(UploadLimitBytes), RequestFormLimits(MultipartBodyLengthLimit = UploadLimitBytes)]
public sealed class ImportModel(AyumiDbContext db, CurrentMember current, ImportUploads uploads, IndicatorImport import, IConfiguration configuration) : PageModel
{
    private const long UploadLimitBytes = 256L * 1024 * 1024;

    public Plan Plan { get; private set; } = null!;
    public IndicatorSheet? Sheet { get; private set; }
    public string? FileName { get; private set; }
    public Notice? Notice { get; private set; }

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? UploadId { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (Request.Query["saved"] is { Count: > 0 } saved) Notice = Notice.Success("indicatorImport.committed", saved.ToString());
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var limits = ImportAccess.Limits(configuration);
        if (Upload is null || Upload.Length == 0) return Show(Notice.Error("import.chooseFile"));
        if (Upload.Length > limits.MaxFileBytes) return Show(Notice.Error("import.uploadTooLarge", Upload.FileName, limits.MaxFileBytes / 1024 / 1024));
        var me = await current.GetAsync(ct);
        await using (var content = Upload.OpenReadStream())
        {
            var saved = await uploads.SaveAsync(content, Upload.FileName, Plan.Organisation.Code.Value, me.UserId!, Plan.Name, null, null, ct);
            UploadId = saved.Id;
        }
        return await ReadAsync(commit: false, ct);
    }

    public async Task<IActionResult> OnPostCommitAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        return await ReadAsync(commit: true, ct);
    }

    private async Task<IActionResult> ReadAsync(bool commit, CancellationToken ct)
    {
        var me = await current.GetAsync(ct);
        if (UploadId is null || uploads.Find(UploadId, Plan.Organisation.Code.Value, me.UserId!) is not { PlanName: var planName } upload || planName != Plan.Name)
            return Show(Notice.Error("indicatorImport.gone"));
        FileName = upload.FileName;
        try
        {
            await using var content = uploads.Open(upload);
            Sheet = await import.ReadAsync(Plan, upload.FileName, content, ImportAccess.Limits(configuration), ct);
        }
        catch (ImportFileException e)
        {
            uploads.Remove(upload);
            return Show(Notice.Error(e.Problem.Key, [.. e.Problem.Arguments]));
        }
        if (!commit || Sheet.HasErrors) return Page();
        if (!await import.CommitAsync(Sheet, ct)) return Show(Notice.Error("indicatorImport.refused"));
        uploads.Remove(upload);
        return Redirect($"/plans/{Plan.Id}/indicators/import?saved={Sheet.Changes.Count}");
    }

    private PageResult Show(Notice notice)
    {
        Notice = notice;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var plan = await db.Plans.Include(p => p.Organisation).Include(p => p.Indicators).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null) return NotFound();
        var me = await current.GetAsync(ct);
        if (!me.CanManage(plan.OrganisationId)) return Forbid();
        Plan = plan;
        return null;
    }
}
