using System.Net;
using Ayumi.Domain;
using Ayumi.Tests.Web;

namespace Ayumi.Tests.Access;

/// <summary>Sign-in protection with tight limits: ten posts of credentials per client, three tries per address.</summary>
public abstract class SignInLimitTests(AyumiFixture fixture)
{
    public const string Holder = "holder@ena.example.jp";

    public static IReadOnlyDictionary<string, string> TightLimits { get; } = new Dictionary<string, string>
    {
        ["Ayumi:SignIn:PerClientAttempts"] = "10",
        ["Ayumi:SignIn:PerAddressAttempts"] = "3",
    };

    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    private static async Task<(HttpStatusCode Status, string? Alert)> TryAsync(WebUser user, string email, string password)
    {
        var response = await user.PostAsync("/account/login", [F("Email", email), F("Password", password)]);
        if (response.StatusCode == HttpStatusCode.Redirect) return (response.StatusCode, null);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, page.QuerySelector("[role=alert]")?.TextContent);
    }

    [Fact]
    public async Task Attempts_are_limited_per_address_and_per_client_without_locking_the_holder_out_of_their_browser()
    {
        await fixture.Factory.CreateAsync(Holder, "212105", MemberRole.Reviewer);
        const string wrong = "wrong-password-123";
        const string tooMany = "サインインの試行が多すぎます。しばらく待ってからもう一度お試しください。";
        var holder = fixture.Factory.NewUser();
        Assert.Equal(HttpStatusCode.Redirect, (await TryAsync(holder, Holder, Accounts.Password)).Status);

        // Two more tries spend the address's three; the fourth is refused even with the right password.
        var stranger = fixture.Factory.NewUser();
        Assert.Equal((HttpStatusCode.OK, "メールアドレスまたはパスワードが違います。"), await TryAsync(stranger, Holder, wrong));
        Assert.Equal((HttpStatusCode.OK, "メールアドレスまたはパスワードが違います。"), await TryAsync(stranger, Holder, wrong));
        Assert.Equal((HttpStatusCode.TooManyRequests, tooMany), await TryAsync(stranger, Holder, Accounts.Password));

        // An address without an account is limited the same way, with the same message.
        const string nobody = "nobody@ena.example.jp";
        for (var i = 0; i < 3; i++) Assert.Equal((HttpStatusCode.OK, "メールアドレスまたはパスワードが違います。"), await TryAsync(stranger, nobody, wrong));
        Assert.Equal((HttpStatusCode.TooManyRequests, tooMany), await TryAsync(stranger, nobody, wrong));

        // The holder's own browser, where they signed in before, is not held back by the address's limit.
        await holder.PostAsync("/account/logout", [], formPage: "/my");
        Assert.Equal(HttpStatusCode.Redirect, (await TryAsync(holder, Holder, Accounts.Password)).Status);

        // Nine posts so far from this one client; the tenth is answered, the eleventh is refused, on every page that takes a password.
        Assert.Equal(HttpStatusCode.OK, (await TryAsync(stranger, "someone@ena.example.jp", wrong)).Status);
        var refused = await stranger.PostAsync("/account/login", [F("Email", "someone@ena.example.jp"), F("Password", wrong)]);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter is not null || refused.Headers.Contains("Retry-After"));
        Assert.Contains("試行が多すぎます", await refused.Content.ReadAsStringAsync());
        var accept = await stranger.PostAsync("/account/accept?userId=x&token=y", [F("UserId", "x"), F("Token", "y"), F("Password", wrong), F("Confirm", wrong)], formPage: "/account/login");
        Assert.Equal(HttpStatusCode.TooManyRequests, accept.StatusCode);
    }
}

public sealed class SqliteTightSignIn : AyumiFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => SignInLimitTests.TightLimits;
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgresTightSignIn : AyumiFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => SignInLimitTests.TightLimits;
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();
}

public sealed class SqliteSignInLimitTests(SqliteTightSignIn fixture) : SignInLimitTests(fixture), IClassFixture<SqliteTightSignIn>;

public sealed class PostgresSignInLimitTests(PostgresTightSignIn fixture) : SignInLimitTests(fixture), IClassFixture<PostgresTightSignIn>;
