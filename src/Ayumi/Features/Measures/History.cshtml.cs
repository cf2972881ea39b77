using System.Text.Json.Nodes;
using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Measures;

/// <summary>The audit trail of a measure: every change to it, its listings, entries and parts, old → new.</summary>
[Authorize]
public sealed class HistoryModel(AyumiDbContext db, CurrentMember current) : PageModel
{
    public Measure Measure { get; private set; } = null!;
    public IReadOnlyList<(AuditEntry Entry, IReadOnlyList<(string Field, string? Old, string? New)> Changes)> Changes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var measure = await db.Measures.AsNoTracking().Include(m => m.Plan).ThenInclude(p => p.Organisation).Include(m => m.Placements)
            .FirstOrDefaultAsync(m => m.Id == id, ct);
        if (measure is null) return NotFound();
        var me = await current.GetAsync(ct);
        if (!me.IsMemberOf(measure.Plan.OrganisationId)) return Forbid();
        Measure = measure;
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.MeasureId == id).OrderByDescending(a => a.Id).Take(500).ToListAsync(ct);
        // Department editors see the history of their own departments' parts only, as they see only their own drafts.
        var organisationId = measure.Plan.OrganisationId;
        HashSet<string>? visibleParts = null;
        if (!me.CanManage(organisationId) && !me.Has(organisationId, MemberRole.Reviewer))
        {
            var mine = me.EditableDepartments(organisationId);
            visibleParts = (await db.EntryParts.Where(p => p.YearlyEntry.MeasureId == id && mine.Contains(p.DepartmentId))
                .Select(p => p.Id).ToListAsync(ct)).Select(i => i.ToString()).ToHashSet();
        }
        Changes = entries
            .Where(a => visibleParts is null || a.EntityType != nameof(EntryPart) || visibleParts.Contains(a.EntityId))
            .Select(a => (a, (IReadOnlyList<(string, string?, string?)>)Parse(a.Changes).Where(c => c.Field is not ("Id" or "Version")).ToList()))
            .ToList();
        return Page();
    }

    private static List<(string Field, string? Old, string? New)> Parse(string json) =>
        (JsonNode.Parse(json)?.AsObject() ?? []).Select(p => (p.Key, (string?)p.Value?["old"], (string?)p.Value?["new"])).ToList();
}
