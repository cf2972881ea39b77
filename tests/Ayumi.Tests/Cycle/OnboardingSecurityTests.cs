using System.Net;
using Ayumi.Domain;
using Ayumi.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Tests.Cycle;

/// <summary>
/// Who may start what: only administrators add organisations; only an organisation's
/// secretariat (and administrators) create its plans and change their settings.
/// </summary>
public sealed class OnboardingSecurityTests(OnboardingSecurityTests.Fixture fixture) : IClassFixture<OnboardingSecurityTests.Fixture>
{
    public sealed class Fixture : CycleFixture
    {
        public int EnaPlan { get; private set; }
        public Dictionary<string, WebUser> Users { get; } = [];

        protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            EnaPlan = await Factory.PlanIdAsync("212105");
            Users["anonymous"] = Factory.NewUser();
            foreach (var (role, email) in new[] { ("soumu", Soumu), ("reviewer", Reviewer), ("secretariat", Secretariat), ("akita", AkitaSecretariat), ("admin", Administrator) })
                Users[role] = await Factory.SignedInAsync(email);
        }
    }

    public enum Expect { Ok, Denied, SignIn }

    public static TheoryData<string, string, Expect> Pages() => new()
    {
        { "anonymous", "/organisations/new", Expect.SignIn }, { "soumu", "/organisations/new", Expect.Denied }, { "reviewer", "/organisations/new", Expect.Denied },
        { "secretariat", "/organisations/new", Expect.Denied }, { "akita", "/organisations/new", Expect.Denied }, { "admin", "/organisations/new", Expect.Ok },
        { "anonymous", "/organisations/212105/plans/new", Expect.SignIn }, { "soumu", "/organisations/212105/plans/new", Expect.Denied },
        { "reviewer", "/organisations/212105/plans/new", Expect.Denied }, { "akita", "/organisations/212105/plans/new", Expect.Denied },
        { "secretariat", "/organisations/212105/plans/new", Expect.Ok }, { "admin", "/organisations/212105/plans/new", Expect.Ok },
        { "anonymous", "settings", Expect.SignIn }, { "soumu", "settings", Expect.Denied }, { "reviewer", "settings", Expect.Denied },
        { "akita", "settings", Expect.Denied }, { "secretariat", "settings", Expect.Ok }, { "admin", "settings", Expect.Ok },
    };

    private string Url(string page) => page == "settings" ? $"/plans/{fixture.EnaPlan}/settings" : page;

    private static void Check(HttpResponseMessage response, Expect expected)
    {
        switch (expected)
        {
            case Expect.Ok: Assert.Equal(HttpStatusCode.OK, response.StatusCode); break;
            case Expect.Denied: Accounts.AssertDenied(response); break;
            case Expect.SignIn: Accounts.AssertChallenged(response); break;
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_onboarding_pages_are_shown_only_to_the_roles_they_belong_to(string role, string page, Expect expected) =>
        Check(await fixture.Users[role].Client.GetAsync(Url(page)), expected);

    private const string PlanForm = "Form.Name=改ざん&Form.Generation=1&Form.PeriodStart=R6&Form.PeriodEnd=R10&Form.Levels=基本目標&Form.MeasureLevel=取組&Form.Scale=none";

    public static TheoryData<string, string, string, Expect> Posts() => new()
    {
        { "secretariat", "/organisations/new", "Code=212067", Expect.Denied },
        { "akita", "/organisations/new", "Code=212067", Expect.Denied },
        { "soumu", "/organisations/new?handler=Union", "Union.Code=219983&Union.Name=改ざん&Union.Reading=かいざん", Expect.Denied },
        { "anonymous", "/organisations/new", "Code=212067", Expect.SignIn },
        { "soumu", "/organisations/212105/plans/new", PlanForm, Expect.Denied },
        { "reviewer", "/organisations/212105/plans/new", PlanForm, Expect.Denied },
        { "akita", "/organisations/212105/plans/new", PlanForm, Expect.Denied },
        { "soumu", "settings", PlanForm, Expect.Denied },
        { "akita", "settings", PlanForm, Expect.Denied },
        { "anonymous", "settings", PlanForm, Expect.SignIn },
    };

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task Onboarding_handlers_refuse_direct_posts_from_roles_without_the_right(string role, string handler, string fields, Expect expected)
    {
        var page = handler.Split('?')[0];
        var url = Url(page) + (handler.Contains('?') ? "?" + handler.Split('?')[1] : "");
        var form = fields.Split('&').Select(f => f.Split('=', 2)).Select(f => new KeyValuePair<string, string>(f[0], f[1]));
        var before = await Snapshot();
        var response = await fixture.Users[role].PostAsync(url, form, formPage: role == "anonymous" ? "/account/login" : "/my");
        Check(response, expected);
        Assert.Equal(before, await Snapshot());
    }

    [Theory]
    [InlineData("/organisations/new")]
    [InlineData("/organisations/212105/plans/new")]
    [InlineData("settings")]
    public async Task Every_onboarding_post_without_an_anti_forgery_token_is_refused(string page)
    {
        var before = await Snapshot();
        var response = await fixture.Users["admin"].Client.PostAsync(Url(page), new FormUrlEncodedContent([new("Code", "212067"), new("Form.Name", "csrf")]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await Snapshot());
    }

    [Fact]
    public async Task The_demo_organisations_carry_the_national_list_description()
    {
        var described = await fixture.Factory.QueryAsync(db => db.Organisations.OrderBy(o => o.Id).Select(o => new { o.Name, o.Reading, o.Population, o.Kind }).ToListAsync());
        Assert.Equal(5, described.Count);
        Assert.All(described, o => Assert.True(o.Reading is not null && o.Population > 0, $"{o.Name} has no reading or population"));
        Assert.Contains(described, o => o.Name == "恵那市" && o.Reading == "えなし" && o.Population == 48371 && o.Kind == OrganisationKind.Municipality);
    }

    private Task<string> Snapshot() => fixture.Factory.QueryAsync(async db =>
        string.Join(",", await db.Organisations.OrderBy(o => o.Id).Select(o => o.Name).ToListAsync())
        + "|" + string.Join(",", await db.Plans.OrderBy(p => p.Id).Select(p => $"{p.Name}:{p.PeriodStart}:{p.PeriodEnd}").ToListAsync()));
}
