using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Organisations;

public sealed class IndexModel(AyumiDbContext db, CurrentMember current) : PageModel
{
    public IReadOnlyList<OrganisationRow> Organisations { get; private set; } = [];
    public bool CanCreate { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = await current.GetAsync(ct);
        CanCreate = me.CanCreateOrganisations();
        var organisations = await db.Organisations.AsNoTracking().Include(o => o.Plans.AsQueryable().Where(Publication.PlansSeenBy(me))).ToListAsync(ct);
        Organisations = organisations
            .OrderBy(o => o.Code.Value)
            .Select(o => new OrganisationRow(o.Code.Value, o.Name, o.Kind,
                o.Plans.OrderBy(p => p.Generation).Select(p => new PlanLink(p.Id, p.Name, p.PeriodLabel)).ToList()))
            .ToList();
    }

    public sealed record OrganisationRow(string Code, string Name, OrganisationKind Kind, IReadOnlyList<PlanLink> Plans);
    public sealed record PlanLink(int Id, string Name, string Period);
}
