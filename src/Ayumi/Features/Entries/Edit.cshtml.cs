using System.Runtime.CompilerServices;
using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Ayumi.Features.Entries;

/// <summary>
/// A department fills in its part of a measure's yearly entry: saves drafts and submits.
/// The secretariat may read it. A save based on an outdated version is refused and both
/// versions are shown side by side, with nothing typed lost.
/// </summary>
[Authorize]
public sealed partial class EditModel(AyumiDbContext db, CurrentMember current, TimeProvider clock) : PageModel
{
    public EntryPart Part { get; private set; } = null!;
    public ReportingYear Year { get; private set; } = null!;
    public bool CanEdit { get; private set; }
    /// <summary>Whether the reader is the secretariat, who approves and returns parts and comes here from the year's dashboard.</summary>
    public bool CanReview { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];
    public Notice? Notice { get; private set; }
    /// <summary>What is stored now, when the user's save collided with someone else's.</summary>
    public PartContent? Theirs { get; private set; }
    /// <summary>The fields the plan's entry form asks for; the others are neither shown nor changed by a save.</summary>
    public EntryFields Asked { get; private set; } = EntryFields.All;
    /// <summary>What the department reported on the measure last year, as far as its editors may see it; null when nothing.</summary>
    public PartContent? LastYear { get; private set; }

    [BindProperty] public Form Input { get; set; } = new();

    /// <summary>The budget amounts the form asks for (see <see cref="BudgetForm.AmountsFor"/>) and the funding sources it splits them by.</summary>
    public IReadOnlyList<BudgetAmount> BudgetAmounts { get; private set; } = [];
    public IReadOnlyList<string> BudgetSources { get; private set; } = [];

    /// <summary>The budget as typed, for the side-by-side view of a conflict.</summary>
    public BudgetLine TypedBudget => Input.Budget.Read(BudgetLine.None, BudgetAmounts, BudgetSources, new Dictionary<string, string>()) ?? BudgetLine.None;

    public sealed class Form
    {
        public string? PlannedWork { get; set; }
        public string? Results { get; set; }
        public string? Grade { get; set; }
        public BudgetForm Budget { get; set; } = new();
        public string? IssuesAndDirection { get; set; }
        public string? NextYearPlan { get; set; }
        public string? TargetProgress { get; set; }
        public int Version { get; set; }

        public static Form From(EntryPart part, IReadOnlyList<BudgetAmount> amounts, IReadOnlyList<string> sources) => new()
        {
            PlannedWork = part.PlannedWork, Results = part.Results, Grade = part.Grade,
            Budget = BudgetForm.From(part.Budget, amounts, sources),
            IssuesAndDirection = part.IssuesAndDirection, NextYearPlan = part.NextYearPlan, TargetProgress = part.TargetProgress,
            Version = part.Version,
        };

        /// <summary>A kept draft over the stored part: what was typed into the fields asked for, from the version it started from.</summary>
        public static Form From(EntryPart part, EntryDraft draft, EntryFields asked, IReadOnlyList<BudgetAmount> amounts, IReadOnlyList<string> sources)
        {
            var form = From(part, amounts, sources);
            var typed = draft.Typed;
            if (asked.Asks(EntryFields.PlannedWork)) form.PlannedWork = typed.PlannedWork;
            if (asked.Asks(EntryFields.Results)) form.Results = typed.Results;
            if (asked.Asks(EntryFields.Grade)) form.Grade = typed.Grade;
            if (asked.Asks(EntryFields.Budget) && typed.Budget is { } budget) form.Budget = new() { Shown = true, Items = [.. budget.Items], Cells = new(budget.Cells) };
            if (asked.Asks(EntryFields.IssuesAndDirection)) form.IssuesAndDirection = typed.IssuesAndDirection;
            if (asked.Asks(EntryFields.NextYearPlan)) form.NextYearPlan = typed.NextYearPlan;
            if (asked.Asks(EntryFields.TargetProgress)) form.TargetProgress = typed.TargetProgress;
            form.Version = draft.BaseVersion;
            return form;
        }

        /// <summary>What was typed into the fields asked for; the others are not kept.</summary>
        public TypedPart Typed(EntryFields asked)
        {
            string? If(EntryFields field, string? text) => asked.Asks(field) ? text : null;
            return new(If(EntryFields.PlannedWork, PlannedWork), If(EntryFields.Results, Results), If(EntryFields.Grade, Grade),
                asked.Asks(EntryFields.Budget) && Budget.Shown ? new TypedBudget([.. Budget.Items], new Dictionary<string, string?>(Budget.Cells)) : null,
                If(EntryFields.IssuesAndDirection, IssuesAndDirection),
                If(EntryFields.NextYearPlan, NextYearPlan), If(EntryFields.TargetProgress, TargetProgress));
        }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        Input = Form.From(Part, BudgetAmounts, BudgetSources);
        await RestoreDraftAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(int id, CancellationToken ct) => SaveAsync(id, submit: false, ct);

    public Task<IActionResult> OnPostSubmitAsync(int id, CancellationToken ct) => SaveAsync(id, submit: true, ct);

    /// <summary>
    /// Saving is the department's busiest request, so it reads only what the rules need in one
    /// query: the part itself (tracked, for the audit trail and the version check), its year,
    /// and its plan's organisation, name and grade scale. The measure and the plan are not
    /// materialised; the full page is loaded only when it has to be shown again.
    /// </summary>
    private async Task<IActionResult> SaveAsync(int id, bool submit, CancellationToken ct)
    {
        var target = await SaveTargetQueries.GetValue(db.Model, static _ => EF.CompileAsyncQuery(
            (AyumiDbContext db, int id, CancellationToken ct) => (
                from p in db.EntryParts
                where p.Id == id
                let plan = p.YearlyEntry.Measure.Plan
                join y in db.ReportingYears on new { PlanId = plan.Id, p.YearlyEntry.FiscalYear } equals new { y.PlanId, y.FiscalYear }
                select new SaveTarget(p, y, plan.OrganisationId, plan.Name, plan.Grades, p.YearlyEntry.MeasureId, plan.ChosenEntryFields, plan.FundingSources, plan.ReportTemplateName)).FirstOrDefault()))(db, id, ct);
        if (target is null) return NotFound();
        var me = await current.GetAsync(ct);
        if (!me.CanEdit(target.OrganisationId, target.Part.DepartmentId) || !target.Year.IsOpen || !target.Part.IsEditable) return Forbid();
        Part = target.Part;
        Year = target.Year;
        var scale = new GradeScale(target.Grades);
        var layout = await PlanLayout.OfAsync(db, target.OrganisationId, target.ReportTemplateName, ct);
        Asked = Plan.AskedEntryFields(target.ChosenEntryFields, layout, scale.IsGraded);
        if (Input.Budget.Shown && Asked.Asks(EntryFields.Budget)) ReadBudgetLayout(layout, target.FundingSources);
        var content = Read(scale);
        if (content is null) return await ShowAgainAsync(id, ct);
        db.Entry(Part).Property(nameof(EntryPart.Version)).OriginalValue = Input.Version;
        db.LocateForAudit(Part, Year.PlanId, target.MeasureId);
        try
        {
            Part.SaveDraft(content, Year, scale, target.PlanName);
            if (submit) SubmitOrKeepDraft(scale.IsGraded);
            await db.SaveChangesAsync(ct);
            CarryVersion(Part.Version);
            await ForgetDraftAsync(id, me, ct);
        }
        catch (DomainException e)
        {
            Notice = Notice.Refused(e);
            return await ShowAgainAsync(id, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ShowConflictAsync(id, ct);
        }
        if (Notice is not null) return await ShowAgainAsync(id, ct);
        return Redirect($"/entries/{id}?saved={(submit ? "submitted" : "draft")}");
    }

    /// <summary>
    /// The save's query, compiled once instead of being built and looked up in EF's query cache
    /// on every save. A compiled query belongs to one model, so there is one per model (the
    /// tests host SQLite and PostgreSQL side by side).
    /// </summary>
    private static readonly ConditionalWeakTable<IModel, Func<AyumiDbContext, int, CancellationToken, Task<SaveTarget?>>> SaveTargetQueries = new();

    /// <summary>What a save reads: the part and its year (both tracked) and the few facts of its plan that the rules need.</summary>
    private sealed record SaveTarget(EntryPart Part, ReportingYear Year, int OrganisationId, string PlanName, List<GradeDefinition> Grades, int MeasureId,
        EntryFields? ChosenEntryFields, List<string> FundingSources, string? ReportTemplateName);

    /// <summary>Shows the form again, with what was typed and the messages, over the stored part.</summary>
    private async Task<IActionResult> ShowAgainAsync(int id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await LoadAsync(id, ct) ?? Page();
    }

    /// <summary>An incomplete submission still keeps what was typed, as a draft, and says what is missing.</summary>
    private void SubmitOrKeepDraft(bool graded)
    {
        try { Part.Submit(Year, clock.GetUtcNow(), graded, Asked); }
        catch (IncompleteEntryException e)
        {
            foreach (var field in e.Missing) Errors[field] = "entry.required";
            Notice = Notice.Error("entry.incomplete");
        }
    }

    private async Task<IActionResult> ShowConflictAsync(int id, CancellationToken ct)
    {
        var shown = await ShowAgainAsync(id, ct);
        if (shown is not PageResult) return shown;
        Theirs = Part.Content;
        CarryVersion(Part.Version);
        Notice = Notice.Error("entry.conflict");
        return shown;
    }

    /// <summary>
    /// The form must carry the stored version, not the posted one: after a kept draft the next
    /// save is not a conflict, and after a conflict saving again is a deliberate overwrite.
    /// </summary>
    private void CarryVersion(int version)
    {
        ModelState.Remove("Input.Version");
        Input.Version = version;
    }

    /// <summary>
    /// What the department's form says. A field the form did not send (a field the page did
    /// not show, a grade left unchosen, a client posting part of the form) keeps the part's
    /// value: only what a person typed or cleared changes it. A field the plan's form does not
    /// ask for keeps it too, whatever is posted: it was never shown, so nothing typed is in it.
    /// </summary>
    private PartContent? Read(GradeScale scale)
    {
        bool Sent(string field) => Asked.Asks(Enum.Parse<EntryFields>(field)) && Request.HasFormContentType && Request.Form.ContainsKey($"{nameof(Input)}.{field}");
        string? Text(string field, string? typed, string? stored) => Sent(field) ? typed : stored;
        var budget = Asked.Asks(EntryFields.Budget) ? Input.Budget.Read(Part.Budget, BudgetAmounts, BudgetSources, Errors) : Part.Budget;
        var grade = !Sent(nameof(Input.Grade)) ? Part.Grade : string.IsNullOrWhiteSpace(Input.Grade) ? null : Input.Grade.Trim();
        if (grade is not null && scale.Find(grade) is null) Errors[nameof(Input.Grade)] = "entry.badGrade";
        foreach (var (name, text) in new[] { (nameof(Input.PlannedWork), Input.PlannedWork), (nameof(Input.Results), Input.Results), (nameof(Input.IssuesAndDirection), Input.IssuesAndDirection), (nameof(Input.NextYearPlan), Input.NextYearPlan), (nameof(Input.TargetProgress), Input.TargetProgress) })
            if (Sent(name) && text?.Length > TypedPart.MaxLength) Errors[name] = "entry.tooLong";
        if (Errors.Count > 0)
        {
            Notice = Notice.Error("entry.fix");
            return null;
        }
        return new PartContent(Text(nameof(Input.PlannedWork), Input.PlannedWork, Part.PlannedWork), Text(nameof(Input.Results), Input.Results, Part.Results), grade,
            budget!, Text(nameof(Input.IssuesAndDirection), Input.IssuesAndDirection, Part.IssuesAndDirection),
            Text(nameof(Input.NextYearPlan), Input.NextYearPlan, Part.NextYearPlan), Text(nameof(Input.TargetProgress), Input.TargetProgress, Part.TargetProgress));
    }

    private void ReadBudgetLayout(ReportTemplate layout, IReadOnlyList<string> planSources)
    {
        BudgetAmounts = BudgetForm.AmountsFor(layout, Part.Budget);
        BudgetSources = Part.Budget.SourcesIn(planSources);
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var part = await db.EntryParts
            .Include(p => p.Department)
            .Include(p => p.YearlyEntry).ThenInclude(e => e.Parts).ThenInclude(p => p.Department)
            .Include(p => p.YearlyEntry).ThenInclude(e => e.Measure).ThenInclude(m => m.Placements).ThenInclude(p => p.Node)
            .Include(p => p.YearlyEntry).ThenInclude(e => e.Measure).ThenInclude(m => m.Departments).ThenInclude(d => d.Department)
            .Include(p => p.YearlyEntry).ThenInclude(e => e.Measure).ThenInclude(m => m.Plan).ThenInclude(p => p.ReportingYears)
            .Include(p => p.YearlyEntry).ThenInclude(e => e.Measure).ThenInclude(m => m.Plan).ThenInclude(p => p.Organisation)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Id == id, ct);
        if (part is null) return NotFound();
        var me = await current.GetAsync(ct);
        var organisationId = part.YearlyEntry.Measure.Plan.OrganisationId;
        var mayEdit = me.CanEdit(organisationId, part.DepartmentId);
        if (!mayEdit && !me.CanManage(organisationId)) return Forbid();
        Part = part;
        var plan = part.YearlyEntry.Measure.Plan;
        Year = plan.ReportingYears.Single(r => r.FiscalYear == part.YearlyEntry.FiscalYear);
        CanEdit = mayEdit && Year.IsOpen && part.IsEditable;
        var layout = await PlanLayout.OfAsync(db, organisationId, plan.ReportTemplateName, ct);
        ReadBudgetLayout(layout, plan.FundingSources);
        CanReview = me.CanManage(organisationId);
        Asked = plan.AskedEntryFields(layout);
        if (CanEdit) LastYear = await LastYearAsync(me, ct);
        if (Request.Query["saved"] is { Count: > 0 } saved) Notice = Notice.Success(saved == "submitted" ? "entry.submitted" : "entry.saved");
        else if (CanReview && Request.Query["reviewed"] is { Count: > 0 } reviewed) Notice = Notice.Success(reviewed == "approved" ? "cycle.approved" : "cycle.returned");
        return null;
    }

    /// <summary>Last year's budget line as the form's cells, for the copy button: <c>{"items": […], "cells": {key: amount}}</c>.</summary>
    public string? LastYearBudgetCells(PartContent last)
    {
        var form = BudgetForm.From(last.Budget, BudgetAmounts, BudgetSources);
        return System.Text.Json.JsonSerializer.Serialize(new { items = form.Items, cells = form.Cells });
    }

    /// <summary>
    /// Last year's entry of the measure as this department reported it: its own part when last year ran in Ayumi, which
    /// its editors have always seen; otherwise its share of the stored values, only when the reader may see that year.
    /// </summary>
    private async Task<PartContent?> LastYearAsync(MemberRoles me, CancellationToken ct)
    {
        var entry = Part.YearlyEntry;
        var previousYear = entry.FiscalYear.Previous;
        var previous = await db.YearlyEntries.Include(e => e.Parts)
            .FirstOrDefaultAsync(e => e.MeasureId == entry.MeasureId && e.FiscalYear == previousYear, ct);
        if (previous is null) return null;
        if (previous.Parts.FirstOrDefault(p => p.DepartmentId == Part.DepartmentId) is { } own) return own.Content;
        return me.SeesYear(entry.Measure.Plan, previousYear) ? previous.StoredShareOf(Part.Department) : null;
    }
}
