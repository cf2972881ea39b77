using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using Ayumi.Data;
using Ayumi.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ayumi.Tests.Web;

/// <summary>An HTTP client that behaves like a person with a browser: it keeps cookies, reads forms and posts them with their anti-forgery token.</summary>
public sealed class WebUser(HttpClient client)
{
    public HttpClient Client { get; } = client;
    public HttpResponseMessage? LastResponse { get; private set; }

    public async Task<IDocument> GetAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        LastResponse = await Client.GetAsync(url);
        Assert.True(expected == LastResponse.StatusCode, $"GET {url}: expected {expected}, got {LastResponse.StatusCode}");
        return await Parse(LastResponse);
    }

    /// <summary>Posts to <paramref name="url"/> with the anti-forgery token of the page at <paramref name="formPage"/> (default: the same URL).</summary>
    public async Task<HttpResponseMessage> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, string? formPage = null)
    {
        var page = await GetAsync(formPage ?? url.Split('?')[0]);
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{formPage ?? url} has no form with an anti-forgery token.");
        LastResponse = await Client.PostAsync(url, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
        return LastResponse;
    }

    public async Task<IDocument> PostAndReadAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, string? formPage = null)
    {
        var response = await PostAsync(url, fields, formPage);
        if (response.StatusCode == HttpStatusCode.Redirect)
            return await GetAsync(response.Headers.Location!.OriginalString);
        Assert.True(response.IsSuccessStatusCode, $"POST {url}: {response.StatusCode}");
        return await Parse(response);
    }

    public async Task SignInAsync(string email)
    {
        var response = await PostAsync("/account/login", [new("Email", email), new("Password", Accounts.Password)]);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in of {email} failed: {response.StatusCode}");
    }

    private static async Task<IDocument> Parse(HttpResponseMessage response) =>
        await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(response.Content.ReadAsStream()));
}

/// <summary>What a role matrix expects of a request.</summary>
public enum Expect { Ok, Denied, SignIn, NotFound }

/// <summary>Users of the test organisations, created directly in the database.</summary>
public static class Accounts
{
    public const string Password = "ayumi-test-password-1";

    /// <summary>Refused: the cookie scheme sends a signed-in user to the access-denied page.</summary>
    public static void AssertDenied(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/denied")),
            $"expected a refusal, got {(int)response.StatusCode} {response.Headers.Location}");

    /// <summary>The answer a role matrix expects: shown, refused, asked to sign in, or not found.</summary>
    public static void AssertAnswer(HttpResponseMessage response, Expect expected)
    {
        switch (expected)
        {
            case Expect.Ok: Assert.Equal(HttpStatusCode.OK, response.StatusCode); break;
            case Expect.Denied: AssertDenied(response); break;
            case Expect.SignIn: AssertChallenged(response); break;
            case Expect.NotFound: Assert.Equal(HttpStatusCode.NotFound, response.StatusCode); break;
        }
    }

    /// <summary>Asked to sign in first.</summary>
    public static void AssertChallenged(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/login"),
            $"expected a sign-in challenge, got {(int)response.StatusCode} {response.Headers.Location}");

    public static WebUser NewUser(this AyumiFactory factory) =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public static async Task<WebUser> SignedInAsync(this AyumiFactory factory, string email)
    {
        var user = factory.NewUser();
        await user.SignInAsync(email);
        return user;
    }

    /// <summary>Creates a user with a role in the organisation; department editors get the named departments.</summary>
    public static async Task CreateAsync(this AyumiFactory factory, string email, string organisationCode, MemberRole? role, params string[] departments)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AyumiUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
        var user = new AyumiUser { UserName = email, Email = email, DisplayName = email.Split('@')[0], EmailConfirmed = true, IsAdministrator = role is null };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        if (role is null) return;
        var organisation = (await db.Organisations.Include(o => o.Departments).ToListAsync()).Single(o => o.Code.Value == organisationCode);
        var membership = new Membership(user.Id, organisation, role.Value);
        foreach (var name in departments) membership.AssignDepartment(organisation.Departments.Single(d => d.Name == name));
        db.Memberships.Add(membership);
        await db.SaveChangesAsync();
    }

    public static async Task<int> PlanIdAsync(this AyumiFactory factory, string organisationCode, int generation = 1)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
        var plans = await db.Plans.Include(p => p.Organisation).ToListAsync();
        return plans.Single(p => p.Organisation.Code.Value == organisationCode && p.Generation == generation).Id;
    }

    public static async Task<T> QueryAsync<T>(this AyumiFactory factory, Func<AyumiDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AyumiDbContext>());
    }
}
