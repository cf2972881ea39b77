using System.Text.Json;
using Ayumi.Domain;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ayumi.Data;

/// <summary>
/// Ayumi's database. The provider-specific subclasses exist only so that SQLite and
/// PostgreSQL each keep their own migrations; handlers depend on this class.
/// </summary>
public abstract class AyumiDbContext(DbContextOptions options) : IdentityDbContext<AyumiUser>(options)
{
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<PlanNode> PlanNodes => Set<PlanNode>();
    public DbSet<Measure> Measures => Set<Measure>();
    public DbSet<MeasurePlacement> MeasurePlacements => Set<MeasurePlacement>();
    public DbSet<MeasureLineage> MeasureLineages => Set<MeasureLineage>();
    public DbSet<YearlyEntry> YearlyEntries => Set<YearlyEntry>();
    public DbSet<Indicator> Indicators => Set<Indicator>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<ReportingYear> ReportingYears => Set<ReportingYear>();
    public DbSet<EntryPart> EntryParts => Set<EntryPart>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ReviewComment> ReviewComments => Set<ReviewComment>();
    public DbSet<PolicyEvaluation> PolicyEvaluations => Set<PolicyEvaluation>();
    public DbSet<MappingProfile> MappingProfiles => Set<MappingProfile>();
    public DbSet<ReportTemplate> ReportTemplates => Set<ReportTemplate>();

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
