using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Cycle;

/// <summary>What a year holds and which years the public will see once a step is taken: shown before the step is confirmed.</summary>
/// <param name="PublicYears">The plan's years the public sees after the step, oldest first.</param>
/// <param name="Opinions">The opinions chosen for publication (主な意見と考え方), public with the year.</param>
public sealed record YearSummary(int Measures, int Parts, int ApprovedParts, int Comments, int Evaluations, int Opinions, IReadOnlyList<FiscalYear> PublicYears);

/// <summary>
/// A step of the secretariat's year that changes what reviewers or the public see (locking, publishing, withdrawing the
/// publication): a page that shows what the step affects and asks to confirm it, then takes the step and returns to the
/// dashboard. Each step is one save, in the audit trail.
/// </summary>
public abstract class YearStepModel(AyumiDbContext db, CurrentMember current, TimeProvider clock) : PageModel
{
    public Plan Plan { get; private set; } = null!;
    public ReportingYear Year { get; private set; } = null!;
    public IReadOnlyList<EntryPart> Parts { get; private set; } = [];
    public YearSummary Summary { get; private set; } = null!;
    public Notice? Notice { get; protected set; }

    /// <summary>Whether the step can be taken now; when it cannot, the notice says why.</summary>
    public bool CanConfirm { get; private set; }

    /// <summary>The way back from the step's page: the plan, its cycle and the year's dashboard.</summary>
    public IReadOnlyList<Breadcrumb> Trail(Localization.UiText text, string title) =>
    [
        new(text["nav.home"], "/"), new(Plan.Organisation.Name, $"/organisations/{Plan.Organisation.Code}"), new(Plan.Name, $"/plans/{Plan.Id}"),
        new(text["cycle.title"], $"/plans/{Plan.Id}/cycle"), new(Year.FiscalYear.ToJapanese(), $"/plans/{Plan.Id}/cycle/{Year.FiscalYear}"), new(title),
    ];

    /// <summary>The name of the step in the dashboard's <c>?done=</c>, which says it was done.</summary>
    protected abstract string Done { get; }

    /// <summary>Throws when the step cannot be taken, without taking it.</summary>
    protected abstract void Check();

    protected abstract void Take(DateTimeOffset at);

    /// <summary>Which years the public sees once the step is taken, from those it sees now.</summary>
    protected abstract IEnumerable<FiscalYear> PublicYearsAfter(IReadOnlyCollection<FiscalYear> now);

    public async Task<IActionResult> OnGetAsync(int id, string year, CancellationToken ct)
    {
        if (await LoadAsync(id, year, ct) is { } denied) return denied;
        CanConfirm = Attempt(Check);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string year, CancellationToken ct)
    {
        if (await LoadAsync(id, year, ct) is { } denied) return denied;
        CanConfirm = Attempt(Check);
        if (!CanConfirm || !Attempt(() => Take(clock.GetUtcNow()))) return Page();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            Notice = Notice.Error("cycle.changedMeanwhile");
            return Page();
        }
        return Redirect($"/plans/{id}/cycle/{Year.FiscalYear}?done={Done}");
    }

    private bool Attempt(Action step)
    {
        try
        {
            step();
            return true;
        }
        catch (DomainException e)
        {
            Notice = Notice.Refused(e);
            return false;
        }
    }

    private async Task<IActionResult?> LoadAsync(int id, string year, CancellationToken ct)
    {
        var (refusal, plan, reporting, parts) = await CycleQueries.ManagedYearAsync(db, current, id, year, ct);
        if (refusal is not null) return refusal;
        (Plan, Year, Parts) = (plan, reporting, parts);
        var comments = await db.ReviewComments.CountAsync(c => c.ReportingYearId == reporting.Id, ct);
        var evaluations = await db.PolicyEvaluations.CountAsync(e => e.ReportingYearId == reporting.Id, ct);
        var opinions = await db.PublishedOpinions.CountAsync(o => o.ReportingYearId == reporting.Id, ct);
        Summary = new YearSummary(Parts.Select(p => p.YearlyEntry.MeasureId).Distinct().Count(), Parts.Count, Parts.Count(p => p.Status == PartStatus.Approved),
            comments, evaluations, opinions, PublicYearsAfter(plan.PublishedYears).Distinct().Order().ToList());
        return null;
    }
}
