using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Reports;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Review;

/// <summary>Reads the opinions chosen for publication, held to the publication rule (<see cref="Publication.SeesOpinions"/>).</summary>
public static class OpinionQueries
{
    /// <summary>The opinions of the plan's years that <paramref name="reader"/> may see, by year and order.</summary>
    public static async Task<List<PublishedOpinion>> SeenByAsync(AyumiDbContext db, Plan plan, MemberRoles reader, CancellationToken ct)
    {
        var opinions = await db.PublishedOpinions.AsNoTracking().Include(o => o.ReportingYear)
            .Where(o => o.ReportingYear.PlanId == plan.Id).OrderBy(o => o.ReportingYearId).ThenBy(o => o.Order).ThenBy(o => o.Id).ToListAsync(ct);
        return opinions.Where(o => reader.SeesOpinions(plan.OrganisationId, o.ReportingYear.Status)).ToList();
    }

    /// <summary>The section of <paramref name="year"/> that <paramref name="reader"/> may see; null when there is none to show.</summary>
    public static async Task<OpinionSection?> SectionAsync(AyumiDbContext db, Plan plan, FiscalYear year, MemberRoles reader, Func<string, string> text, CancellationToken ct)
    {
        var opinions = (await SeenByAsync(db, plan, reader, ct)).Where(o => o.ReportingYear.FiscalYear == year).ToList();
        return opinions.Count == 0 ? null : OpinionSection.Of(plan, opinions, text);
    }
}
