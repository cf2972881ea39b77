using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Cycle;
using Ayumi.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ayumi.Tests.Cycle;

/// <summary>Moves a plan's year through the cycle directly in the database, for tests that start mid-cycle.</summary>
public static class CycleSetup
{
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A deadline the opening form accepts whenever the tests run: two months ahead, in Japan.</summary>
    public static string FutureDeadline => JapanTime.Today(TimeProvider.System).AddMonths(2).ToString("yyyy-MM-dd");

    /// <summary>
    /// Has the plan's entry form ask for every field, as its secretariat chooses on the plan's settings page: for tests of
    /// budgets and directions on Ena's plan, whose sheet prints neither, so that its form would not ask for them.
    /// </summary>
    public static async Task AskForEveryFieldAsync(WebUser secretariat, int planId)
    {
        var response = await secretariat.PostAsync($"/plans/{planId}/settings?handler=EntryFields",
            EntryFieldsExtensions.Each.Select(f => new KeyValuePair<string, string>("EntryFields", f.ToString())));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
    }

    public static async Task OpenAsync(AyumiFactory factory, int planId, FiscalYear year)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
        var plan = await db.Plans.Include(p => p.ReportingYears)
            .Include(p => p.Measures).ThenInclude(m => m.Entries)
            .Include(p => p.Measures).ThenInclude(m => m.Departments).ThenInclude(d => d.Department)
            .AsSplitQuery().SingleAsync(p => p.Id == planId);
        plan.OpenYear(year, null, Now);
        await db.SaveChangesAsync();
    }

    /// <summary>Submits and approves every part with <paramref name="results"/>, then locks the year.</summary>
    public static async Task ApproveAllAndLockAsync(AyumiFactory factory, int planId, FiscalYear year, string results)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
        var plan = await CycleQueries.PlanWithYearsAsync(db, planId, CancellationToken.None);
        var reporting = plan!.ReportingYears.Single(r => r.FiscalYear == year);
        var parts = await CycleQueries.PartsAsync(db, planId, year, CancellationToken.None);
        foreach (var part in parts.Where(p => p.Status != PartStatus.Approved))
        {
            if (part.IsEditable) part.SaveDraft(new PartContent(null, results, "A", BudgetLine.None, results, results, null), reporting);
            if (part.Status != PartStatus.Submitted) part.Submit(reporting, Now);
            part.Approve(reporting);
        }
        reporting.Lock(parts, Now);
        await db.SaveChangesAsync();
    }

    public static Task<int> PartIdAsync(AyumiFactory factory, int planId, string department, string measureTitle) =>
        factory.QueryAsync(db => db.EntryParts
            .Where(p => p.YearlyEntry.Measure.PlanId == planId && p.Department.Name == department && p.YearlyEntry.Measure.Title == measureTitle)
            .Select(p => p.Id).SingleAsync());
}
