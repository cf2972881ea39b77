using Ayumi.Domain;
using Ayumi.Tests.Cycle;
using Ayumi.Tests.Web;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Tests.Access;

/// <summary>
/// Ena's and Akita's users (<see cref="CycleFixture"/>), Komae City's secretariat, and users whose
/// access was taken away through the pages: a secretariat whose role was removed, a department
/// editor whose account was disabled, and the cookie of a secretariat who has signed out.
/// </summary>
public abstract class AccessFixture : CycleFixture
{
    public const string KomaeSecretariat = "jimukyoku@komae.example.jp";
    public const string Removed = "removed@ena.example.jp";
    public const string Disabled = "disabled@ena.example.jp";
    public const string SignedOut = "signedout@ena.example.jp";

    public int EnaPlan { get; private set; }
    public int SoumuPart { get; private set; }
    public Dictionary<string, WebUser> Users { get; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.CreateAsync(KomaeSecretariat, "132195", MemberRole.Secretariat);
        EnaPlan = await Factory.PlanIdAsync("212105");
        await CycleSetup.OpenAsync(Factory, EnaPlan, FiscalYear.Parse("FY2025"));
        SoumuPart = await CycleSetup.PartIdAsync(Factory, EnaPlan, "総務課", "更生保護活動に関する情報の周知");
        await Factory.CreateAsync(Removed, "212105", MemberRole.Secretariat);
        await Factory.CreateAsync(Disabled, "212105", MemberRole.DepartmentEditor, "総務課");
        await Factory.CreateAsync(SignedOut, "212105", MemberRole.Secretariat);

        Users["anonymous"] = Factory.NewUser();
        foreach (var (role, email) in new[] { ("secretariat", Secretariat), ("soumu", Soumu), ("akita", AkitaSecretariat), ("komae", KomaeSecretariat),
                     ("admin", Administrator), ("removed", Removed), ("disabled", Disabled) })
            Users[role] = await Factory.SignedInAsync(email);
        var (leaving, cookies) = await SignedInWithCookiesAsync(SignedOut);
        await leaving.PostAsync("/account/logout", [], formPage: "/my");
        Users["signed-out"] = WithCookies(cookies);

        var secretariat = Users["secretariat"];
        await secretariat.PostAsync("/organisations/212105/members?handler=Remove", [new("membershipId", (await MembershipIdAsync(Removed)).ToString())], formPage: "/organisations/212105/members");
        await secretariat.PostAsync("/organisations/212105/members?handler=Disable", [new("userId", await UserIdAsync(Disabled))], formPage: "/organisations/212105/members");
    }

    public Task<string> UserIdAsync(string email) => Factory.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    public Task<int> MembershipIdAsync(string email) =>
        Factory.QueryAsync(async db => { var id = await UserIdAsync(email); return await db.Memberships.Where(m => m.UserId == id).Select(m => m.Id).SingleAsync(); });

    /// <summary>A signed-in user, and their cookies as someone who copied them from the browser would hold them.</summary>
    public async Task<(WebUser User, string Cookies)> SignedInWithCookiesAsync(string email)
    {
        var jar = new CookieContainerHandler();
        var user = new WebUser(Factory.CreateDefaultClient(jar));
        await user.SignInAsync(email);
        return (user, jar.Container.GetCookieHeader(Factory.Server.BaseAddress));
    }

    /// <summary>A client that sends copied cookies with every request, whatever the server answers.</summary>
    public WebUser WithCookies(string cookies)
    {
        var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookies);
        return new WebUser(client);
    }
}

public sealed class SqliteAccess : AccessFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgresAccess : AccessFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();
}
