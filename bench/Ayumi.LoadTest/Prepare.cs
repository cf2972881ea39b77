using System.Diagnostics;
using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Cycle;
using Ayumi.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ayumi.LoadTest;

/// <summary>
/// Fills a database (PostgreSQL or SQLite) for a load test through Ayumi's own code: migrations and
/// demo data (<see cref="WebApp.PrepareDatabaseAsync"/>), the secretariat's "open year"
/// (<see cref="Plan.OpenYear"/>, as <c>/plans/{id}/cycle</c> does it), and department
/// editors created with <see cref="UserManager{TUser}"/> and given a <see cref="Membership"/>.
/// It can also list the pages anonymous readers may open (published plans and years).
/// </summary>
public static class Prepare
{
    public const string Password = "ayumi-load-password-1";

    /// <summary>Komae first (the plan whose period covers FY2025), then the other demo organisations.</summary>
    private static readonly string[] OrganisationOrder = ["132195", "280003", "040002", "052019", "212105"];

    public static string Email(int index) => $"load-{index + 1:D3}@load.example";

    public static async Task RunAsync(string provider, string connectionString, int userCount, string yearText, string outFile, string? readersFile = null)
    {
        if (userCount < 1) throw new UsageException("--users must be at least 1.");
        var year = FiscalYear.Parse(yearText);
        var clock = Stopwatch.StartNew();
        await using var app = WebApp.Build(
        [
            $"--Ayumi:Database:Provider={provider}",
            $"--ConnectionStrings:Ayumi={connectionString}",
            "--Ayumi:DemoData=true",
            "--Logging:LogLevel:Default=Warning",
            // The first migration query fails on an empty database by design; errors still surface as exceptions.
            "--Logging:LogLevel:Microsoft.EntityFrameworkCore=None",
        ]);
        await app.Services.PrepareDatabaseAsync(app.Configuration);
        Console.WriteLine($"prepare: schema migrated and demo data loaded ({clock.Elapsed.TotalSeconds:F1} s)");

        var parts = await OpenYearsAsync(app.Services, year, userCount);
        Console.WriteLine($"prepare: {parts.Count} parts open from {year} on ({clock.Elapsed.TotalSeconds:F1} s)");

        await CreateUsersAsync(app.Services, parts.Take(userCount).ToList());
        Console.WriteLine($"prepare: {userCount} department editors created ({clock.Elapsed.TotalSeconds:F1} s)");

        var lines = parts.Take(userCount).Select((p, i) => $"{Email(i)}\t{p.Id}\t{p.Organisation}\t{p.Plan}\t{p.Department}");
        await File.WriteAllLinesAsync(outFile, lines);
        Console.WriteLine($"prepare: wrote {outFile}");
        if (readersFile is not null)
        {
            var pages = await PublicPagesAsync(app.Services);
            await File.WriteAllLinesAsync(readersFile, pages.Select(p => $"{p.Kind}\t{p.Path}"));
            Console.WriteLine($"prepare: wrote {readersFile} ({pages.Count} public pages)");
        }
    }

    /// <summary>What an anonymous reader may open: the home page, each organisation, each published plan and each published year's progress sheet.</summary>
    private static async Task<List<(string Kind, string Path)>> PublicPagesAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
        var organisations = await db.Organisations.AsNoTracking().Select(o => o.Code).ToListAsync();
        var plans = await db.Plans.AsNoTracking().Include(p => p.ReportingYears).ToListAsync();
        var pages = new List<(string, string)> { ("home", "/") };
        pages.AddRange(organisations.Select(c => ("organisation", $"/organisations/{c.Value}")));
        foreach (var plan in plans.Where(p => MemberRoles.Anonymous.SeesPlan(p)))
        {
            pages.Add(("plan", $"/plans/{plan.Id}"));
            pages.AddRange(MemberRoles.Anonymous.YearsSeenBy(plan).Select(y => ("progress sheet", $"/plans/{plan.Id}/report/{y}")));
        }
        return pages;
    }

    private sealed record PartRow(int Id, int OrganisationId, string Organisation, int DepartmentId, string Department, int PlanId, string Plan);

    /// <summary>How many fiscal years, from the first one asked for, may be opened to find enough parts.</summary>
    private const int MaxYears = 10;

    /// <summary>
    /// Opens <paramref name="first"/> on every demo plan, in <see cref="OrganisationOrder"/> and
    /// newest plan first, and then the following years, until there is one part for each user.
    /// The five demo organisations have 159 parts in one year, so 200 users take all of FY2025
    /// and part of FY2026. A plan where the year is already open contributes its parts as they
    /// are; one where it is locked or published is skipped.
    /// </summary>
    private static async Task<List<PartRow>> OpenYearsAsync(IServiceProvider services, FiscalYear first, int needed)
    {
        List<(int Id, string Organisation, string Name)> plans;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
            var all = await db.Plans.AsNoTracking().Include(p => p.Organisation).ToListAsync();
            plans = all
                .OrderBy(p => Array.IndexOf(OrganisationOrder, p.Organisation.Code.Value) is var i and >= 0 ? i : int.MaxValue)
                .ThenByDescending(p => p.Generation)
                .Select(p => (p.Id, p.Organisation.Code.Value, p.Name))
                .ToList();
        }

        var parts = new List<PartRow>();
        for (var y = first; parts.Count < needed && y.StartYear < first.StartYear + MaxYears; y = y.Next)
            foreach (var (planId, organisation, name) in plans)
            {
                if (parts.Count >= needed) break;
                parts.AddRange(await OpenYearAsync(services, planId, organisation, name, y));
            }
        if (parts.Count < needed)
            throw new InvalidOperationException($"Only {parts.Count} parts can be opened in {MaxYears} years from {first} across the demo plans; {needed} users need one each. Use fewer --users.");
        return parts;
    }

    private static async Task<List<PartRow>> OpenYearAsync(IServiceProvider services, int planId, string organisation, string name, FiscalYear year)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
        // The same steps as the secretariat's POST /plans/{id}/cycle (Features/Cycle/Index.cshtml.cs).
        var plan = await CycleQueries.PlanWithYearsAsync(db, planId, CancellationToken.None) ?? throw new InvalidOperationException($"plan {planId} vanished");
        var existing = plan.ReportingYears.FirstOrDefault(r => r.FiscalYear == year);
        if (existing is { IsOpen: false })
        {
            Console.WriteLine($"prepare:   {organisation} {name}: {year} is {existing.Status}, skipped");
            return [];
        }
        if (existing is null)
        {
            await db.Measures.Where(m => m.PlanId == planId).Include(m => m.Entries).Include(m => m.Departments).ThenInclude(d => d.Department).LoadAsync();
            // A benchmark's year may lie outside the plan's period; the reason is kept only then, as the secretariat's would be.
            var today = JapanTime.Today(TimeProvider.System);
            plan.OpenYear(new YearOpening(year, Plan.ProposedDeadline(year, today), "負荷試験"), today, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }
        var opened = await CycleQueries.PartsAsync(db, planId, year, CancellationToken.None);
        var rows = opened
            .OrderBy(p => p.YearlyEntry.MeasureId).ThenBy(p => p.Id)
            .Select(p => new PartRow(p.Id, plan.OrganisationId, organisation, p.DepartmentId, p.Department.Name, planId, $"{name} {year}"))
            .ToList();
        Console.WriteLine($"prepare:   {organisation} {name}: {year} {(existing is null ? "opened" : "already open")}, {rows.Count} parts in {rows.Select(r => r.DepartmentId).Distinct().Count()} departments");
        return rows;
    }

    /// <summary>
    /// One department editor per part, assigned that part's department. Several users may share
    /// a department (Komae's 福祉相談課 runs many measures); each still saves only its own part,
    /// so no two virtual users ever write the same row.
    /// </summary>
    private static async Task CreateUsersAsync(IServiceProvider services, IReadOnlyList<PartRow> parts)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AyumiUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
        var organisations = await db.Organisations.Include(o => o.Departments).ToDictionaryAsync(o => o.Id);
        // The default PasswordHasher does not depend on the user, and hashing once instead of 200
        // times (PBKDF2, about 50 ms each) keeps the preparation short. Signing in still checks it.
        var hash = users.PasswordHasher.HashPassword(new AyumiUser(), Password);
        for (var i = 0; i < parts.Count; i++)
        {
            var email = Email(i);
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new AyumiUser { UserName = email, Email = email, DisplayName = $"負荷試験 {i + 1:D3}", EmailConfirmed = true, PasswordHash = hash };
                var created = await users.CreateAsync(user);
                if (!created.Succeeded) throw new InvalidOperationException($"{email}: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            }
            var organisation = organisations[parts[i].OrganisationId];
            var membership = await db.Memberships.FirstOrDefaultAsync(m => m.UserId == user.Id && m.OrganisationId == organisation.Id);
            if (membership is null)
            {
                membership = new Membership(user.Id, organisation, MemberRole.DepartmentEditor);
                db.Memberships.Add(membership);
            }
            membership.AssignDepartment(organisation.Departments.Single(d => d.Id == parts[i].DepartmentId));
        }
        await db.SaveChangesAsync();
    }
}
