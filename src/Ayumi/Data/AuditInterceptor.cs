using System.Buffers;
using System.Text;
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
/// <remarks>
/// One instance serves every context (the contexts are pooled): what a save is in the middle
/// of is kept in the context's <see cref="AyumiDbContext.AuditSave"/>, and who is saving in its
/// <see cref="AyumiDbContext.AuditActor"/>, which the request's scope sets.
/// </remarks>
public sealed class AuditInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly HashSet<Type> Audited =
    [
        typeof(Organisation), typeof(Department), typeof(Plan), typeof(PlanNode), typeof(Measure), typeof(MeasurePlacement), typeof(MeasureDepartment), typeof(MeasureLineage), typeof(MeasureTag),
        typeof(YearlyEntry), typeof(EntryPart), typeof(Indicator), typeof(IndicatorActual), typeof(ReportingYear), typeof(PublicationWithdrawal), typeof(PublishedOpinion), typeof(Membership),
        typeof(AyumiUser),
    ];

    /// <summary>An account's secrets: the trail says that they changed, never what they are.</summary>
    private static readonly HashSet<string> Hidden = [nameof(AyumiUser.PasswordHash), nameof(AyumiUser.SecurityStamp)];

    /// <summary>Identity's bookkeeping, which every sign-in touches: not a change anyone made to the account.</summary>
    private static readonly HashSet<string> Unrecorded =
        [nameof(AyumiUser.ConcurrencyStamp), nameof(AyumiUser.AccessFailedCount), nameof(AyumiUser.LockoutEnd), nameof(AyumiUser.NormalizedEmail), nameof(AyumiUser.NormalizedUserName)];

    private const string HiddenValue = "(hidden)";

    /// <summary>The field of a deletion's audit row that holds <see cref="AyumiDbContext.DeletionReason"/>.</summary>
    public const string DeletionReasonField = "Reason";

    private const int AuditRowsPerChunk = 500;

    /// <summary>What one context's save is in the middle of.</summary>
    internal sealed class SaveState
    {
        public List<AuditEntry> Pending { get; } = [];
        public List<EntityEntry> Added { get; } = [];
        public IDbContextTransaction? OwnTransaction { get; set; }

        /// <summary>Forgets a save that never finished (a context handed out again by the pool).</summary>
        public void Reset()
        {
            Pending.Clear();
            Added.Clear();
            OwnTransaction = null;
        }
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not AyumiDbContext context) return result;
        var state = context.AuditSave;
        var now = clock.GetUtcNow();
        var (userId, name) = context.AuditActor.Current;
        var added = new List<EntityEntry>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Added) added.Add(entry);
            if (!Audited.Contains(entry.Metadata.ClrType)) continue;
            switch (entry.State)
            {
                case EntityState.Added:
                    state.Added.Add(entry);
                    break;
                case EntityState.Modified:
                    var changes = new JsonObject();
                    foreach (var property in entry.Properties)
                        if (property.IsModified && !Equals(property.OriginalValue, property.CurrentValue) && IsRecorded(entry, property.Metadata.Name))
                            changes[property.Metadata.Name] = new JsonObject { ["old"] = Text(entry, property.Metadata.Name, property.OriginalValue), ["new"] = Text(entry, property.Metadata.Name, property.CurrentValue) };
                    if (changes.Count > 0) state.Pending.Add(Audit(entry, AuditAction.Modified, changes, now, userId, name));
                    break;
                case EntityState.Deleted:
                    var removed = new JsonObject();
                    foreach (var property in entry.Properties.Where(p => IsRecorded(entry, p.Metadata.Name)))
                        removed[property.Metadata.Name] = new JsonObject { ["old"] = Text(entry, property.Metadata.Name, property.OriginalValue), ["new"] = null };
                    if (context.DeletionReason is { } reason) removed[DeletionReasonField] = new JsonObject { ["old"] = null, ["new"] = reason };
                    state.Pending.Add(Audit(entry, AuditAction.Deleted, removed, now, userId, name));
                    break;
            }
        }
        context.DeletionReason = null;
        var bulk = context.InsertAddedRecordsInBulk && added.Count > 0;
        if ((state.Added.Count > 0 || bulk) && context.Database.CurrentTransaction is null)
            state.OwnTransaction = await context.Database.BeginTransactionAsync(cancellationToken);
        if (bulk)
            await AddedRowWriter.InsertAsync(context, added, cancellationToken);
        if (state.Pending.Count > 0)
        {
            context.AuditEntries.AddRange(state.Pending);
            state.Pending.Clear();
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not AyumiDbContext context) return result;
        var state = context.AuditSave;
        var now = clock.GetUtcNow();
        var (userId, name) = context.AuditActor.Current;
        var buffer = new ArrayBufferWriter<byte>();
        using var json = new Utf8JsonWriter(buffer, JsonWriterOptions);
        try
        {
            // A chunk at a time, so that an import's tens of thousands of rows and their JSON are never all held at once.
            for (var start = 0; start < state.Added.Count; start += AuditRowsPerChunk)
            {
                foreach (var entry in state.Added.Skip(start).Take(AuditRowsPerChunk))
                    state.Pending.Add(Audit(entry, AuditAction.Added, AddedValues(entry, json, buffer), now, userId, name));
                await AuditRowWriter.InsertAsync(context, state.Pending, cancellationToken);
                state.Pending.Clear();
            }
        }
        catch
        {
            // Nothing of this save may stay without its audit: roll back the transaction opened for it.
            if (state.OwnTransaction is { } failed)
            {
                state.OwnTransaction = null;
                await failed.RollbackAsync(CancellationToken.None);
                await failed.DisposeAsync();
            }
            throw;
        }
        finally
        {
            state.Added.Clear();
            state.Pending.Clear();
        }
        if (state.OwnTransaction is { } own)
        {
            state.OwnTransaction = null;
            await own.CommitAsync(cancellationToken);
            await own.DisposeAsync();
        }
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not AyumiDbContext context) return;
        var state = context.AuditSave;
        state.Pending.Clear();
        state.Added.Clear();
        // The audit rows of a save that failed must not ride along with a later save.
        foreach (var audit in context.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).ToList())
            audit.State = EntityState.Detached;
        if (state.OwnTransaction is { } own)
        {
            state.OwnTransaction = null;
            await own.RollbackAsync(cancellationToken);
            await own.DisposeAsync();
        }
    }

    /// <summary>
    /// Only what is not audited may be saved synchronously: Data Protection stores its keys so.
    /// </summary>
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        eventData.Context!.ChangeTracker.Entries().Any(e => e.State is not (EntityState.Unchanged or EntityState.Detached) && Audited.Contains(e.Metadata.ClrType))
            ? throw new InvalidOperationException("Save with SaveChangesAsync so that the audit trail is written.")
            : result;

    private static AuditEntry Audit(EntityEntry entry, AuditAction action, JsonObject changes, DateTimeOffset at, string? userId, string name) =>
        Audit(entry, action, changes.ToJsonString(JsonOptions), at, userId, name);

    private static AuditEntry Audit(EntityEntry entry, AuditAction action, string changes, DateTimeOffset at, string? userId, string name) =>
        new(at, userId, name, action, entry.Metadata.ClrType.Name, KeyOf(entry), PlanIdOf(entry), MeasureIdOf(entry), changes);

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions JsonWriterOptions = new() { Encoder = JsonOptions.Encoder };

    /// <summary>
    /// An added record's values as <c>{"Name": {"old": null, "new": "…"}}</c>, the shape of every
    /// audit row, written straight to text: an import audits tens of thousands of records.
    /// </summary>
    private static string AddedValues(EntityEntry entry, Utf8JsonWriter json, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        json.Reset(buffer);
        json.WriteStartObject();
        var values = entry.CurrentValues;
        foreach (var property in entry.Metadata.GetProperties())
        {
            if (values[property] is not { } value || !IsRecorded(entry, property.Name)) continue;
            json.WriteStartObject(property.Name);
            json.WriteNull("old");
            json.WriteString("new", Text(entry, property.Name, value));
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

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
        PublicationWithdrawal withdrawal => withdrawal.ReportingYear?.PlanId,
        // Never a measure's: a measure's history is read by every member, and an opinion of a year not yet published is not theirs.
        PublishedOpinion opinion => opinion.ReportingYear?.PlanId,
        YearlyEntry yearly => yearly.Measure?.PlanId ?? (entry.Context as AyumiDbContext)?.AuditLocationOf(yearly)?.PlanId,
        EntryPart part => part.YearlyEntry?.Measure?.PlanId ?? (entry.Context as AyumiDbContext)?.AuditLocationOf(part)?.PlanId,
        MeasurePlacement placement => placement.Measure?.PlanId,
        MeasureLineage link => link.From?.PlanId,
        // A tag taken off a measure may have lost its navigation; its measure is tracked with it.
        MeasureTag tag => tag.Measure?.PlanId ?? entry.Context.Set<Measure>().Local.FirstOrDefault(m => m.Id == tag.MeasureId)?.PlanId,
        _ => null,
    };

    private static int? MeasureIdOf(EntityEntry entry) => entry.Entity switch
    {
        Measure measure => measure.Id,
        YearlyEntry yearly => yearly.MeasureId,
        EntryPart part => part.YearlyEntry?.MeasureId ?? (entry.Context as AyumiDbContext)?.AuditLocationOf(part)?.MeasureId,
        MeasurePlacement placement => placement.MeasureId,
        MeasureDepartment department => department.MeasureId,
        // A lineage link is recorded on the measure it leads from, whose page lists the links it records.
        MeasureLineage link => link.FromId,
        MeasureTag tag => tag.MeasureId,
        Indicator indicator => indicator.MeasureId,
        IndicatorActual actual => actual.Indicator?.MeasureId,
        _ => null,
    };

    private static bool IsRecorded(EntityEntry entry, string property) => entry.Entity is not AyumiUser || !Unrecorded.Contains(property);

    private static string? Text(EntityEntry entry, string property, object? value) =>
        value is not null && entry.Entity is AyumiUser && Hidden.Contains(property) ? HiddenValue : Text(value);

    private static string? Text(object? value) => value switch
    {
        null => null,
        DateTimeOffset d => d.ToString("O"),
        string s => s,
        // A list stored as JSON (a plan's levels and grades) is recorded as it is stored, not as its type's name.
        System.Collections.IEnumerable list => JsonSerializer.Serialize(list, JsonOptions),
        _ => value.ToString(),
    };
}
