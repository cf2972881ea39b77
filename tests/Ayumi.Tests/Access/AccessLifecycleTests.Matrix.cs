using System.Net;
using Ayumi.Tests.Cycle;
using Ayumi.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Tests.Access;

/// <summary>The role matrix of access taken away: removed memberships, disabled accounts, signed-out cookies and other organisations.</summary>
public abstract partial class AccessLifecycleTests
{
    public static TheoryData<string, string, Expect> Pages() => new()
    {
        // A removed membership, a disabled account and a signed-out cookie open nothing, at once.
        { "removed", "members", Expect.SignIn }, { "removed", "cycle", Expect.SignIn }, { "removed", "/my", Expect.SignIn }, { "removed", "import", Expect.SignIn },
        { "disabled", "/my", Expect.SignIn }, { "disabled", "own-part", Expect.SignIn }, { "disabled", "members", Expect.SignIn },
        { "signed-out", "members", Expect.SignIn }, { "signed-out", "cycle", Expect.SignIn }, { "signed-out", "/my", Expect.SignIn },
        // Another organisation's secretariat reaches none of Ena's pages, but its own.
        { "komae", "members", Expect.Denied }, { "komae", "cycle", Expect.Denied }, { "komae", "import", Expect.Denied }, { "komae", "own-part", Expect.Denied },
        { "komae", "templates", Expect.Denied }, { "komae", "komae-members", Expect.Ok },
        { "secretariat", "members", Expect.Ok }, { "secretariat", "komae-members", Expect.Denied }, { "admin", "komae-members", Expect.Ok },
    };

    private string Url(string page) => page switch
    {
        "members" => EnaMembers,
        "komae-members" => KomaeMembers,
        "cycle" => $"/plans/{fixture.EnaPlan}/cycle",
        "import" => "/organisations/212105/import",
        "templates" => "/organisations/212105/templates",
        "own-part" => $"/entries/{fixture.SoumuPart}",
        _ => page,
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Pages_refuse_removed_disabled_signed_out_and_other_organisations_users(string role, string page, Expect expected) =>
        Accounts.AssertAnswer(await fixture.Users[role].Client.GetAsync(Url(page)), expected);

    public static TheoryData<string, string, string, Expect> Posts() => new()
    {
        // role, handler URL, form fields (k=v&…), expected
        { "komae", "members?handler=Reset", "userId={soumu}", Expect.Denied },
        { "komae", "members?handler=Disable", "userId={soumu}", Expect.Denied },
        { "komae", "members?handler=Remove", "membershipId={soumuMembership}", Expect.Denied },
        { "komae", "komae-members?handler=Reset", "userId={soumu}", Expect.NotFound },
        { "komae", "komae-members?handler=Disable", "userId={soumu}", Expect.NotFound },
        { "komae", "komae-members?handler=Remove", "membershipId={soumuMembership}", Expect.NotFound },
        { "akita", "members?handler=Remove", "membershipId={soumuMembership}", Expect.Denied },
        { "akita", "members?handler=Enable", "userId={disabled}", Expect.Denied },
        { "soumu", "members?handler=Reset", "userId={secretariat}", Expect.Denied },
        { "soumu", "members?handler=Remove", "membershipId={soumuMembership}", Expect.Denied },
        { "removed", "members?handler=Remove", "membershipId={soumuMembership}", Expect.SignIn },
        { "removed", "members", "Email=x@example.jp&DisplayName=x&Role=Secretariat", Expect.SignIn },
        { "disabled", "own-part?handler=Save", "Input.Version=0&Input.Results=改ざん&Input.Grade=A", Expect.SignIn },
        { "signed-out", "members?handler=Reset", "userId={soumu}", Expect.SignIn },
        { "signed-out", "members", "Email=x@example.jp&DisplayName=x&Role=Secretariat", Expect.SignIn },
        { "anonymous", "members?handler=Disable", "userId={soumu}", Expect.SignIn },
    };

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task Account_handlers_refuse_other_organisations_and_users_whose_access_was_taken(string role, string handler, string fields, Expect expected)
    {
        var user = fixture.Users[role];
        var url = Url(handler.Split('?')[0]) + (handler.Contains('?') ? "?" + handler.Split('?')[1] : "");
        var form = fields.Replace("{soumu}", await fixture.UserIdAsync(CycleFixture.Soumu)).Replace("{secretariat}", await fixture.UserIdAsync(CycleFixture.Secretariat))
            .Replace("{disabled}", await fixture.UserIdAsync(AccessFixture.Disabled)).Replace("{soumuMembership}", (await fixture.MembershipIdAsync(CycleFixture.Soumu)).ToString())
            .Split('&', StringSplitOptions.RemoveEmptyEntries).Select(f => f.Split('=', 2)).Select(f => new KeyValuePair<string, string>(f[0], f[1]));
        var before = await Snapshot();
        var response = await user.PostAsync(url, form, formPage: role is "anonymous" or "removed" or "disabled" or "signed-out" ? "/account/login" : "/my");
        Accounts.AssertAnswer(response, expected);
        Assert.Equal(before, await Snapshot());
    }

    [Theory]
    [InlineData("members?handler=Remove")]
    [InlineData("members?handler=Disable")]
    [InlineData("members?handler=Enable")]
    [InlineData("members?handler=Reset")]
    [InlineData("/account/password")]
    public async Task Account_posts_without_an_anti_forgery_token_are_refused(string handler)
    {
        var url = Url(handler.Split('?')[0]) + (handler.Contains('?') ? "?" + handler.Split('?')[1] : "");
        var before = await Snapshot();
        var response = await fixture.Users["admin"].Client.PostAsync(url, new FormUrlEncodedContent([
            F("membershipId", (await fixture.MembershipIdAsync(CycleFixture.Soumu)).ToString()), F("userId", await fixture.UserIdAsync(CycleFixture.Soumu)),
            F("Current", Accounts.Password), F("Password", "csrf-password-2025"), F("Confirm", "csrf-password-2025")]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await Snapshot());
    }

    /// <summary>Everything a refused post on accounts could have changed.</summary>
    private Task<string> Snapshot() => Factory.QueryAsync(async db =>
        string.Join("|", await db.Users.OrderBy(u => u.Id).Select(u => $"{u.Id}:{u.PasswordHash}:{u.SecurityStamp}:{u.IsDisabled}:{u.IsAdministrator}").ToListAsync())
        + string.Join("|", await db.Memberships.OrderBy(m => m.Id).Select(m => $"{m.Id}:{m.UserId}:{m.OrganisationId}:{m.Role}").ToListAsync())
        + string.Join("|", await db.EntryParts.OrderBy(p => p.Id).Select(p => $"{p.Id}:{p.Results}:{p.Version}").ToListAsync()));
}
