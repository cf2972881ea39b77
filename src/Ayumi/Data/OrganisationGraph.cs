using System.Linq.Expressions;
using Ayumi.Domain;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Data;

public static class OrganisationGraph
{
    /// <summary>
    /// Loads an organisation with its departments and every plan in full, for work that
    /// runs the domain's rules over the whole aggregate (loading and writing plan files).
    /// </summary>
    public static async Task<Organisation?> LoadOrganisationGraphAsync(this AyumiDbContext db, Expression<Func<Organisation, bool>> predicate, CancellationToken cancellationToken = default)
    {
        var organisation = await db.Organisations
            .Include(o => o.Departments).ThenInclude(d => d.Aliases)
            .AsSplitQuery()
            .FirstOrDefaultAsync(predicate, cancellationToken);
        if (organisation is null) return null;
        await db.Plans.Where(p => p.OrganisationId == organisation.Id)
            .Include(p => p.Nodes)
            .Include(p => p.Measures).ThenInclude(m => m.Placements)
            .Include(p => p.Measures).ThenInclude(m => m.Entries)
            .Include(p => p.Measures).ThenInclude(m => m.Continuations)
            .Include(p => p.Measures).ThenInclude(m => m.Tags)
            .Include(p => p.Indicators)
            .Include(p => p.ReportingYears)
            .AsSplitQuery()
            .LoadAsync(cancellationToken);
        return organisation;
    }
}
