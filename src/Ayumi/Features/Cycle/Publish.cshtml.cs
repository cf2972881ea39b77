using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Ayumi.Features.Cycle;

/// <summary>公表する: the locked year becomes everyone's, on the public pages, the downloads, open data and the API.</summary>
[Authorize]
public sealed class PublishModel(AyumiDbContext db, CurrentMember current, TimeProvider clock) : YearStepModel(db, current, clock)
{
    protected override string Done => "published";

    protected override void Check() => Year.EnsurePublishable();

    protected override void Take(DateTimeOffset at) => Year.Publish(at);

    protected override IEnumerable<FiscalYear> PublicYearsAfter(IReadOnlyCollection<FiscalYear> now) => now.Append(Year.FiscalYear);
}
