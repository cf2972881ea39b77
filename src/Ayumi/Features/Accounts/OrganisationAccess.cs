using Ayumi.Data;
using Ayumi.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Accounts;

/// <summary>Pages only the secretariat of an organisation (and administrators) may use.</summary>
public static class OrganisationAccess
{
    /// <summary>The organisation named by <paramref name="code"/>, or the response that refuses the request (not found, forbidden).</summary>
    public static async Task<(Organisation? Organisation, IActionResult? Refusal)> ManagedAsync(AyumiDbContext db, CurrentMember current, string code, CancellationToken ct)
    {
        if (!LocalGovernmentCode.TryParse(code, out var parsed, out _)) return (null, new NotFoundResult());
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Code == parsed, ct);
        if (organisation is null) return (null, new NotFoundResult());
        var me = await current.GetAsync(ct);
        return me.CanManage(organisation.Id) ? (organisation, null) : (null, new ForbidResult());
    }
}
