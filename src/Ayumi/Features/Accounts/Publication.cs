using System.Linq.Expressions;
using Ayumi.Data;
using Ayumi.Domain;

namespace Ayumi.Features.Accounts;

/// <summary>
/// The publication rule: what each reader may see of a plan, its years, their entries and
/// departments' parts, review comments, the opinions published from them, indicator actuals and audit records. Every read path
/// asks here (docs/publication.md has the table). Anonymous visitors and members of other
/// organisations are the public; administrators read as every organisation's secretariat.
/// </summary>
public static class Publication
{
    /// <summary>A published plan is everyone's; a draft (次期計画の案) is its secretariat's until it is published.</summary>
    public static bool SeesPlan(this MemberRoles reader, Plan plan) => SeesPlan(reader, plan.OrganisationId, plan.Status);

    public static bool SeesPlan(this MemberRoles reader, int organisationId, PlanStatus status) =>
        status == PlanStatus.Published || reader.CanManage(organisationId);

    /// <summary>The plans <paramref name="reader"/> sees, for a query: the same rule as <see cref="SeesPlan(MemberRoles, Plan)"/>.</summary>
    public static Expression<Func<Plan, bool>> PlansSeenBy(MemberRoles reader)
    {
        if (reader.IsAdministrator) return p => true;
        var managed = reader.Roles.Where(r => r.Kind == MemberRole.Secretariat).Select(r => r.OrganisationId).Distinct().ToList();
        return p => p.Status == PlanStatus.Published || managed.Contains(p.OrganisationId);
    }

    /// <summary>
    /// What was reported for a fiscal year (the entries' text, grades and budgets): a published year is everyone's; a locked
    /// year is also its reviewers' (they review it); a year still open, or one the cycle never recorded, is the secretariat's.
    /// </summary>
    public static bool SeesYear(this MemberRoles reader, Plan plan, FiscalYear year) =>
        SeesYear(reader, plan.OrganisationId, plan.ReportingYears.FirstOrDefault(r => r.FiscalYear == year)?.Status);

    /// <param name="status">The year's state in the cycle; null for a year the cycle never recorded (an imported sheet's).</param>
    public static bool SeesYear(this MemberRoles reader, int organisationId, ReportingStatus? status) =>
        status == ReportingStatus.Published || reader.CanManage(organisationId)
        || status == ReportingStatus.Locked && reader.Has(organisationId, MemberRole.Reviewer);

    /// <summary>The years whose reports <paramref name="reader"/> may open, oldest first; the plan's reporting years must be loaded.</summary>
    public static List<FiscalYear> YearsSeenBy(this MemberRoles reader, Plan plan) =>
        reader.CanManage(plan.OrganisationId) ? YearsWithData(plan)
            : plan.ReportingYears.Where(r => reader.SeesYear(plan.OrganisationId, r.Status)).Select(r => r.FiscalYear).Order().ToList();

    /// <summary>The years a report can be made for: those with an entry, and those run in the yearly cycle.</summary>
    public static List<FiscalYear> YearsWithData(Plan plan) =>
        plan.Measures.SelectMany(m => m.Entries).Where(e => e.HasReport || e.Target is not null).Select(e => e.FiscalYear)
            .Concat(plan.ReportingYears.Select(r => r.FiscalYear)).Distinct().Order().ToList();

    /// <summary>A department's part of an entry, in any state, with the secretariat's return comment: that department's editors and the secretariat.</summary>
    public static bool SeesPart(this MemberRoles reader, int organisationId, int departmentId) =>
        reader.CanManage(organisationId) || reader.CanEdit(organisationId, departmentId);

    /// <summary>Review comments, answers and evaluations of a year: its reviewers and the secretariat, once the year is locked. Never the public.</summary>
    public static bool SeesReview(this MemberRoles reader, int organisationId, ReportingStatus status) =>
        reader.CanReview(organisationId, status);

    /// <summary>
    /// The opinions the secretariat chose to publish of a year (主な意見と市（県）の考え方), in their published wording with the
    /// answers: everyone's once the year is published; before that, like the review, its reviewers' and the secretariat's.
    /// The comments they come from stay under <see cref="SeesReview"/> whatever the year's state.
    /// </summary>
    public static bool SeesOpinions(this MemberRoles reader, int organisationId, ReportingStatus status) =>
        status == ReportingStatus.Published || reader.SeesReview(organisationId, status);

    /// <summary>An indicator actual: a submitted one is published with the plan; a draft is its owning department's and the secretariat's.</summary>
    public static bool SeesActual(this MemberRoles reader, Plan plan, Indicator indicator, IndicatorActual actual) =>
        actual.State == ActualState.Submitted ? reader.SeesPlan(plan)
            : reader.CanManage(plan.OrganisationId) || indicator.OwnerId is { } owner && reader.CanEdit(plan.OrganisationId, owner);

    /// <summary>
    /// An audit record of a measure's history (members of the organisation only, and only of a plan they see): changes to the
    /// measure, its listings, departments, lineage and indicators for every member; an entry's changes for those who see its
    /// year; a part's changes for those who see the part; an indicator actual's for the secretariat and the owning department.
    /// </summary>
    /// <param name="year">For an entry or a part: its fiscal year's state (null when the cycle never recorded it).</param>
    /// <param name="departmentId">For a part: its department; for an actual: the indicator's owner.</param>
    public static bool SeesAuditRecord(this MemberRoles reader, int organisationId, AuditEntry record, ReportingStatus? year, int? departmentId) =>
        record.EntityType switch
        {
            nameof(YearlyEntry) => reader.SeesYear(organisationId, year),
            nameof(EntryPart) => departmentId is { } part && reader.SeesPart(organisationId, part) || reader.CanManage(organisationId),
            nameof(IndicatorActual) => reader.CanManage(organisationId) || departmentId is { } owner && reader.CanEdit(organisationId, owner),
            _ => true,
        };

    /// <summary>
    /// Takes out of a plan read for <paramref name="reader"/> what the rule keeps from them: the reports of years they may not
    /// see (the plan's yearly targets stay: they are plan content), every department's part they may not see, and draft actuals
    /// of indicators they do not own. The plan's reporting years must be loaded (without them every year is withheld). The graph
    /// is detached from <paramref name="db"/> first, so that nothing withheld can ever be saved.
    /// </summary>
    public static void Withhold(this MemberRoles reader, AyumiDbContext db, Plan plan) =>
        Withhold(db, plan, year => reader.SeesYear(plan, year), part => reader.SeesPart(plan.OrganisationId, part.DepartmentId),
            (indicator, actual) => reader.SeesActual(plan, indicator, actual));

    /// <summary>As <see cref="Withhold(MemberRoles, AyumiDbContext, Plan)"/> for the public: what the command line writes unless asked for unpublished years.</summary>
    public static void WithholdUnpublished(AyumiDbContext db, Plan plan) => MemberRoles.Anonymous.Withhold(db, plan);

    private static void Withhold(AyumiDbContext db, Plan plan, Func<FiscalYear, bool> seesYear, Func<EntryPart, bool> seesPart,
        Func<Indicator, IndicatorActual, bool> seesActual)
    {
        db.ChangeTracker.Clear();
        var years = plan.Measures.SelectMany(m => m.Entries).Select(e => e.FiscalYear).Distinct().ToDictionary(y => y, seesYear);
        foreach (var measure in plan.Measures)
            foreach (var entry in measure.Entries)
            {
                if (!years[entry.FiscalYear]) entry.WithholdReport();
                entry.WithholdParts(part => !seesPart(part));
            }
        foreach (var indicator in plan.Indicators) indicator.WithholdActuals(actual => !seesActual(indicator, actual));
    }
}
