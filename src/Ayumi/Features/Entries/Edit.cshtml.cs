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
public sealed class EditModel(AyumiDbContext db, CurrentMember current, TimeProvider clock) : PageModel
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
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        Input = Form.From(Part, BudgetAmounts, BudgetSources);
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
                select new SaveTarget(p, y, plan.OrganisationId, plan.Name, plan.Grades, p.YearlyEntry.MeasureId, plan.FundingSources, plan.ReportTemplateName)).FirstOrDefault()))(db, id, ct);
        if (target is null) return NotFound();
        var me = await current.GetAsync(ct);
        if (!me.CanEdit(target.OrganisationId, target.Part.DepartmentId) || !target.Year.IsOpen || !target.Part.IsEditable) return Forbid();
        Part = target.Part;
        Year = target.Year;
        var scale = new GradeScale(target.Grades);
        if (Input.Budget.Shown) await ReadBudgetLayoutAsync(target.OrganisationId, target.ReportTemplateName, target.FundingSources, ct);
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
        List<string> FundingSources, string? ReportTemplateName);

    /// <summary>Shows the form again, with what was typed and the messages, over the stored part.</summary>
    private async Task<IActionResult> ShowAgainAsync(int id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await LoadAsync(id, ct) ?? Page();
    }

    /// <summary>An incomplete submission still keeps what was typed, as a draft, and says what is missing.</summary>
    private void SubmitOrKeepDraft(bool graded)
    {
        try { Part.Submit(Year, clock.GetUtcNow(), graded); }
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
    /// value: only what a person typed or cleared changes it.
    /// </summary>
    private PartContent? Read(GradeScale scale)
    {
        bool Sent(string field) => Request.HasFormContentType && Request.Form.ContainsKey($"{nameof(Input)}.{field}");
        string? Text(string field, string? typed, string? stored) => Sent(field) ? typed : stored;
        var budget = Input.Budget.Read(Part.Budget, BudgetAmounts, BudgetSources, Errors);
        var grade = !Sent(nameof(Input.Grade)) ? Part.Grade : string.IsNullOrWhiteSpace(Input.Grade) ? null : Input.Grade.Trim();
        if (grade is not null && scale.Find(grade) is null) Errors[nameof(Input.Grade)] = "entry.badGrade";
        foreach (var (name, text) in new[] { (nameof(Input.PlannedWork), Input.PlannedWork), (nameof(Input.Results), Input.Results), (nameof(Input.IssuesAndDirection), Input.IssuesAndDirection), (nameof(Input.NextYearPlan), Input.NextYearPlan), (nameof(Input.TargetProgress), Input.TargetProgress) })
            if (text?.Length > 4000) Errors[name] = "entry.tooLong";
        if (Errors.Count > 0)
        {
            Notice = Notice.Error("entry.fix");
            return null;
        }
        return new PartContent(Text(nameof(Input.PlannedWork), Input.PlannedWork, Part.PlannedWork), Text(nameof(Input.Results), Input.Results, Part.Results), grade,
            budget!, Text(nameof(Input.IssuesAndDirection), Input.IssuesAndDirection, Part.IssuesAndDirection),
            Text(nameof(Input.NextYearPlan), Input.NextYearPlan, Part.NextYearPlan), Text(nameof(Input.TargetProgress), Input.TargetProgress, Part.TargetProgress));
    }

    private async Task ReadBudgetLayoutAsync(int organisationId, string? templateName, IReadOnlyList<string> planSources, CancellationToken ct)
    {
        var layout = templateName is null ? null : (await Reports.ReportQueries.TemplatesAsync(db, organisationId, ct)).FirstOrDefault(t => t.Name == templateName);
        BudgetAmounts = BudgetForm.AmountsFor(layout, Part.Budget);
        BudgetSources = Part.Budget.SourcesIn(planSources);
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var part = await db.EntryParts
            .Include(p => p.Department)
            .Include(p => p.YearlyEntry).ThenInclude(e => e.Parts).ThenInclude(p => p.Department)
            .Include(p => p.YearlyEntry).ThenInclude(e => e.Measure).ThenInclude(m => m.Placements).ThenInclude(p => p.Node)
            .Include(p => p.YearlyEntry).ThenInclude(e => e.Measure).ThenInclude(m => m.Departments)
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
        Year = part.YearlyEntry.Measure.Plan.ReportingYears.Single(r => r.FiscalYear == part.YearlyEntry.FiscalYear);
        CanEdit = mayEdit && Year.IsOpen && part.IsEditable;
        var plan = part.YearlyEntry.Measure.Plan;
        await ReadBudgetLayoutAsync(plan.OrganisationId, plan.ReportTemplateName, plan.FundingSources, ct);
        CanReview = me.CanManage(organisationId);
        if (Request.Query["saved"] is { Count: > 0 } saved) Notice = Notice.Success(saved == "submitted" ? "entry.submitted" : "entry.saved");
        else if (CanReview && Request.Query["reviewed"] is { Count: > 0 } reviewed) Notice = Notice.Success(reviewed == "approved" ? "cycle.approved" : "cycle.returned");
        return null;
    }
}
