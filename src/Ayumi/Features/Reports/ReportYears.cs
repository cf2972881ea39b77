using Ayumi.Domain;
using Ayumi.Features.Accounts;

namespace Ayumi.Features.Reports;

public static class ReportYears
{
    /// <summary>The years this user may see reports of: published ones for everyone, every year with data for the plan's secretariat.</summary>
    public static List<FiscalYear> VisibleTo(MemberRoles me, Plan plan) =>
        me.CanManage(plan.OrganisationId) ? WithData(plan) : plan.PublishedYears.Order().ToList();

    /// <summary>
    /// As <see cref="VisibleTo(MemberRoles, Plan)"/> for a layout of measures; a layout of indicators can be made for every
    /// year of the plan, by everyone who may see the plan, since it shows only submitted actuals, which the indicator pages show too.
    /// </summary>
    public static List<FiscalYear> VisibleTo(MemberRoles me, Plan plan, ReportTemplate template) =>
        !template.ListsIndicators ? VisibleTo(me, plan) : me.CanSee(plan) ? PlanYears(plan) : [];

    public static List<FiscalYear> PlanYears(Plan plan) =>
        Enumerable.Range(plan.PeriodStart.StartYear, plan.PeriodEnd.StartYear - plan.PeriodStart.StartYear + 1).Select(y => new FiscalYear(y)).ToList();

    /// <summary>The years a report can be made for: those with an entry, and those run in the yearly cycle.</summary>
    public static List<FiscalYear> WithData(Plan plan) =>
        plan.Measures.SelectMany(m => m.Entries).Where(e => e.HasReport || e.Target is not null).Select(e => e.FiscalYear)
            .Concat(plan.ReportingYears.Select(r => r.FiscalYear)).Distinct().Order().ToList();

    /// <summary>The latest of <paramref name="years"/> with results or grades: a sheet that reports, not one that only plans.</summary>
    public static FiscalYear Latest(Plan plan, IReadOnlyList<FiscalYear> years)
    {
        var reported = plan.Measures.SelectMany(m => m.Entries).Where(e => e.Results is not null || e.Grade is not null).Select(e => e.FiscalYear).ToHashSet();
        return years.Where(reported.Contains).DefaultIfEmpty(years[^1]).Max();
    }
}
