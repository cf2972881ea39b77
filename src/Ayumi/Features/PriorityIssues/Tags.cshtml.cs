using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.PriorityIssues;

/// <summary>
/// The secretariat reads every measure of a plan with the priority issues the suggester proposes
/// from its text, and confirms or corrects them measure by measure. Confirmed tags are a person's
/// and stay: recording the suggestions touches only the measures nobody has confirmed.
/// </summary>
[Authorize]
public sealed class TagsModel(AyumiDbContext db, CurrentMember current, NationalPlanReference reference, TagSuggester suggester, TimeProvider clock) : PageModel
{
    /// <summary>A checkbox's value: an issue (<c>issue:3</c>) or a sub-area of the reference tree (<c>area:1-1</c>).</summary>
    public const string IssueValue = "issue:", AreaValue = "area:";

    public Plan Plan { get; private set; } = null!;
    public IReadOnlyList<TaggedMeasure> Measures { get; private set; } = [];
    public NationalPlanReference Reference => reference;
    public Notice? Notice { get; private set; }

    public sealed record TaggedMeasure(Measure Measure, IReadOnlyList<TagSuggestion> Suggestions)
    {
        /// <summary>What the form starts from: the stored tags when there are any or a person confirmed them, else the suggestions.</summary>
        public IReadOnlySet<IssueTag> Proposed => (Measure.TagsConfirmed || Measure.Tags.Count > 0
            ? Measure.Tags.Select(t => t.AsIssueTag) : Suggestions.SelectMany(s => s.Tags)).ToHashSet();
    }

    public async Task<IActionResult> OnGetAsync(int id, int? saved, int? recorded, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (saved is { } measureId && Measures.FirstOrDefault(m => m.Measure.Id == measureId) is { } done)
            Notice = Notice.Success("tags.saved", done.Measure.PositionName(40));
        else if (recorded is { } count) Notice = Notice.Success("tags.recorded", count);
        return Page();
    }

    /// <summary>Stores the tags a person chose for one measure, marked as confirmed by them; an empty choice says the measure serves none of the issues.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(int id, int measureId, string[] tags, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (Measures.FirstOrDefault(m => m.Measure.Id == measureId) is not { } row) return NotFound();
        if (Chosen(tags) is not { } chosen) return BadRequest();
        var me = await current.GetAsync(ct);
        row.Measure.ConfirmTags(chosen, me.Name, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Redirect($"/plans/{id}/tags?saved={measureId}#measure-{measureId}");
    }

    /// <summary>Records the suggestions as the tags of every measure no person has confirmed, so that coverage and search can use them until someone does.</summary>
    public async Task<IActionResult> OnPostRecordAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var count = Measures.Count(m => m.Measure.SuggestTags(m.Suggestions.SelectMany(s => s.Tags)));
        await db.SaveChangesAsync(ct);
        return Redirect($"/plans/{id}/tags?recorded={count}");
    }

    /// <summary>The tags the checked boxes name; null when a box names no issue or sub-area of the reference tree.</summary>
    private List<IssueTag>? Chosen(string[] values)
    {
        var areas = new List<NationalPlanArea>();
        var issues = new List<PriorityIssue>();
        foreach (var value in values.Distinct())
        {
            if (value.StartsWith(AreaValue, StringComparison.Ordinal) && reference.Find(value[AreaValue.Length..]) is { } area) areas.Add(area);
            else if (value.StartsWith(IssueValue, StringComparison.Ordinal) && int.TryParse(value[IssueValue.Length..], out var number) && number is >= 1 and <= 7)
                issues.Add(PriorityIssue.Numbered(number));
            else return null;
        }
        // A sub-area says its issue; an issue checked alone is tagged as a whole.
        return [.. areas.Select(a => new IssueTag(a.Issue, a.Code)), .. issues.Where(i => areas.All(a => a.Issue != i)).Select(i => new IssueTag(i))];
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var plan = await db.Plans.Include(p => p.Organisation).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null) return NotFound();
        var me = await current.GetAsync(ct);
        if (!me.CanManage(plan.OrganisationId)) return Forbid();
        Plan = plan;
        await db.PlanNodes.Where(n => n.PlanId == id).LoadAsync(ct);
        // The suggester reads a department's whole path (部 and 課), so every unit of the organisation is loaded.
        await db.Departments.Where(d => d.OrganisationId == plan.OrganisationId).LoadAsync(ct);
        var measures = await db.Measures.Where(m => m.PlanId == id)
            .Include(m => m.Placements)
            .Include(m => m.Departments)
            .Include(m => m.Tags)
            .AsSplitQuery()
            .ToListAsync(ct);
        Measures = measures.OrderBy(m => m.PrimaryPlacement.Node.Order).ThenBy(m => m.PrimaryPlacement.ParsedFullCode)
            .Select(m => new TaggedMeasure(m, suggester.Suggest(MeasureText.Of(m)))).ToList();
        return null;
    }
}
