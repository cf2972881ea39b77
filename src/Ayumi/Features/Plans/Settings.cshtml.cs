using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Entries;
using Ayumi.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Plans;

/// <summary>
/// 計画の設定: the secretariat changes a plan's settings until its first year is published;
/// each change is in the audit trail. After that the page shows them and says why they stay.
/// The fields of the departments' entry form are chosen here too, at any time.
/// </summary>
[Authorize]
public sealed class SettingsModel(AyumiDbContext db, CurrentMember current) : PageModel
{
    public Plan Plan { get; private set; } = null!;
    public IReadOnlyList<Plan> Predecessors { get; private set; } = [];
    public Notice? Notice { get; private set; }

    [BindProperty] public PlanSettingsForm Form { get; set; } = new();
    /// <summary>The plan's progress sheet layout, whose printed fields the entry form asks for unless the secretariat chose.</summary>
    public ReportTemplate Layout { get; private set; } = ReportTemplate.BuiltIn[0];
    /// <summary>The entry form's fields ticked on the page.</summary>
    [BindProperty] public List<EntryFields> EntryFields { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Form = PlanSettingsForm.Of(Plan);
        EntryFields = [.. EntryFieldsExtensions.Each.Where(f => Plan.AskedEntryFields(Layout).Asks(f))];
        if (Request.Query.ContainsKey("saved")) Notice = Notice.Success("planSettings.saved");
        else if (Request.Query.ContainsKey("entryFields")) Notice = Notice.Success("entryFields.saved");
        else if (Plan.SettingsLocked) Notice = Notice.Error("planSettings.locked", Plan.Name);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var settings = Form.Read(Plan.Organisation.Plans, out var problem);
        if (settings is null)
        {
            Notice = Notice.Error(problem!.Value.Key, problem.Value.Arguments);
            return Page();
        }
        try { Plan.ChangeSettings(settings); }
        catch (DomainException e)
        {
            Notice = Notice.Refused(e);
            return Page();
        }
        await db.SaveChangesAsync(ct);
        return Redirect($"/plans/{id}/settings?saved=1");
    }

    /// <summary>Chooses the fields the entry form asks for; <paramref name="layoutDefault"/> goes back to those the layout prints.</summary>
    public async Task<IActionResult> OnPostEntryFieldsAsync(int id, bool layoutDefault, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Form = PlanSettingsForm.Of(Plan);
        try { Plan.ChooseEntryFields(layoutDefault ? null : EntryFields.Aggregate(Domain.EntryFields.None, (all, f) => all | f)); }
        catch (DomainException e)
        {
            Notice = Notice.Refused(e);
            return Page();
        }
        await db.SaveChangesAsync(ct);
        return Redirect($"/plans/{id}/settings?entryFields=saved#entry-fields");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var organisationId = await db.Plans.Where(p => p.Id == id).Select(p => (int?)p.OrganisationId).FirstOrDefaultAsync(ct);
        if (organisationId is null) return NotFound();
        var me = await current.GetAsync(ct);
        if (!me.CanManage(organisationId.Value)) return Forbid();
        var organisation = (await PlanSettingsForm.LoadAsync(db, organisationId.Value, ct))!;
        Plan = organisation.Plans.Single(p => p.Id == id);
        Predecessors = organisation.Plans.Where(p => p != Plan).OrderBy(p => p.Generation).ThenBy(p => p.PeriodStart).ToList();
        Layout = await PlanLayout.OfAsync(db, organisationId.Value, Plan.ReportTemplateName, ct);
        return null;
    }
}
