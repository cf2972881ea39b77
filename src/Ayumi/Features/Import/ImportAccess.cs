using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Import;

/// <summary>Who may import: the secretariat of the organisation (and administrators).</summary>
public static class ImportAccess
{
    /// <summary>The organisation, or the response that refuses the request (not found, forbidden).</summary>
    public static async Task<(Organisation? Organisation, IActionResult? Refusal)> LoadAsync(AyumiDbContext db, CurrentMember current, string code, CancellationToken ct)
    {
        if (!LocalGovernmentCode.TryParse(code, out var parsed, out _)) return (null, new NotFoundResult());
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Code == parsed, ct);
        if (organisation is null) return (null, new NotFoundResult());
        var me = await current.GetAsync(ct);
        return me.CanManage(organisation.Id) ? (organisation, null) : (null, new ForbidResult());
    }

    /// <summary>The largest file accepted, from <c>Ayumi:Import:MaxFileMegabytes</c> (default 20).</summary>
    public static Reading.ReadLimits Limits(IConfiguration configuration) =>
        new(MaxFileBytes: configuration.GetValue("Ayumi:Import:MaxFileMegabytes", 20L) * 1024 * 1024);
}
