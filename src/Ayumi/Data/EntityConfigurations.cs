using Ayumi.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ayumi.Data;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.HasIndex(o => o.Code).IsUnique();
        b.Property(o => o.Name).HasMaxLength(100);
        b.Property(o => o.Prefecture).HasMaxLength(10);
        b.Property(o => o.Reading).HasMaxLength(100);
        b.HasMany(o => o.Departments).WithOne(d => d.Organisation).HasForeignKey(d => d.OrganisationId);
        b.HasMany(o => o.Plans).WithOne(p => p.Organisation).HasForeignKey(p => p.OrganisationId);
    }
}

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> b)
    {
        b.Property(d => d.Name).HasMaxLength(100);
        b.HasOne(d => d.Parent).WithMany(d => d.Children).HasForeignKey(d => d.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(d => d.Aliases).WithOne().HasForeignKey("DepartmentId").OnDelete(DeleteBehavior.Cascade);
        b.Ignore(d => d.Path);
        b.Ignore(d => d.DisplayName);
    }
}

internal sealed class DepartmentAliasConfiguration : IEntityTypeConfiguration<DepartmentAlias>
{
    public void Configure(EntityTypeBuilder<DepartmentAlias> b) => b.Property(a => a.Name).HasMaxLength(200);
}

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> b)
    {
        b.HasIndex(p => new { p.OrganisationId, p.Name }).IsUnique();
        b.Property(p => p.Name).HasMaxLength(200);
        b.HasOne(p => p.Predecessor).WithMany().HasForeignKey(p => p.PredecessorId).OnDelete(DeleteBehavior.Restrict);
        b.Property(p => p.Levels).HasJsonConversion();
        b.Property(p => p.Grades).HasJsonConversion();
        b.Property(p => p.EvaluationBodies).HasJsonConversion();
        b.Property(p => p.Notes).HasJsonConversion();
        b.Property(p => p.FundingSources).HasJsonConversion();
        b.Property(p => p.ReportTemplateName).HasMaxLength(100);
        // A set of flags: as a number, since the names of several would not fit the enums' column.
        b.Property(p => p.ChosenEntryFields).HasConversion<int?>();
        b.HasMany(p => p.Nodes).WithOne(n => n.Plan).HasForeignKey(n => n.PlanId);
        b.HasMany(p => p.Measures).WithOne(m => m.Plan).HasForeignKey(m => m.PlanId);
        b.HasMany(p => p.Indicators).WithOne(i => i.Plan).HasForeignKey(i => i.PlanId);
        b.Ignore(p => p.GradeScale);
        b.Ignore(p => p.PublishedYears);
        b.HasMany(p => p.ReportingYears).WithOne(r => r.Plan).HasForeignKey(r => r.PlanId);
    }
}

internal sealed class PlanNodeConfiguration : IEntityTypeConfiguration<PlanNode>
{
    public void Configure(EntityTypeBuilder<PlanNode> b)
    {
        b.HasIndex(n => new { n.PlanId, n.Code }).IsUnique();
        b.Property(n => n.Code).HasMaxLength(50);
        b.HasOne(n => n.Parent).WithMany(n => n.Children).HasForeignKey(n => n.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(n => n.Origin).WithMany().HasForeignKey(n => n.OriginId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(n => n.ParsedCode);
    }
}

internal sealed class MeasureConfiguration : IEntityTypeConfiguration<Measure>
{
    public void Configure(EntityTypeBuilder<Measure> b)
    {
        b.HasIndex(m => new { m.PlanId, m.Key }).IsUnique();
        b.Property(m => m.Key).HasMaxLength(50);
        b.HasMany(m => m.Placements).WithOne(p => p.Measure).HasForeignKey(p => p.MeasureId);
        b.HasMany(m => m.Entries).WithOne(e => e.Measure).HasForeignKey(e => e.MeasureId);
        b.HasMany(m => m.Continuations).WithOne(l => l.From).HasForeignKey(l => l.FromId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(m => m.Origins).WithOne(l => l.To).HasForeignKey(l => l.ToId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(m => m.Predecessors);
        b.HasMany(m => m.Tags).WithOne(t => t.Measure).HasForeignKey(t => t.MeasureId).OnDelete(DeleteBehavior.Cascade);
        b.Property(m => m.TagsConfirmedBy).HasMaxLength(256);
        b.Ignore(m => m.TagsConfirmed);
        b.Ignore(m => m.NextPlanMeasure);
        b.OwnsMany(m => m.Departments, d =>
        {
            d.ToTable("MeasureDepartments");
            d.WithOwner().HasForeignKey(x => x.MeasureId);
            d.HasKey(x => new { x.MeasureId, x.DepartmentId });
            d.HasOne(x => x.Department).WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Ignore(m => m.PrimaryPlacement);
        b.Ignore(m => m.IsRelisted);
    }
}

internal sealed class MeasureTagConfiguration : IEntityTypeConfiguration<MeasureTag>
{
    public void Configure(EntityTypeBuilder<MeasureTag> b)
    {
        // Read by issue across all plans (coverage, search filters), and per measure.
        b.HasIndex(t => new { t.Issue, t.MeasureId });
        b.HasIndex(t => t.MeasureId);
        b.Property(t => t.Area).HasMaxLength(MeasureTag.AreaLength);
        b.Ignore(t => t.AsIssueTag);
    }
}

internal sealed class MeasurePlacementConfiguration : IEntityTypeConfiguration<MeasurePlacement>
{
    public void Configure(EntityTypeBuilder<MeasurePlacement> b)
    {
        b.HasIndex(p => new { p.MeasureId, p.NodeId }).IsUnique();
        b.Property(p => p.Code).HasMaxLength(50);
        b.HasOne(p => p.Node).WithMany().HasForeignKey(p => p.NodeId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(p => p.ParsedCode);
    }
}

internal sealed class MeasureLineageConfiguration : IEntityTypeConfiguration<MeasureLineage>
{
    public void Configure(EntityTypeBuilder<MeasureLineage> b)
    {
        b.HasIndex(l => new { l.FromId, l.ToId }).IsUnique();
        b.Property(l => l.Note).HasMaxLength(MeasureLineage.NoteLength);
    }
}

internal sealed class YearlyEntryConfiguration : IEntityTypeConfiguration<YearlyEntry>
{
    public void Configure(EntityTypeBuilder<YearlyEntry> b)
    {
        b.HasIndex(e => new { e.MeasureId, e.FiscalYear }).IsUnique();
        b.Property(e => e.Grade).HasMaxLength(10);
        b.HasMany(e => e.Parts).WithOne(p => p.YearlyEntry).HasForeignKey(p => p.YearlyEntryId);
        b.Ignore(e => e.HasReport);
        b.Ignore(e => e.Budget);
        b.Ignore(e => e.InitialBudget);
        b.Ignore(e => e.FinalBudget);
        b.Property<List<BudgetFigure>>("BudgetFigures").HasColumnName("Budget").HasJsonConversion();
    }
}

internal sealed class EntryPartConfiguration : IEntityTypeConfiguration<EntryPart>
{
    public void Configure(EntityTypeBuilder<EntryPart> b)
    {
        b.HasIndex(p => new { p.YearlyEntryId, p.DepartmentId }).IsUnique();
        b.HasOne(p => p.Department).WithMany().HasForeignKey(p => p.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.Property(p => p.Grade).HasMaxLength(10);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Ignore(p => p.Content);
        b.Ignore(p => p.IsEditable);
        b.Ignore(p => p.Budget);
        b.Ignore(p => p.InitialBudget);
        b.Ignore(p => p.FinalBudget);
        b.Property<List<BudgetFigure>>("BudgetFigures").HasColumnName("Budget").HasJsonConversion();
    }
}

internal sealed class EntryDraftConfiguration : IEntityTypeConfiguration<EntryDraft>
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<EntryDraft> b)
    {
        b.HasIndex(d => new { d.EntryPartId, d.UserId }).IsUnique();
        b.HasOne<EntryPart>().WithMany().HasForeignKey(d => d.EntryPartId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AyumiUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        b.Property(d => d.Typed).HasConversion(
            t => System.Text.Json.JsonSerializer.Serialize(t, Json),
            v => System.Text.Json.JsonSerializer.Deserialize<TypedPart>(v, Json)!);
    }
}

internal sealed class ReportingYearConfiguration : IEntityTypeConfiguration<ReportingYear>
{
    public void Configure(EntityTypeBuilder<ReportingYear> b)
    {
        b.HasIndex(r => new { r.PlanId, r.FiscalYear }).IsUnique();
        b.Ignore(r => r.IsOpen);
        b.HasMany(r => r.Withdrawals).WithOne(w => w.ReportingYear).HasForeignKey(w => w.ReportingYearId);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> b)
    {
        b.HasIndex(m => new { m.UserId, m.OrganisationId, m.Role }).IsUnique();
        b.HasOne<AyumiUser>().WithMany().HasForeignKey(m => m.UserId);
        b.HasOne(m => m.Organisation).WithMany().HasForeignKey(m => m.OrganisationId);
        b.OwnsMany(m => m.Departments, d =>
        {
            d.ToTable("MembershipDepartments");
            d.WithOwner().HasForeignKey(x => x.MembershipId);
            d.HasKey(x => new { x.MembershipId, x.DepartmentId });
            d.HasOne<Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasIndex(a => a.MeasureId);
        b.HasIndex(a => a.PlanId);
        b.Property(a => a.EntityType).HasMaxLength(50);
        b.Property(a => a.EntityId).HasMaxLength(50);
        b.Property(a => a.UserName).HasMaxLength(256);
    }
}

internal sealed class ReviewCommentConfiguration : IEntityTypeConfiguration<ReviewComment>
{
    public void Configure(EntityTypeBuilder<ReviewComment> b)
    {
        b.HasIndex(c => new { c.ReportingYearId, c.MeasureId });
        b.HasOne<ReportingYear>().WithMany().HasForeignKey(c => c.ReportingYearId);
    }
}

internal sealed class PolicyEvaluationConfiguration : IEntityTypeConfiguration<PolicyEvaluation>
{
    public void Configure(EntityTypeBuilder<PolicyEvaluation> b)
    {
        b.HasIndex(e => new { e.ReportingYearId, e.NodeId });
        b.HasOne<ReportingYear>().WithMany().HasForeignKey(e => e.ReportingYearId);
        b.HasOne<PlanNode>().WithMany().HasForeignKey(e => e.NodeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PublishedOpinionConfiguration : IEntityTypeConfiguration<PublishedOpinion>
{
    public void Configure(EntityTypeBuilder<PublishedOpinion> b)
    {
        b.HasIndex(o => new { o.ReportingYearId, o.Order });
        b.HasOne(o => o.ReportingYear).WithMany().HasForeignKey(o => o.ReportingYearId);
        b.HasOne<Measure>().WithMany().HasForeignKey(o => o.MeasureId).OnDelete(DeleteBehavior.SetNull);
        b.Property(o => o.CommentIds).HasJsonConversion();
    }
}

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> b)
    {
        b.HasIndex(i => new { i.PlanId, i.Code }).IsUnique();
        b.Property(i => i.Code).HasMaxLength(20);
        b.Property(i => i.Unit).HasMaxLength(20);
        b.Property(i => i.BaselineValue).HasPrecision(18, 4);
        b.Property(i => i.Targets).HasJsonConversion();
        b.HasOne(i => i.Node).WithMany().HasForeignKey(i => i.NodeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(i => i.Measure).WithMany().HasForeignKey(i => i.MeasureId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(i => i.Owner).WithMany().HasForeignKey(i => i.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(i => i.Numerator).WithMany().HasForeignKey(i => i.NumeratorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(i => i.Denominator).WithMany().HasForeignKey(i => i.DenominatorId).OnDelete(DeleteBehavior.Restrict);
        b.Property(i => i.RatioScale).HasPrecision(18, 4);
        b.Property(i => i.ComparisonLabel).HasMaxLength(100);
        b.Property(i => i.ArchivedReason).HasMaxLength(400);
        // Ratios defined before the basis was a choice took each year's counts.
        b.Property(i => i.RatioBasis).HasDefaultValue(RatioBasis.YearlyCounts);
        b.OwnsMany(i => i.Actuals, a =>
        {
            a.ToTable("IndicatorActuals");
            a.WithOwner(x => x.Indicator).HasForeignKey("IndicatorId");
            a.HasKey(x => x.Id);
            a.HasIndex("IndicatorId", nameof(IndicatorActual.FiscalYear)).IsUnique();
            a.Property(x => x.Value).HasPrecision(18, 4);
            a.Property(x => x.ComparisonValue).HasPrecision(18, 4);
        });
    }
}

internal sealed class MappingProfileConfiguration : IEntityTypeConfiguration<MappingProfile>
{
    public void Configure(EntityTypeBuilder<MappingProfile> b)
    {
        b.HasOne(p => p.Organisation).WithMany().HasForeignKey(p => p.OrganisationId);
        b.Property(p => p.Name).HasMaxLength(100);
        b.HasIndex(p => new { p.OrganisationId, p.Name }).IsUnique();
        b.Property(p => p.Columns).HasJsonConversion();
    }
}

internal sealed class ReportTemplateConfiguration : IEntityTypeConfiguration<ReportTemplate>
{
    public void Configure(EntityTypeBuilder<ReportTemplate> b)
    {
        b.HasOne<Organisation>().WithMany().HasForeignKey(t => t.OrganisationId);
        b.Property(t => t.Name).HasMaxLength(100);
        b.HasIndex(t => new { t.OrganisationId, t.Name }).IsUnique();
        b.Property(t => t.Columns).HasJsonConversion();
    }
}
