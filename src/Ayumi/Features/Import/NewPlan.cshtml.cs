using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Plans;
using Ayumi.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Import;

/// <summary>
/// シートから計画を作成: an uploaded sheet that no plan's period holds starts its plan. The page
/// shows what the sheet says (years, codes, section rows, grades) and asks, with proposals from
/// it, what the sheet cannot say: the period, the levels and the grade scale (and the name,
/// generation and predecessor, as any new plan). The answers go with the upload to the preview,
/// whose commit creates the plan and reads the sheet into it in one save.
/// </summary>
[Authorize]
public sealed class NewPlanModel(AyumiDbContext db, CurrentMember current, ImportUploads uploads, ImportRun run, IConfiguration configuration, TimeProvider clock) : PageModel
{
    public Organisation Organisation { get; private set; } = null!;
    public UploadedFile Upload { get; private set; } = null!;
    public IReadOnlyList<Plan> Plans { get; private set; } = [];
    /// <summary>What the sheets say, read by the same import the preview runs.</summary>
    public IReadOnlyList<SheetFacts> Sheets { get; private set; } = [];
    public Notice? Notice { get; private set; }

    [BindProperty] public PlanSettingsForm Form { get; set; } = new();
    /// <summary>How many levels the sheet has above its measures, read on the page before: a plan with another number could not hold its rows.</summary>
    [BindProperty] public int LevelsAboveMeasures { get; set; }

    public string PreviewUrl => $"/organisations/{Organisation.Code}/import/{Upload.Id}";

    public async Task<IActionResult> OnGetAsync(string code, string id, CancellationToken ct)
    {
        if (await LoadAsync(code, id, ct) is { } refused) return refused;
        var report = await ReadAsync(ct);
        // A sheet whose header was not recognised says nothing to propose from: its columns are mapped first.
        if (report.Sheets.Count == 0) return Redirect(PreviewUrl);
        Sheets = report.Sheets;
        LevelsAboveMeasures = PlanFromSheet.LevelsAboveMeasures(report);
        Form = Upload.NewPlan ?? PlanFromSheet.Propose(Organisation, Plans, report, Upload.PlanName, uploads.YearOf(Upload),
            FiscalYear.Containing(DateOnly.FromDateTime(clock.GetLocalNow().DateTime)));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, string id, CancellationToken ct)
    {
        if (await LoadAsync(code, id, ct) is { } refused) return refused;
        var settings = Form.Read(Plans, out var problem);
        if (settings is null) return await AskAgainAsync(Notice.Error(problem!.Value.Key, problem.Value.Arguments), ct);
        if (settings.Levels.Count - 1 != LevelsAboveMeasures)
            return await AskAgainAsync(Notice.Error("planFromSheet.levelsCount", LevelsAboveMeasures, settings.Levels.Count - 1), ct);
        try { Plan.Validate(Organisation, null, settings); }
        catch (DomainException e) { return await AskAgainAsync(Notice.Refused(e), ct); }
        uploads.Update(Upload with { NewPlan = Form, PlanName = null });
        return Redirect(PreviewUrl);
    }

    private async Task<IActionResult> AskAgainAsync(Notice notice, CancellationToken ct)
    {
        Notice = notice;
        Sheets = (await ReadAsync(ct)).Sheets;
        return Page();
    }

    /// <summary>The sheet read as the preview reads it, stored nothing, for what it says.</summary>
    private async Task<ImportReport> ReadAsync(CancellationToken ct)
    {
        MappingProfile? profile = Upload.ProfileId is { } profileId
            ? await db.MappingProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.Id == profileId && p.OrganisationId == Organisation.Id, ct)
            : null;
        var options = new ImportOptions(Profile: profile, Year: uploads.YearOf(Upload));
        await using var content = uploads.Open(Upload);
        var report = await run.RunAsync(Organisation.Code, Upload.FileName, content, options, commit: false, ImportAccess.Limits(configuration), ct);
        // The read left the organisation's plans detached; the form's rules look at them again.
        await LoadPlansAsync(ct);
        return report;
    }

    private async Task<IActionResult?> LoadAsync(string code, string id, CancellationToken ct)
    {
        var (organisation, refused) = await OrganisationAccess.ManagedAsync(db, current, code, ct);
        if (refused is not null) return refused;
        Organisation = organisation!;
        var me = await current.GetAsync(ct);
        if (uploads.Find(id, Organisation.Code.Value, me.UserId!) is not { } upload) return NotFound();
        Upload = upload;
        await LoadPlansAsync(ct);
        return null;
    }

    private async Task LoadPlansAsync(CancellationToken ct)
    {
        Organisation = (await PlanSettingsForm.LoadAsync(db, Organisation.Id, ct))!;
        Plans = Organisation.Plans.OrderBy(p => p.Generation).ThenBy(p => p.PeriodStart).ToList();
    }
}
