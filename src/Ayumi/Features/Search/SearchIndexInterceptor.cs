using Ayumi.Data;
using Ayumi.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ayumi.Features.Search;

/// <summary>
/// Refreshes the search index in the same save as the change that needs it, whatever made the change (a year published or
/// withdrawn, a plan adopted, an approval written into an entry, an import, a plan file): the measures whose text, entries or
/// departments changed, and the whole plan when the plan or one of its years changed. Registered before the audit
/// interceptor, so that it sees the records a bulk save adds while they are still new, and writes inside the save's
/// transaction when the audit opened one.
/// </summary>
public sealed class SearchIndexInterceptor : SaveChangesInterceptor
{
    /// <summary>The records whose changes the index depends on, kept per context until its save has written them.</summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, List<object>> _changed = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AyumiDbContext context)
        {
            var changed = context.ChangeTracker.Entries()
                .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                .Where(e => e.Entity is Plan or ReportingYear or Measure or YearlyEntry or MeasureDepartment || e.Entity is Department && e.State == EntityState.Modified)
                .Select(e => e.Entity).ToList();
            if (changed.Count > 0) _changed.AddOrUpdate(context, changed);
        }
        return ValueTask.FromResult(result);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not AyumiDbContext context || !_changed.TryGetValue(context, out var changed)) return result;
        _changed.Remove(context);
        // Read after the save: the ids of added records are known now.
        var plans = new HashSet<int>();
        var measures = new HashSet<int>();
        var organisations = new HashSet<int>();
        foreach (var entity in changed)
            switch (entity)
            {
                case Plan plan: plans.Add(plan.Id); break;
                case ReportingYear year: plans.Add(year.PlanId); break;
                case Measure measure: measures.Add(measure.Id); break;
                case YearlyEntry entry: measures.Add(entry.MeasureId); break;
                case MeasureDepartment assigned: measures.Add(assigned.MeasureId); break;
                case Department department: organisations.Add(department.OrganisationId); break;
            }
        var own = context.Database.CurrentTransaction is null ? await context.Database.BeginTransactionAsync(cancellationToken) : null;
        await using (own)
        {
            await SearchIndex.RefreshAsync(context.Database.GetDbConnection(), context.Database.CurrentTransaction!.GetDbTransaction(), organisations, plans, measures, cancellationToken);
            if (own is not null) await own.CommitAsync(cancellationToken);
        }
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not null) _changed.Remove(eventData.Context);
        return Task.CompletedTask;
    }
}
