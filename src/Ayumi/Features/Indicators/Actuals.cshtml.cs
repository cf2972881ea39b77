using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Indicators;

/// <summary>
/// The yearly actuals of an indicator: the owning department saves drafts and submits; the
/// secretariat records submitted values from official statistics and judges qualitative
/// targets. Every row is read and checked before anything is stored: one bad row stores nothing.
/// </summary>
[Authorize]
public sealed class ActualsModel(AyumiDbContext db, CurrentMember current) : PageModel
{
    public Indicator Indicator { get; private set; } = null!;
    public bool IsSecretariat { get; private set; }
    public bool IsOwner { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];
    public Notice? Notice { get; private set; }

    [BindProperty] public List<Row> Rows { get; set; } = [];

    /// <summary>A year not listed (before the baseline, as published statistics go back), typed with its value.</summary>
    [BindProperty] public Row Extra { get; set; } = new();

    /// <summary>The secretariat deletes the actual of this year, for <see cref="DeleteReason"/>.</summary>
    [BindProperty] public string? DeleteYear { get; set; }
    [BindProperty] public string? DeleteReason { get; set; }

    public sealed class Row
    {
        public string Year { get; set; } = "";
        public string? Value { get; set; }
        public string? Comparison { get; set; }
        public string? Note { get; set; }
        public string? Judgement { get; set; }
    }

    /// <summary>The owning department's editors and the secretariat (and administrators).</summary>
    public static bool MayRecord(MemberRoles me, Indicator indicator) =>
        !indicator.IsDerived && (me.CanManage(indicator.Plan.OrganisationId) || indicator.OwnerId is { } owner && me.CanEdit(indicator.Plan.OrganisationId, owner));

    /// <summary>A year the yearly cycle has locked or published is closed to departments, as their entries are; the secretariat may still correct it.</summary>
    public bool IsClosed(FiscalYear year) => !IsSecretariat && Indicator.Plan.ReportingYears.Any(r => r.FiscalYear == year && !r.IsOpen);

    public bool JudgesQualitative => IsSecretariat && Indicator.Targets.Any(t => t.Value is null);

    /// <summary>
    /// The years listed: every year with an actual (before the baseline included), the baseline span when its average
    /// comes from actuals, then every year after the baseline to the plan's end. Any other year is typed in <see cref="Extra"/>.
    /// </summary>
    public IEnumerable<FiscalYear> Years()
    {
        var first = Indicator.BaselineValue is null && Indicator.BaselineFrom is { } from ? from
            : Indicator.BaselineYear is { } baseYear ? baseYear.Next : Indicator.Plan.PeriodStart;
        first = Indicator.Actuals.Select(a => a.FiscalYear).Append(first).Min();
        for (var year = first; year <= Indicator.Plan.PeriodEnd; year = year.Next)
            if (year >= (Indicator.BaselineYear?.Next ?? first) || Indicator.ActualIn(year) is not null || InBaselineSpan(year)) yield return year;
    }

    private bool InBaselineSpan(FiscalYear year) =>
        Indicator is { BaselineValue: null, BaselineFrom: { } from, BaselineTo: { } to } && year >= from && year <= to;

    /// <summary>Deletes a year's actual, with the reason in the audit trail: the secretariat's correction of a mistaken record.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(int id, int indicatorId, CancellationToken ct)
    {
        if (await LoadAsync(id, indicatorId, ct) is { } refused) return refused;
        if (!IsSecretariat) return Forbid();
        try
        {
            if (!FiscalYear.TryParse(DeleteYear, out var year)) throw new DomainException($"'{DeleteYear}' is not a fiscal year.", "indicator.badYear");
            Indicator.RemoveActual(year, DeleteReason);
            db.DeletionReason = DeleteReason!.Trim();
            await db.SaveChangesAsync(ct);
            return Redirect($"/plans/{id}/indicators/{indicatorId}/actuals?deleted={year}");
        }
        catch (DomainException e)
        {
            Errors[nameof(DeleteReason)] = e.Key;
            Notice = Notice.Refused(e);
            db.ChangeTracker.Clear();
        }
        if (await LoadAsync(id, indicatorId, ct) is { } gone) return gone;
        FillRows();
        return Page();
    }

    public async Task<IActionResult> OnGetAsync(int id, int indicatorId, CancellationToken ct)
    {
        if (await LoadAsync(id, indicatorId, ct) is { } refused) return refused;
        FillRows();
        if (Request.Query["saved"] is { Count: > 0 } saved) Notice = Notice.Success(saved == "submitted" ? "indicator.submitted" : "indicator.saved");
        if (FiscalYear.TryParse(Request.Query["deleted"], out var deleted)) Notice = Notice.Success("indicator.actualDeleted", deleted.ToJapanese());
        return Page();
    }

    private void FillRows() =>
        Rows = Years().Select(y => Indicator.ActualIn(y) is { } a
            ? new Row { Year = y.ToString(), Value = a.Value.ToString("0.####"), Comparison = a.ComparisonValue?.ToString("0.####"), Note = a.Note, Judgement = a.Judgement?.ToString() }
            : new Row { Year = y.ToString() }).ToList();

    public Task<IActionResult> OnPostSaveAsync(int id, int indicatorId, CancellationToken ct) => SaveAsync(id, indicatorId, submit: false, ct);

    public Task<IActionResult> OnPostSubmitAsync(int id, int indicatorId, CancellationToken ct) => SaveAsync(id, indicatorId, submit: true, ct);

    private async Task<IActionResult> SaveAsync(int id, int indicatorId, bool submit, CancellationToken ct)
    {
        if (await LoadAsync(id, indicatorId, ct) is { } refused) return refused;
        // The secretariat's values are official as they are recorded; a department's wait for its submission.
        var state = submit || !IsOwner ? ActualState.Submitted : ActualState.Draft;
        var changes = Read();
        if (Errors.Count == 0)
        {
            try
            {
                foreach (var (i, year, value, comparison, note, judgement) in changes)
                {
                    try
                    {
                        if (value is { } v && (Changed(year, v, comparison, note) || state == ActualState.Submitted && Indicator.ActualIn(year)?.State == ActualState.Draft))
                        {
                            if (IsClosed(year))
                            {
                                Errors[$"Rows[{i}].Value"] = "indicator.yearClosed";
                                continue;
                            }
                            Indicator.SaveActual(year, v, note, comparison, state);
                        }
                        if (JudgesQualitative && Indicator.ActualIn(year) is { State: ActualState.Submitted } stored && stored.Judgement != judgement)
                            Indicator.Judge(year, judgement);
                    }
                    catch (DomainException e)
                    {
                        Errors[$"Rows[{i}].Value"] = e.Key;
                    }
                }
                if (Errors.Count == 0)
                {
                    await db.SaveChangesAsync(ct);
                    return Redirect($"/plans/{id}/indicators/{indicatorId}/actuals?saved={(state == ActualState.Submitted ? "submitted" : "draft")}");
                }
            }
            finally
            {
                if (Errors.Count > 0) db.ChangeTracker.Clear();
            }
        }
        Notice = Notice.Error("indicator.fix");
        if (await LoadAsync(id, indicatorId, ct) is { } gone) return gone;
        return Page();
    }

    private bool Changed(FiscalYear year, decimal value, decimal? comparison, string? note) =>
        Indicator.ActualIn(year) is not { } stored || stored.Value != value || stored.ComparisonValue != comparison || stored.Note != (string.IsNullOrWhiteSpace(note) ? null : note.Trim());

    /// <summary>Every row read and checked; an empty value leaves the year as it is.</summary>
    private List<(int Row, FiscalYear Year, decimal? Value, decimal? Comparison, string? Note, IndicatorStatus? Judgement)> Read()
    {
        var read = new List<(int, FiscalYear, decimal?, decimal?, string?, IndicatorStatus?)>();
        // The typed year is read as one more row, its errors named under Rows[n].
        var rows = string.IsNullOrWhiteSpace(Extra.Year) && string.IsNullOrWhiteSpace(Extra.Value) ? Rows : [.. Rows, Extra];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (!FiscalYear.TryParse(row.Year, out var year) || year > Indicator.Plan.PeriodEnd)
            {
                Errors[$"Rows[{i}].Value"] = "indicator.actualYear";
                continue;
            }
            decimal? value = null, comparison = null;
            if (!string.IsNullOrWhiteSpace(row.Value))
            {
                if (Indicator.TryParseValue(row.Value, out var v, out var error)) value = v;
                else Errors[$"Rows[{i}].Value"] = error!;
            }
            if (Indicator.ComparisonLabel is not null && !string.IsNullOrWhiteSpace(row.Comparison))
            {
                if (Indicator.TryParseValue(row.Comparison, out var c, out var error)) comparison = c;
                else Errors[$"Rows[{i}].Comparison"] = error!;
            }
            if (row.Note?.Length > 400) Errors[$"Rows[{i}].Value"] = "indicator.noteTooLong";
            IndicatorStatus? judgement = null;
            if (JudgesQualitative && !string.IsNullOrEmpty(row.Judgement))
            {
                if (Enum.TryParse<IndicatorStatus>(row.Judgement, out var j) && IndicatorAssessment.IsVerdict(j)) judgement = j;
                else Errors[$"Rows[{i}].Judgement"] = "indicator.badJudgement";
            }
            read.Add((i, year, value, comparison, row.Note, judgement));
        }
        return read;
    }

    private async Task<IActionResult?> LoadAsync(int id, int indicatorId, CancellationToken ct)
    {
        var indicator = await db.Indicators
            .Include(i => i.Plan).ThenInclude(p => p.Organisation)
            .Include(i => i.Plan).ThenInclude(p => p.ReportingYears)
            .Include(i => i.Owner).Include(i => i.Node).Include(i => i.Measure)
            .FirstOrDefaultAsync(i => i.Id == indicatorId && i.PlanId == id, ct);
        if (indicator is null) return NotFound();
        var me = await current.GetAsync(ct);
        if (!me.SeesPlan(indicator.Plan)) return me.IsSignedIn ? NotFound() : Challenge();
        if (!MayRecord(me, indicator)) return indicator.IsDerived ? NotFound() : Forbid();
        Indicator = indicator;
        IsSecretariat = me.CanManage(indicator.Plan.OrganisationId);
        IsOwner = indicator.OwnerId is { } owner && me.CanEdit(indicator.Plan.OrganisationId, owner);
        return null;
    }
}
