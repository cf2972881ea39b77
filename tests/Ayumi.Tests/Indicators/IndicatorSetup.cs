using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Tests.Indicators;

/// <summary>Two indicators on Ena's plan (FY2024 only), with baselines in FY2022: one of 総務課's, counted cumulatively, and one of 商工課's with a qualitative target and a national comparison.</summary>
public static class IndicatorSetup
{
    public const string Cumulative = "①", Qualitative = "②";

    public static async Task<(int Plan, int Soumu, int Shoukou)> AddToEnaAsync(AyumiFactory factory)
    {
        var planId = await factory.PlanIdAsync("212105");
        return await factory.QueryAsync(async db =>
        {
            var plan = await db.Plans.Include(p => p.Indicators).Include(p => p.Organisation).ThenInclude(o => o.Departments)
                .Include(p => p.Nodes).SingleAsync(p => p.Id == planId);
            var soumu = plan.AddIndicator(Cumulative, "協力雇用主の新規登録数", "社");
            soumu.SetKind(IndicatorKind.Cumulative);
            soumu.AssignOwner(plan.Organisation.FindDepartment("総務課")!);
            soumu.AttachTo(plan.Nodes.Single(n => n.Code == "(1)"));
            soumu.SetBaseline(new FiscalYear(2022), null, 10, null);
            soumu.AddTarget(new IndicatorTarget(new FiscalYear(2024), 30, null, null));
            var shoukou = plan.AddIndicator(Qualitative, "就職率", "%");
            shoukou.AssignOwner(plan.Organisation.FindDepartment("商工課")!);
            shoukou.CompareWith("全国平均");
            shoukou.SetBaseline(new FiscalYear(2022), null, 40, null);
            shoukou.AddTarget(new IndicatorTarget(new FiscalYear(2024), null, "全国平均以上", null));
            await db.SaveChangesAsync();
            return (planId, soumu.Id, shoukou.Id);
        });
    }
}
