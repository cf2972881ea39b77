using System.Text.Json;
using System.Text.Json.Nodes;
using Ayumi.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ayumi.Data;

/// <summary>Who is making a change: the signed-in user, or the system for command-line work.</summary>
public interface IAuditActor
{
    (string? UserId, string Name) Current { get; }
}

/// <summary>
/// Records every change to plan data and entries in <see cref="AuditEntry"/> rows, in the
/// same transaction as the change. Changes to existing records are audited in the same save
/// (one batch); added records are audited right after it, when their ids are known, inside a
/// transaction that covers both writes. Those rows are inserted directly
/// (<see cref="AuditRowWriter"/>), not tracked: an import adds tens of thousands of records.
/// </summary>
public sealed class AuditInterceptor(TimeProvider clock, IAuditActor actor) : SaveChangesInterceptor
{
    private static readonly HashSet<Type> Audited =
    [
        typeof(Organisation), typeof(Department), typeof(Plan), typeof(PlanNode), typeof(Measure), typeof(MeasurePlacement),
        typeof(YearlyEntry), typeof(EntryPart), typeof(Indicator), typeof(IndicatorActual), typeof(ReportingYear), typeof(Membership),
    ];

    private const int AuditRowsPerChunk = 500;

    private readonly List<AuditEntry> _pending = [];
    private readonly List<EntityEntry> _added = [];
    private IDbContextTransaction? _ownTransaction;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        var context = eventData.Context;
        if (context is null) return result;
        var now = clock.GetUtcNow();
        var (userId, name) = actor.Current;
        foreach (var entry in context.ChangeTracker.Entries().Where(e => Audited.Contains(e.Metadata.ClrType)))
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    _added.Add(entry);
                    break;
                case EntityState.Modified:
                    var changes = new JsonObject();
                    foreach (var property in entry.Properties.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)))
                        changes[property.Metadata.Name] = new JsonObject { ["old"] = Text(property.OriginalValue), ["new"] = Text(property.CurrentValue) };
                    if (changes.Count > 0) _pending.Add(Audit(entry, AuditAction.Modified, changes, now, userId, name));
                    break;
                case EntityState.Deleted:
                    var removed = new JsonObject();
                    foreach (var property in entry.Properties) removed[property.Metadata.Name] = new JsonObject { ["old"] = Text(property.OriginalValue), ["new"] = null };
                    _pending.Add(Audit(entry, AuditAction.Deleted, removed, now, userId, name));
                    break;
            }
        }
        context.Set<AuditEntry>().AddRange(_pending);
        _pending.Clear();
        if (_added.Count > 0 && context.Database.CurrentTransaction is null)
            _ownTransaction = await context.Database.BeginTransactionAsync(cancellationToken);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        var context = eventData.Context;
        if (context is null) return result;
        var now = clock.GetUtcNow();
        var (userId, name) = actor.Current;
        try
        {
            // A chunk at a time, so that an import's tens of thousands of rows and their JSON are never all held at once.
            for (var start = 0; start < _added.Count; start += AuditRowsPerChunk)
            {
                foreach (var entry in _added.Skip(start).Take(AuditRowsPerChunk))
                {
                    var values = new JsonObject();
                    foreach (var property in entry.Properties.Where(p => p.CurrentValue is not null))
                        values[property.Metadata.Name] = new JsonObject { ["old"] = null, ["new"] = Text(property.CurrentValue) };
                    _pending.Add(Audit(entry, AuditAction.Added, values, now, userId, name));
                }
                await AuditRowWriter.InsertAsync(context, _pending, cancellationToken);
                _pending.Clear();
            }
        }
        catch
        {
            // Nothing of this save may stay without its audit: roll back the transaction opened for it.
            if (_ownTransaction is not null)
            {
                await _ownTransaction.RollbackAsync(CancellationToken.None);
                await _ownTransaction.DisposeAsync();
                _ownTransaction = null;
            }
            throw;
        }
        finally
        {
            _added.Clear();
            _pending.Clear();
        }
        if (_ownTransaction is not null)
        {
            await _ownTransaction.CommitAsync(cancellationToken);
            await _ownTransaction.DisposeAsync();
            _ownTransaction = null;
        }
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _pending.Clear();
        _added.Clear();
        // The audit rows of a save that failed must not ride along with a later save.
        foreach (var audit in eventData.Context?.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).ToList() ?? [])
            audit.State = EntityState.Detached;
        if (_ownTransaction is not null)
        {
            await _ownTransaction.RollbackAsync(cancellationToken);
            await _ownTransaction.DisposeAsync();
            _ownTransaction = null;
        }
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        throw new InvalidOperationException("Save with SaveChangesAsync so that the audit trail is written.");

    private static AuditEntry Audit(EntityEntry entry, AuditAction action, JsonObject changes, DateTimeOffset at, string? userId, string name) =>
        new(at, userId, name, action, entry.Metadata.ClrType.Name, KeyOf(entry), PlanIdOf(entry), MeasureIdOf(entry), changes.ToJsonString(JsonOptions));

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string KeyOf(EntityEntry entry) =>
        string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue));

    private static int? PlanIdOf(EntityEntry entry) => entry.Entity switch
    {
        Plan plan => plan.Id,
        PlanNode node => node.PlanId,
        Measure measure => measure.PlanId,
        Indicator indicator => indicator.PlanId,
        IndicatorActual actual => actual.Indicator?.PlanId,
        ReportingYear year => year.PlanId,
        YearlyEntry yearly => yearly.Measure?.PlanId,
        EntryPart part => part.YearlyEntry?.Measure?.PlanId,
        MeasurePlacement placement => placement.Measure?.PlanId,
        _ => null,
    };

    private static int? MeasureIdOf(EntityEntry entry) => entry.Entity switch
    {
        Measure measure => measure.Id,
        YearlyEntry yearly => yearly.MeasureId,
        EntryPart part => part.YearlyEntry?.MeasureId,
        MeasurePlacement placement => placement.MeasureId,
        Indicator indicator => indicator.MeasureId,
        IndicatorActual actual => actual.Indicator?.MeasureId,
        _ => null,
    };

    private static string? Text(object? value) => value switch
    {
        null => null,
        DateTimeOffset d => d.ToString("O"),
        _ => value.ToString(),
    };
}
