using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Tests.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ayumi.Tests.Cli;

/// <summary>The verbs that take access away and give it back, against a real SQLite file.</summary>
public sealed class AccountCommandTests : IAsyncLifetime
{
    private const string Member = "member@komae.example.jp";
    private const string Password = "member-password-2025";
    private readonly TestDatabase _database = TestDatabase.Sqlite();

    private string[] Args(params string[] verb) =>
        [.. verb, "--Ayumi:Database:Provider=sqlite", $"--ConnectionStrings:Ayumi={_database.ConnectionString}", "--Logging:LogLevel:Default=Warning"];

    public async Task InitializeAsync()
    {
        Assert.Equal(0, await CommandLine.RunAsync(Args("load-plan", TestPaths.PlanFile("komae-city.ayumi.json"))));
        await using var app = WebApp.Build(Args());
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AyumiUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
        var user = new AyumiUser { UserName = Member, Email = Member, DisplayName = "狛江 一郎", EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        var komae = await db.Organisations.SingleAsync();
        db.Memberships.AddRange(new Membership(user.Id, komae, MemberRole.Secretariat), new Membership(user.Id, komae, MemberRole.Reviewer));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<T> QueryAsync<T>(Func<SqliteAyumiDbContext, Task<T>> query)
    {
        await using var db = new SqliteAyumiDbContext(new DbContextOptionsBuilder<SqliteAyumiDbContext>().UseSqlite(_database.ConnectionString).Options);
        return await query(db);
    }

    private Task<AyumiUser> MemberAsync() => QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == Member));

    [Fact]
    public async Task Disable_and_enable_user_end_the_sessions_and_are_audited_as_the_system()
    {
        var before = await MemberAsync();
        Assert.Equal(0, await CommandLine.RunAsync(Args("disable-user", "--email", Member)));
        var disabled = await MemberAsync();
        Assert.True(disabled.IsDisabled);
        Assert.NotEqual(before.SecurityStamp, disabled.SecurityStamp);
        Assert.Equal(0, await CommandLine.RunAsync(Args("enable-user", "--email", Member)));
        Assert.False((await MemberAsync()).IsDisabled);
        var audit = await QueryAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(AyumiUser) && a.EntityId == before.Id && a.Action == AuditAction.Modified).ToListAsync());
        Assert.Equal(2, audit.Count(a => a.UserName == "system" && a.Changes.Contains("IsDisabled")));
    }

    [Fact]
    public async Task Reset_password_makes_the_old_password_stop_working_and_ends_the_sessions()
    {
        var before = await MemberAsync();
        Assert.Equal(0, await CommandLine.RunAsync(Args("reset-password", "--email", Member, "--url", "https://ayumi.example.jp")));
        var reset = await MemberAsync();
        Assert.Null(reset.PasswordHash);
        Assert.NotEqual(before.SecurityStamp, reset.SecurityStamp);
    }

    [Fact]
    public async Task Remove_membership_removes_one_role_or_all_roles_in_an_organisation()
    {
        Assert.Equal(0, await CommandLine.RunAsync(Args("remove-membership", "--email", Member, "--org", "132195", "--role", "reviewer")));
        var roles = await QueryAsync(db => db.Memberships.Select(m => m.Role).ToListAsync());
        Assert.Equal([MemberRole.Secretariat], roles);
        Assert.Equal(1, await CommandLine.RunAsync(Args("remove-membership", "--email", Member, "--org", "132195", "--role", "reviewer")));
        Assert.Equal(0, await CommandLine.RunAsync(Args("remove-membership", "--email", Member, "--org", "132195")));
        Assert.Equal(0, await QueryAsync(db => db.Memberships.CountAsync()));
        Assert.Equal(2, await QueryAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(Membership) && a.Action == AuditAction.Deleted && a.UserName == "system")));
    }

    [Fact]
    public async Task Account_verbs_exit_1_for_an_unknown_account_and_2_for_a_wrong_command()
    {
        Assert.Equal(1, await CommandLine.RunAsync(Args("disable-user", "--email", "nobody@komae.example.jp")));
        Assert.Equal(2, await CommandLine.RunAsync(Args("disable-user")));
        Assert.Equal(2, await CommandLine.RunAsync(Args("remove-membership", "--email", Member)));
        Assert.Equal(2, await CommandLine.RunAsync(Args("remove-membership", "--email", Member, "--org", "132195", "--role", "mayor")));
        Assert.Equal(2, await QueryAsync(db => db.Memberships.CountAsync()));
    }

    [Fact]
    public async Task Create_admin_makes_an_account_with_a_password_an_administrator_and_keeps_its_password()
    {
        var before = await MemberAsync();
        Assert.Equal(0, await CommandLine.RunAsync(Args("create-admin", "--email", Member)));
        var admin = await MemberAsync();
        Assert.True(admin.IsAdministrator);
        Assert.Equal(before.PasswordHash, admin.PasswordHash);
    }
}
