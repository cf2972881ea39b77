using Ayumi.Domain;
using Ayumi.Features.Accounts;

namespace Ayumi.Features.Reports;

public static class ReportYears
{
    /// <summary>
    /// The years of a layout of measures this reader may open (<see cref="Publication.YearsSeenBy"/>); a layout of indicators can
    /// be made for every year of the plan by everyone who may see the plan, since it shows only submitted actuals, which are published.
    /// </summary>
    public static List<FiscalYear> VisibleTo(MemberRoles me, Plan plan, ReportTemplate template) =>
        !template.ListsIndicators ? me.YearsSeenBy(plan) : me.SeesPlan(plan) ? PlanYears(plan) : [];

    public static List<FiscalYear> PlanYears(Plan plan) =>
        Enumerable.Range(plan.PeriodStart.StartYear, plan.PeriodEnd.StartYear - plan.PeriodStart.StartYear + 1).Select(y => new FiscalYear(y)).ToList();
}
