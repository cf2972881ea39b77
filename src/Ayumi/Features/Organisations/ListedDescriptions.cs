using Ayumi.Data;
using Ayumi.Domain;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Organisations;

/// <summary>
/// Organisations created before the national list was shipped, or from a plan file or a seed,
/// get the list's prefecture, reading, parent and population on start; stored values stay.
/// </summary>
public static class ListedDescriptions
{
    public static async Task FillAsync(AyumiDbContext db, LocalGovernmentList list, CancellationToken ct = default)
    {
        var undescribed = await db.Organisations.Where(o => o.Population == null && o.Kind != OrganisationKind.WideAreaUnion).ToListAsync(ct);
        var described = 0;
        foreach (var organisation in undescribed)
            if (list.Find(organisation.Code) is { } listed)
            {
                organisation.Describe(listed);
                described++;
            }
        if (described > 0) await db.SaveChangesAsync(ct);
    }
}
