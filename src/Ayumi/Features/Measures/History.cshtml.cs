using System.Text.Json.Nodes;
using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Measures;

/// <summary>The audit trail of a measure: every change to it, its listings, entries and parts, old → new.</summary>
[Authorize]
public sealed class HistoryModel(AyumiDbContext db, CurrentMember current, UiText text) : PageModel
{
    public Measure Measure { get; private set; } = null!;
    public IReadOnlyList<HistoryItem> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var measure = await db.Measures.AsNoTracking().Include(m => m.Plan).ThenInclude(p => p.Organisation).Include(m => m.Placements).ThenInclude(p => p.Node)
            .FirstOrDefaultAsync(m => m.Id == id, ct);
        if (measure is null) return NotFound();
        var me = await current.GetAsync(ct);
        var organisationId = measure.Plan.OrganisationId;
        if (!me.IsMemberOf(organisationId)) return Forbid();
        if (!me.SeesPlan(measure.Plan)) return NotFound();
        Measure = measure;
        var records = await db.AuditEntries.AsNoTracking().Where(a => a.MeasureId == id).OrderByDescending(a => a.Id).Take(500).ToListAsync(ct);
        // Each record is shown by the publication rule: the state of its entry's year, its part's department, its indicator's owner.
        var years = await db.ReportingYears.AsNoTracking().Where(r => r.PlanId == measure.PlanId).ToDictionaryAsync(r => r.FiscalYear, r => r.Status, ct);
        var entries = (await db.YearlyEntries.AsNoTracking().Where(e => e.MeasureId == id).Select(e => new { e.Id, e.FiscalYear }).ToListAsync(ct))
            .ToDictionary(e => e.Id.ToString(), e => e.FiscalYear);
        var parts = (await db.EntryParts.AsNoTracking().Where(p => p.YearlyEntry.MeasureId == id)
            .Select(p => new { p.Id, p.DepartmentId, p.YearlyEntry.FiscalYear }).ToListAsync(ct)).ToDictionary(p => p.Id.ToString());
        var owners = (await db.Indicators.AsNoTracking().Where(i => i.MeasureId == id).ToListAsync(ct))
            .SelectMany(i => i.Actuals.Select(a => (Id: a.Id.ToString(), i.OwnerId))).ToDictionary(a => a.Id, a => a.OwnerId);
        ReportingStatus? StateOf(FiscalYear? year) => year is { } y && years.TryGetValue(y, out var status) ? status : null;
        bool Shown(AuditEntry record) => record.EntityType switch
        {
            nameof(YearlyEntry) => me.SeesAuditRecord(organisationId, record, StateOf(entries.GetValueOrDefault(record.EntityId)), null),
            nameof(EntryPart) => me.SeesAuditRecord(organisationId, record, StateOf(parts.GetValueOrDefault(record.EntityId)?.FiscalYear), parts.GetValueOrDefault(record.EntityId)?.DepartmentId),
            nameof(IndicatorActual) => me.SeesAuditRecord(organisationId, record, null, owners.GetValueOrDefault(record.EntityId)),
            _ => me.SeesAuditRecord(organisationId, record, null, null),
        };
        var shown = records.Where(Shown).ToList();
        var userIds = shown.Select(r => r.UserId).OfType<string>().Distinct().ToList();
        var names = new HistoryNames(
            await db.Departments.AsNoTracking().Where(d => d.OrganisationId == organisationId).ToDictionaryAsync(d => d.Id, d => d.Name, ct),
            await db.PlanNodes.AsNoTracking().Where(n => n.PlanId == measure.PlanId).ToDictionaryAsync(n => n.Id, n => $"{n.Code} {n.Title}", ct),
            await LinkedMeasuresAsync(id, me, ct),
            await db.Indicators.AsNoTracking().Where(i => i.PlanId == measure.PlanId).ToDictionaryAsync(i => i.Id, i => $"{i.Code} {i.Name}", ct),
            await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct),
            entries,
            parts.ToDictionary(p => p.Key, p => (p.Value.FiscalYear, p.Value.DepartmentId)));
        var history = new AuditHistory(text, names);
        Items = shown.Select(history.Describe).ToList();
        return Page();
    }

    /// <summary>The measures this one's lineage links lead to, by their full position (in any plan of the organisation).</summary>
    private async Task<Dictionary<int, string>> LinkedMeasuresAsync(int id, MemberRoles me, CancellationToken ct)
    {
        var targets = await db.MeasureLineages.AsNoTracking().Where(l => l.FromId == id).Select(l => l.ToId).ToListAsync(ct);
        var measures = await db.Measures.AsNoTracking().Include(m => m.Plan).Include(m => m.Placements).ThenInclude(p => p.Node)
            .Where(m => targets.Contains(m.Id)).ToListAsync(ct);
        // A measure of a plan this reader may not see (a draft of the next plan) is not named: the publication rule holds here too.
        return measures.ToDictionary(m => m.Id, m => me.SeesPlan(m.Plan) ? $"{m.Plan.GenerationLabel} {m.PositionName()}" : text["history.notShown"]);
    }
}
