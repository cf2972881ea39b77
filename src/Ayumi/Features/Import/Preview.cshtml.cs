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
/// What an uploaded file will create, change and leave alone, with every problem by sheet,
/// row and column; unknown departments can be mapped to existing ones; the commit writes
/// everything or nothing. When no plan holds the sheet's years, it offers to create one from the
/// sheet (<see cref="NewPlanModel"/>), and an organisation with no plan yet goes there at once; the
/// plan answered there is created by the commit, with the sheet read into it.
/// </summary>
[Authorize]
public sealed class PreviewModel(AyumiDbContext db, CurrentMember current, ImportUploads uploads, ImportRun run, IConfiguration configuration) : PageModel
{
    /// <summary>More rows than this are counted but not listed, to keep the page light.</summary>
    public const int RowsListed = 300;

    public Organisation Organisation { get; private set; } = null!;
    public UploadedFile Upload { get; private set; } = null!;
    public ImportReport Report { get; private set; } = null!;
    public string? ProfileName { get; private set; }
    public IReadOnlyList<string> NewDepartments { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Departments { get; private set; } = [];
    public bool Committed { get; private set; }
    /// <summary>The plan the commit creates, as answered in the wizard; null when the sheet goes into a stored plan.</summary>
    public PlanSettings? NewPlan { get; private set; }
    /// <summary>The plan created by the commit.</summary>
    public int? CreatedPlanId { get; private set; }
    public bool OrganisationHasPlans { get; private set; }
    /// <summary>No plan holds the sheet's years: creating one from the sheet is offered.</summary>
    public bool OffersNewPlan => !Committed && NewPlan is null && Report.WantsNewPlan && Report.Sheets.Count > 0;
    public string WizardUrl => $"/organisations/{Organisation.Code}/import/{Upload.Id}/plan";
    public bool HeaderMissing => Report.Problems.Any(p => p.Key is "import.noHeader" or "import.sheetSkipped");

    /// <summary>The years the file holds entries for, in the plans it goes into, as the preview offers to mark them published.</summary>
    public IReadOnlyList<FiscalYear> YearsRead => Report.YearsRead.Values.SelectMany(y => y).Distinct().Order().ToList();

    /// <summary>Written department name → chosen department id (0: create it).</summary>
    [BindProperty] public Dictionary<string, int> DepartmentMap { get; set; } = [];

    /// <summary>Mark the imported years as published: past sheets that were public documents.</summary>
    [BindProperty] public bool PublishYears { get; set; }

    public async Task<IActionResult> OnGetAsync(string code, string id, CancellationToken ct)
    {
        if (await LoadAsync(code, id, ct) is { } refused) return refused;
        if (!await RunAsync(commit: false, ct)) return Redirect(WizardUrl);
        // An organisation without a plan has nothing to import into but the plan the sheet starts.
        return OffersNewPlan && !OrganisationHasPlans ? Redirect(WizardUrl) : Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, string id, CancellationToken ct)
    {
        if (await LoadAsync(code, id, ct) is { } refused) return refused;
        if (WizardWanted || !await RunAsync(commit: true, ct)) return Redirect(WizardUrl);
        if (!Report.HasErrors)
        {
            Committed = true;
            uploads.Remove(Upload);
            if (NewPlan is not null)
                CreatedPlanId = await db.Plans.Where(p => p.OrganisationId == Organisation.Id && p.Name == NewPlan.Name.Trim()).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        }
        return Page();
    }

    /// <summary>The plan chosen when more than one plan's period holds the sheet's years: the preview runs again with it.</summary>
    public async Task<IActionResult> OnPostPlanAsync(string code, string id, string plan, CancellationToken ct)
    {
        if (await LoadAsync(code, id, ct) is { } refused) return refused;
        if (!await db.Plans.AnyAsync(p => p.OrganisationId == Organisation.Id && p.Name == plan, ct)) return BadRequest();
        uploads.Update(Upload with { PlanName = plan });
        return RedirectToPage(new { code, id });
    }

    /// <summary>An organisation with no plan never gets a plan of guessed settings: the wizard asks for them.</summary>
    private bool WizardWanted => !OrganisationHasPlans && Upload.NewPlan is null;

    /// <summary>Runs the import; false when the plan answered in the wizard can no longer be created as it was (its name taken since), to be answered again.</summary>
    private async Task<bool> RunAsync(bool commit, CancellationToken ct)
    {
        string? planName = Upload.PlanName;
        NewPlanSettings? newPlan = null;
        if (Upload.NewPlan is { } answers)
        {
            var organisation = (await PlanSettingsForm.LoadAsync(db, Organisation.Id, ct))!;
            NewPlan = answers.Read(organisation.Plans, out _);
            if (NewPlan is null || organisation.Plans.Any(p => p.Name == NewPlan.Name.Trim())) return false;
            (planName, newPlan) = PlanFromSheet.Options(NewPlan);
            db.ChangeTracker.Clear();
        }
        MappingProfile? profile = null;
        if (Upload.ProfileId is { } profileId)
        {
            profile = await db.MappingProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.Id == profileId && p.OrganisationId == Organisation.Id, ct);
            ProfileName = profile?.Name;
        }
        var map = DepartmentMap.Where(d => d.Value > 0 && Departments.Any(x => x.Id == d.Value)).ToDictionary(d => d.Key, d => d.Value);
        var options = new ImportOptions(planName, newPlan, Profile: profile, Year: uploads.YearOf(Upload), DepartmentMap: map, PublishYears: commit && PublishYears);
        await using (var content = uploads.Open(Upload))
            Report = await run.RunAsync(Organisation.Code, Upload.FileName, content, options, commit, ImportAccess.Limits(configuration), ct);
        NewDepartments = Report.Problems.Where(p => p.Key == "import.newDepartment").Select(p => (string)p.Arguments[0]).Distinct().ToList();
        return true;
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
        OrganisationHasPlans = await db.Plans.AnyAsync(p => p.OrganisationId == Organisation.Id, ct);
        Departments = (await db.Departments.AsNoTracking().Where(d => d.OrganisationId == Organisation.Id).OrderBy(d => d.Name)
            .Select(d => new { d.Id, d.Name }).ToListAsync(ct)).Select(d => (d.Id, d.Name)).ToList();
        return null;
    }
}
