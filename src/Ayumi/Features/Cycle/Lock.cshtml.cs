using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Ayumi.Features.Cycle;

/// <summary>年度を確定する: every part approved, the year is closed to the departments and opened to the reviewers, still not public.</summary>
[Authorize]
public sealed class LockModel(AyumiDbContext db, CurrentMember current, TimeProvider clock) : YearStepModel(db, current, clock)
{
    protected override string Done => "locked";

    protected override void Check() => Year.EnsureLockable(Parts.ToList());

    protected override void Take(DateTimeOffset at) => Year.Lock(Parts.ToList(), at);

    protected override IEnumerable<FiscalYear> PublicYearsAfter(IReadOnlyCollection<FiscalYear> now) => now;
}
