using System.Net;
using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Tests.Cycle;
using Ayumi.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ayumi.Tests.Cli;

/// <summary>A SQLite installation in use (demo plans, accounts, a year worked through, comments, the audit trail) moved to a fresh PostgreSQL database.</summary>
public sealed class MigrateToPostgresTests
{
    private static string[] Args(TestDatabase source, params string[] verb) =>
        [.. verb, $"--Ayumi:Database:Provider={source.Provider}", $"--ConnectionStrings:Ayumi={source.ConnectionString}", "--Logging:LogLevel:Default=Warning"];

    private static async Task<SortedDictionary<string, long>> RowCountsAsync(AyumiFactory factory) => await factory.QueryAsync(async db =>
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct())
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            await db.Database.OpenConnectionAsync();
            counts[table] = Convert.ToInt64(await command.ExecuteScalarAsync());
        }
        return counts;
    });

    [Fact]
    public async Task A_SQLite_installation_moves_row_for_row_into_an_empty_PostgreSQL_database_that_then_serves_it_and_a_second_move_is_refused()
    {
        await using var source = new AyumiFactory(TestDatabase.Sqlite());
        source.StartServer();
        await source.CreateAsync(CycleFixture.Secretariat, "212105", MemberRole.Secretariat);
        await source.CreateAsync(CycleFixture.Soumu, "212105", MemberRole.DepartmentEditor, "総務課");
        await source.CreateAsync(CycleFixture.Reviewer, "212105", MemberRole.Reviewer);
        var ena = await source.PlanIdAsync("212105");
        var year = FiscalYear.Parse("R7");
        await CycleSetup.OpenAsync(source, ena, year);
        await CycleSetup.ApproveAllAndLockAsync(source, ena, year, "就労支援を実施した。");
        await using (var scope = source.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
            var reportingYear = await db.ReportingYears.SingleAsync(r => r.PlanId == ena && r.FiscalYear == year);
            var measure = await db.Measures.Where(m => m.PlanId == ena).Select(m => m.Id).FirstAsync();
            var reviewer = await db.Users.SingleAsync(u => u.Email == CycleFixture.Reviewer);
            var question = new ReviewComment(reportingYear.Id, measure, null, reviewer.Id, reviewer.DisplayName, "支援件数の推移も示してください。", DateTimeOffset.UtcNow);
            db.ReviewComments.Add(question);
            await db.SaveChangesAsync();
            db.ReviewComments.Add(new ReviewComment(reportingYear.Id, measure, null, reviewer.Id, "事務局", "次年度から掲載します。", DateTimeOffset.UtcNow, question.Id));
            await db.SaveChangesAsync();
        }
        var expected = await RowCountsAsync(source);
        Assert.True(expected["AuditEntries"] > 0 && expected["ReviewComments"] == 2 && expected["AspNetUsers"] == 3 && expected["EntryParts"] > 0);

        await using var copy = new AyumiFactory(await TestDatabase.PostgresAsync(), new Dictionary<string, string> { ["Ayumi:DemoData"] = "false" });
        var (exit, output) = await Hosting.BuiltProgram.RunAsync(Args(source.Database, "migrate-to-postgres", "--to", copy.Database.ConnectionString));
        Assert.True(exit == 0, output);
        Assert.Contains($"PostgreSQL holds the same {expected.Values.Sum():N0} rows as SQLite, sign-in keys included.", output);
        Assert.True(expected["DataProtectionKeys"] > 0, "the source's sign-in keys are among the rows moved");

        copy.StartServer();
        Assert.Equal(expected, await RowCountsAsync(copy));
        var secretariat = await copy.SignedInAsync(CycleFixture.Secretariat);
        var sheet = await secretariat.GetAsync($"/plans/{ena}/report/R7");
        Assert.Contains("就労支援を実施した。", sheet.Body!.TextContent);
        // New rows get new keys: the identity sequences continue after the copied ones.
        await copy.CreateAsync("new@ena.example.jp", "212105", MemberRole.DepartmentEditor, "総務課");
        Assert.Equal(expected["Memberships"] + 1, await copy.QueryAsync(db => db.Memberships.LongCountAsync()));

        (exit, output) = await Hosting.BuiltProgram.RunAsync(Args(source.Database, "migrate-to-postgres", "--to", copy.Database.ConnectionString));
        Assert.Equal(1, exit);
        Assert.Contains("is not empty", output);
    }
}
