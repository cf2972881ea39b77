using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Organisations;

/// <summary>
/// An administrator adds an organisation: a local government chosen from the national list
/// (searched by name, reading or code), or a wide-area union entered by hand.
/// </summary>
[Authorize]
public sealed class NewModel(AyumiDbContext db, CurrentMember current, LocalGovernmentList list) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Query { get; set; }
    [BindProperty] public string Code { get; set; } = "";
    [BindProperty] public UnionInput Union { get; set; } = new();

    public IReadOnlyList<Result> Results { get; private set; } = [];
    public Notice? Notice { get; private set; }

    public sealed class UnionInput
    {
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public string Reading { get; set; } = "";
        public string? Prefecture { get; set; }
        public int? Population { get; set; }
    }

    /// <param name="Exists">Ayumi already has the organisation: it is linked, not created again.</param>
    public sealed record Result(LocalGovernment Listed, bool Exists);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await RefusedAsync(ct) is { } refused) return refused;
        await SearchAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await RefusedAsync(ct) is { } refused) return refused;
        if (!LocalGovernmentCode.TryParse(Code, out var code, out _)) return await ShowAsync(Notice.Error("organisationNew.badCode", Code), ct);
        try { return await CreateAsync(Organisation.From(list.Require(code)), ct); }
        catch (DomainException e) { return await ShowAsync(Notice.Refused(e), ct); }
    }

    public async Task<IActionResult> OnPostUnionAsync(CancellationToken ct)
    {
        if (await RefusedAsync(ct) is { } refused) return refused;
        if (!LocalGovernmentCode.TryParse(Union.Code, out var code, out _)) return await ShowAsync(Notice.Error("organisationNew.badCode", Union.Code), ct);
        if (list.Find(code) is { } listed) return await ShowAsync(Notice.Error("organisationNew.unionIsListed", code.Value, listed.FullName), ct);
        if (list.WhyUnlisted(code) is { Reason: not UnlistedReason.Unknown, Name: var name }) return await ShowAsync(Notice.Error("organisationNew.unionIsListed", code.Value, name!), ct);
        try { return await CreateAsync(Organisation.WideAreaUnion(code, Union.Name, Union.Reading, Union.Prefecture, Union.Population), ct); }
        catch (DomainException e) { return await ShowAsync(Notice.Refused(e), ct); }
    }

    private async Task<IActionResult> CreateAsync(Organisation organisation, CancellationToken ct)
    {
        if (await db.Organisations.AnyAsync(o => o.Code == organisation.Code, ct))
            return await ShowAsync(Notice.Error("organisationNew.exists", organisation.Name, organisation.Code.Value), ct);
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(ct);
        return Redirect($"/organisations/{organisation.Code}?created=1");
    }

    private async Task<IActionResult> ShowAsync(Notice notice, CancellationToken ct)
    {
        Notice = notice;
        await SearchAsync(ct);
        return Page();
    }

    private async Task SearchAsync(CancellationToken ct)
    {
        var found = list.Search(Query);
        var codes = found.Select(f => f.Code).ToList();
        var existing = (await db.Organisations.AsNoTracking().Where(o => codes.Contains(o.Code)).Select(o => o.Code).ToListAsync(ct)).ToHashSet();
        Results = found.Select(f => new Result(f, existing.Contains(f.Code))).ToList();
    }

    private async Task<IActionResult?> RefusedAsync(CancellationToken ct) =>
        (await current.GetAsync(ct)).CanCreateOrganisations() ? null : Forbid();
}
