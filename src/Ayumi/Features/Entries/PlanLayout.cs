using Ayumi.Data;
using Ayumi.Domain;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Entries;

/// <summary>The progress sheet layout a plan prints by default, found as the sheet finds it, so that the entry form asks for what the sheet prints.</summary>
internal static class PlanLayout
{
    public static async Task<ReportTemplate> OfAsync(AyumiDbContext db, int organisationId, string? name, CancellationToken ct) =>
        ReportTemplate.BuiltIn.FirstOrDefault(t => t.Name == name)
        ?? (name is null ? null : await db.ReportTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.OrganisationId == organisationId && t.Name == name, ct))
        ?? ReportTemplate.BuiltIn[0];
}
