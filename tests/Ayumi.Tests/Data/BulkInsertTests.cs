using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Tests.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ayumi.Tests.Data;

/// <summary>
/// A save that inserts its added records in bulk (AddedRowWriter, used by imports and the demo
/// load) must store the same graph EF Core would: generated keys carried into every foreign
/// key, a table's rows parents first, owned rows, links between records of the same table.
/// </summary>
public abstract class BulkInsertTests(AyumiFixture fixture)
{
    [Fact]
    public async Task A_bulk_save_stores_the_graph_as_built_with_every_reference_resolved()
    {
        var built = BuildOrganisation();
        var expected = Describe(built);

        await using (var scope = fixture.Factory.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Organisations.Add(built);
            db.InsertAddedRecordsInBulk = true;
            await db.SaveChangesAsync();
            await transaction.CommitAsync();

            Assert.All(db.ChangeTracker.Entries(), e => Assert.Equal(EntityState.Unchanged, e.State));
            Assert.True(built.Id > 0);
            Assert.All(built.Plans.SelectMany(p => p.Measures), m => Assert.True(m.Id > 0 && m.PlanId > 0));
        }

        await using var readScope = fixture.Factory.Scope();
        var reader = readScope.ServiceProvider.GetRequiredService<AyumiDbContext>();
        var stored = await reader.LoadOrganisationGraphAsync(o => o.Code == built.Code);
        Assert.NotNull(stored);
        Assert.Equal(expected, Describe(stored));
        Assert.Equal(built.Plans.SelectMany(p => p.Measures).Count(),
            await reader.AuditEntries.CountAsync(a => a.EntityType == nameof(Measure) && a.Action == AuditAction.Added && a.PlanId != null
                && built.Plans.Select(p => p.Id).Contains(a.PlanId!.Value)));
    }

    private static Organisation BuildOrganisation()
    {
        var sapporo = new Organisation(LocalGovernmentCode.Parse("011002"), "札幌市");
        var welfare = sapporo.ResolveDepartment("保健福祉局(総務部)(総務課)");
        var employment = sapporo.ResolveDepartment("経済観光局(雇用推進部)");
        sapporo.ResolveDepartment("保健福祉局(障がい保健福祉部)");

        var first = sapporo.AddPlan("札幌市再犯防止推進計画", 1, FiscalYear.Parse("R2"), FiscalYear.Parse("R6"));
        var second = sapporo.AddPlan("第二次札幌市再犯防止推進計画", 2, FiscalYear.Parse("R7"), FiscalYear.Parse("R11"));
        var goal = first.AddNode(null, "1", "就労・住居の確保");
        var policy = first.AddNode(goal, "(1)", "就労の確保");
        var otherPolicy = first.AddNode(goal, "(2)", "住居の確保");
        var jobs = first.AddMeasure("1", policy, "①", "協力雇用主の開拓", "協力雇用主を増やす");
        jobs.AssignDepartment(employment);
        jobs.AssignDepartment(welfare, "総務課");
        jobs.ListUnder(otherPolicy, "③", isRelisting: true);
        var housing = first.AddMeasure("2", otherPolicy, "②", "住居の確保支援", null);
        housing.AssignDepartment(welfare);
        housing.End(MeasureStatus.Reorganised, FiscalYear.Parse("R5"), "R5以降組替");
        var successor = first.AddMeasure("3", otherPolicy, "④", "居住支援の一体的実施", null);
        housing.LinkTo(successor, LineageKind.Succeeded, FiscalYear.Parse("R5"), "後継事業");
        var entry = jobs.EntryFor(FiscalYear.Parse("R5"));
        entry.Results = "説明会を3回開催";
        entry.SetGrade("A");
        entry.Budget = BudgetLine.Of(BudgetAmount.Final, new ThousandYen(2362));

        var nextGoal = second.AddNode(null, "1", "就労・住居の確保");
        var nextPolicy = second.AddNode(nextGoal, "(1)", "就労の確保");
        var nextJobs = second.AddMeasure("1", nextPolicy, "①", "協力雇用主の開拓と定着", null);
        jobs.LinkTo(nextJobs, LineageKind.Continued, FiscalYear.Parse("R7"));
        return sapporo;
    }

    private static List<string> Describe(Organisation organisation)
    {
        var lines = organisation.Departments.Select(d => $"department {d.Path} under {d.Parent?.Name ?? "-"}").Order().ToList();
        foreach (var plan in organisation.Plans.OrderBy(p => p.Generation))
        {
            lines.Add($"plan {plan.Name} {plan.PeriodStart}-{plan.PeriodEnd}");
            lines.AddRange(plan.Nodes.Select(n => $"  node {n.Code} {n.Title} under {n.Parent?.Code ?? "-"}").Order());
            foreach (var measure in plan.Measures.OrderBy(m => m.Key))
            {
                lines.Add($"  measure {measure.Key} {measure.Title} {measure.Status} {measure.EndedIn} next={measure.NextPlanMeasure?.Title ?? "-"}");
                lines.AddRange(measure.Placements.Select(p => $"    listed {p.Code} under {p.Node.Code} relisting={p.IsRelisting}").Order());
                lines.AddRange(measure.Departments.OrderBy(d => d.Order).Select(d => $"    department {d.Department.Path} as {d.WrittenAs ?? "-"}"));
                lines.AddRange(measure.Origins.Select(l => $"    carries on {l.From.Title} {l.Kind} {l.EffectiveIn} ({l.Note})").Order());
                lines.AddRange(measure.Entries.Select(e => $"    entry {e.FiscalYear} {e.Grade} {e.Results} {e.FinalBudget}"));
            }
        }
        return lines;
    }
}

public sealed class SqliteBulkInsertTests(SqliteAyumi fixture) : BulkInsertTests(fixture), IClassFixture<SqliteAyumi>;

public sealed class PostgresBulkInsertTests(PostgresAyumi fixture) : BulkInsertTests(fixture), IClassFixture<PostgresAyumi>;
