using System.Text.Json;
using Ayumi.Domain;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ayumi.Data;

/// <summary>
/// Ayumi's database. The provider-specific subclasses exist only so that SQLite and
/// PostgreSQL each keep their own migrations; handlers depend on this class.
/// </summary>
public abstract class AyumiDbContext(DbContextOptions options) : IdentityDbContext<AyumiUser>(options), IDataProtectionKeyContext
{
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<PlanNode> PlanNodes => Set<PlanNode>();
    public DbSet<Measure> Measures => Set<Measure>();
    public DbSet<MeasurePlacement> MeasurePlacements => Set<MeasurePlacement>();
    public DbSet<MeasureLineage> MeasureLineages => Set<MeasureLineage>();
    public DbSet<MeasureTag> MeasureTags => Set<MeasureTag>();
    public DbSet<YearlyEntry> YearlyEntries => Set<YearlyEntry>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<ReportingYear> ReportingYears => Set<ReportingYear>();
    public DbSet<PublicationWithdrawal> PublicationWithdrawals => Set<PublicationWithdrawal>();
    public DbSet<EntryPart> EntryParts => Set<EntryPart>();
    public DbSet<EntryDraft> EntryDrafts => Set<EntryDraft>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ReviewComment> ReviewComments => Set<ReviewComment>();
    public DbSet<PolicyEvaluation> PolicyEvaluations => Set<PolicyEvaluation>();
    public DbSet<PublishedOpinion> PublishedOpinions => Set<PublishedOpinion>();
    public DbSet<MappingProfile> MappingProfiles => Set<MappingProfile>();
    public DbSet<ReportTemplate> ReportTemplates => Set<ReportTemplate>();

    /// <summary>
    /// The sign-in and link keys, kept with the data so that every server of an installation,
    /// a restart under a service account without a home, and a backup all have them.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    private Dictionary<object, (int PlanId, int MeasureId)>? _auditLocations;

    /// <summary>Who the audit trail names for this context's changes; the request's scope sets it (see <see cref="DatabaseServices"/>).</summary>
    public IAuditActor AuditActor { get; private set; } = SystemAuditActor.Instance;

    /// <summary>What <see cref="AuditInterceptor"/> is in the middle of for this context.</summary>
    internal AuditInterceptor.SaveState AuditSave { get; } = new();

    /// <summary>
    /// Whether a save writes its added records with <see cref="AddedRowWriter"/> rather than
    /// EF Core's commands: for saves that add thousands (an import). Such a save runs in a
    /// transaction; when it fails, the context is discarded.
    /// </summary>
    public bool InsertAddedRecordsInBulk { get; set; }

    /// <summary>
    /// Why the records this save deletes are deleted (the secretariat deleting an actual or an indicator): the
    /// audit rows of the deletions carry it as <c>Reason</c>, since the records themselves are gone. Cleared by the save.
    /// </summary>
    public string? DeletionReason { get; set; }

    /// <summary>Prepares a context from the pool for one scope: its actor, and nothing left over from its last use.</summary>
    internal void StartUse(IAuditActor actor)
    {
        AuditActor = actor;
        AuditSave.Reset();
        InsertAddedRecordsInBulk = false;
        DeletionReason = null;
        _auditLocations?.Clear();
    }

    /// <summary>
    /// Says which plan and measure the audit rows of <paramref name="part"/> belong to, for a
    /// handler that read the part without its entry, measure and plan (the department's save).
    /// The audit trail otherwise finds them through those navigations.
    /// </summary>
    public void LocateForAudit(EntryPart part, int planId, int measureId) =>
        (_auditLocations ??= new(ReferenceEqualityComparer.Instance))[part] = (planId, measureId);

    /// <summary>The same for an entry about to be deleted with its parts, whose navigations are cut when they are removed.</summary>
    public void LocateForAudit(YearlyEntry entry, int planId)
    {
        (_auditLocations ??= new(ReferenceEqualityComparer.Instance))[entry] = (planId, entry.MeasureId);
        foreach (var part in entry.Parts) LocateForAudit(part, planId, entry.MeasureId);
    }

    internal (int PlanId, int MeasureId)? AuditLocationOf(object entity) =>
        _auditLocations is not null && _auditLocations.TryGetValue(entity, out var location) ? location : null;

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        configuration.Properties<FiscalYear>().HaveConversion<FiscalYearConverter>();
        configuration.Properties<ThousandYen>().HaveConversion<ThousandYenConverter>();
        configuration.Properties<LocalGovernmentCode>().HaveConversion<LocalGovernmentCodeConverter>().HaveMaxLength(6);
        configuration.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        model.ApplyConfigurationsFromAssembly(typeof(AyumiDbContext).Assembly);
    }

    private sealed class FiscalYearConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<FiscalYear, int>(y => y.StartYear, v => new FiscalYear(v));
    private sealed class ThousandYenConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<ThousandYen, long>(m => m.Value, v => new ThousandYen(v));
    private sealed class LocalGovernmentCodeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<LocalGovernmentCode, string>(c => c.Value, v => LocalGovernmentCode.Parse(v));
}

public sealed class SqliteAyumiDbContext(DbContextOptions<SqliteAyumiDbContext> options) : AyumiDbContext(options);

public sealed class PostgresAyumiDbContext(DbContextOptions<PostgresAyumiDbContext> options) : AyumiDbContext(options);

internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Stores a small list of value objects as one JSON text column, the same on every provider.</summary>
    public static PropertyBuilder<List<T>> HasJsonConversion<T>(this PropertyBuilder<List<T>> property) =>
        property.HasConversion(
            v => JsonSerializer.Serialize(v, Options),
            v => JsonSerializer.Deserialize<List<T>>(v, Options) ?? new List<T>(),
            new ValueComparer<List<T>>(
                (a, b) => a != null && b != null && a.SequenceEqual(b),
                v => v.Aggregate(0, (h, e) => HashCode.Combine(h, e == null ? 0 : e.GetHashCode())),
                v => v.ToList()));
}
