using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ayumi.Features.Entries;

/// <summary>
/// The draft kept while a department types (<see cref="EntryDraft"/>): the page's script sends the form a moment after each
/// change, the page shows it again with a notice when the user comes back without having saved, and saving or discarding
/// ends it. It is kept on the server, per person, rather than in the browser, where it would stay on a shared office PC.
/// </summary>
public sealed partial class EditModel
{
    /// <summary>When the draft shown instead of the stored part was typed; null when the form shows the stored part.</summary>
    public DateTimeOffset? DraftTypedAt { get; private set; }

    /// <summary>Keeps what the user typed, unchecked; the part itself is not touched. Answers 204, or 403 when the part cannot be edited.</summary>
    public async Task<IActionResult> OnPostDraftAsync(int id, CancellationToken ct)
    {
        var target = await db.EntryParts.Where(p => p.Id == id).Select(p => new
        {
            p.DepartmentId, p.Status, p.YearlyEntry.Measure.Plan.OrganisationId, p.YearlyEntry.Measure.Plan.ChosenEntryFields, p.YearlyEntry.Measure.Plan.ReportTemplateName,
            p.YearlyEntry.Measure.Plan.Grades,
            Open = db.ReportingYears.Any(y => y.PlanId == p.YearlyEntry.Measure.PlanId && y.FiscalYear == p.YearlyEntry.FiscalYear && y.Status == ReportingStatus.Open),
        }).FirstOrDefaultAsync(ct);
        if (target is null) return NotFound();
        var me = await current.GetAsync(ct);
        if (me.UserId is not { } userId || !me.CanEdit(target.OrganisationId, target.DepartmentId) || !target.Open
            || target.Status is not (PartStatus.NotStarted or PartStatus.Draft or PartStatus.Returned)) return Forbid();
        var asked = Plan.AskedEntryFields(target.ChosenEntryFields, await PlanLayout.OfAsync(db, target.OrganisationId, target.ReportTemplateName, ct), target.Grades.Count > 0);
        var typed = Input.Typed(asked);
        if (typed.IsTooLong) return BadRequest();
        var draft = await db.EntryDrafts.FirstOrDefaultAsync(d => d.EntryPartId == id && d.UserId == userId, ct);
        if (draft is null) db.EntryDrafts.Add(new EntryDraft(id, userId, typed, Input.Version, clock.GetUtcNow()));
        else draft.Keep(typed, Input.Version, clock.GetUtcNow());
        try { await db.SaveChangesAsync(ct); }
        // The first two sends of a new draft raced each other; the later one is kept by the next send.
        catch (DbUpdateException) when (draft is null) { return StatusCode(StatusCodes.Status409Conflict); }
        return new NoContentResult();
    }

    /// <summary>Throws away the user's draft of the part and shows the stored part again.</summary>
    public async Task<IActionResult> OnPostDiscardDraftAsync(int id, CancellationToken ct)
    {
        await ForgetDraftAsync(id, await current.GetAsync(ct), ct);
        return Redirect($"/entries/{id}?draft=discarded");
    }

    /// <summary>
    /// Shows the user's kept draft instead of the stored part, from the version it started from, so that saving it over a
    /// later save of someone else is shown as a conflict. A draft that says what is stored (its save went through) is not shown.
    /// </summary>
    private async Task RestoreDraftAsync(CancellationToken ct)
    {
        if (Request.Query["draft"] == "discarded") Notice = Notice.Success("entry.draftDiscarded");
        var me = await current.GetAsync(ct);
        if (!CanEdit || me.UserId is not { } userId) return;
        var draft = await db.EntryDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.EntryPartId == Part.Id && d.UserId == userId, ct);
        if (draft is null || draft.Typed.Says(Part.Content, Asked) && SaysStoredBudget(draft.Typed.Budget)) return;
        Input = Form.From(Part, draft, Asked, BudgetAmounts, BudgetSources);
        DraftTypedAt = draft.SavedAt;
    }

    /// <summary>Whether the typed budget cells read as the stored line (amounts however written), or none were typed.</summary>
    private bool SaysStoredBudget(TypedBudget? typed)
    {
        if (typed is null || !Asked.Asks(EntryFields.Budget)) return true;
        var form = new BudgetForm { Shown = true, Items = [.. typed.Items], Cells = new(typed.Cells) };
        var read = form.Read(Part.Budget, BudgetAmounts, BudgetSources, new Dictionary<string, string>());
        var text = HttpContext.RequestServices.GetRequiredService<Localization.UiText>();
        return read is not null && BudgetText.Describe(read, text) == BudgetText.Describe(Part.Budget, text);
    }

    private async Task ForgetDraftAsync(int id, MemberRoles me, CancellationToken ct)
    {
        if (me.UserId is { } userId) await db.EntryDrafts.Where(d => d.EntryPartId == id && d.UserId == userId).ExecuteDeleteAsync(ct);
    }
}
