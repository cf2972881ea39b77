using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Ayumi.Features.Cycle;

/// <summary>
/// 公表の取り下げ: a published year goes back to locked, with the reason, which the plan's public page states in its notice of
/// correction (訂正のお知らせ). It can be published again.
/// </summary>
[Authorize]
public sealed class UnpublishModel(AyumiDbContext db, CurrentMember current, TimeProvider clock) : YearStepModel(db, current, clock)
{
    [BindProperty] public string? Reason { get; set; }

    protected override string Done => "unpublished";

    protected override void Check() => Year.EnsurePublicationWithdrawable();

    protected override void Take(DateTimeOffset at) => Year.WithdrawPublication(Reason ?? "", at);

    protected override IEnumerable<FiscalYear> PublicYearsAfter(IReadOnlyCollection<FiscalYear> now) => now.Where(y => y != Year.FiscalYear);
}
