using System.Text.Json.Nodes;
using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ayumi.Tests.Data;

/// <summary>
/// Added records are audited after their save, when their ids are known, by a plain INSERT
/// (AuditRowWriter) rather than through EF Core. The demo load adds every record of five
/// organisations in one save, so its audit rows show that path on both databases.
/// </summary>
public abstract class AddedRecordsAuditTests(AyumiFixture fixture)
{
    [Fact]
    public async Task Every_record_the_demo_load_added_has_one_audit_row_with_its_ids_and_values()
    {
        await using var scope = fixture.Factory.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
        var measures = await db.Measures.AsNoTracking().Select(m => new { m.Id, m.PlanId, m.Title }).ToListAsync();
        var audits = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(Measure) && a.Action == AuditAction.Added).ToListAsync();

        Assert.NotEmpty(measures);
        Assert.Equal(measures.Count, audits.Count);
        var byId = audits.ToDictionary(a => a.EntityId);
        foreach (var measure in measures)
        {
            var audit = byId[measure.Id.ToString()];
            Assert.Equal(measure.Id, audit.MeasureId);
            Assert.Equal(measure.PlanId, audit.PlanId);
            Assert.Equal(measure.Title, (string?)JsonNode.Parse(audit.Changes)!["Title"]!["new"]);
            Assert.Null(JsonNode.Parse(audit.Changes)!["Title"]!["old"]);
            Assert.False(string.IsNullOrEmpty(audit.UserName));
            Assert.InRange(audit.At, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        }
        Assert.Equal(await db.YearlyEntries.CountAsync(),
            await db.AuditEntries.CountAsync(a => a.EntityType == nameof(YearlyEntry) && a.Action == AuditAction.Added));
        Assert.Equal(await db.Departments.CountAsync(),
            await db.AuditEntries.CountAsync(a => a.EntityType == nameof(Department) && a.Action == AuditAction.Added));
    }
}

public sealed class SqliteAddedRecordsAuditTests(SqliteAyumi fixture) : AddedRecordsAuditTests(fixture), IClassFixture<SqliteAyumi>;

public sealed class PostgresAddedRecordsAuditTests(PostgresAyumi fixture) : AddedRecordsAuditTests(fixture), IClassFixture<PostgresAyumi>;
