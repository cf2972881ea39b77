using System.Text;
using Ayumi.Domain;
using Ayumi.Features.PlanFiles;

namespace Ayumi.Tests.PlanFiles;

/// <summary>Lineage links, node origins and draft plans in the plan file format, and the links of files written before them.</summary>
public class PlanFileLineageTests
{
    private static string TwoPlans(string firstMeasureExtra, string secondMeasureExtra = "", string secondPlanExtra = "") => $$"""
        {
          "format": "ayumi-plan",
          "formatVersion": 1,
          "organisation": { "code": "040002", "name": "宮城県", "kind": "prefecture" },
          "departments": [],
          "plans": [
            { "name": "第1次", "generation": 1, "periodStart": "R2", "periodEnd": "R6",
              "levels": [ { "name": "施策の方向性" }, { "name": "事業" } ],
              "nodes": [ { "code": "1", "title": "就労の確保に関する支援" } ],
              "measures": [
                { "key": "3", "code": "3", "parent": "1", "title": "沿岸地域就職サポートセンター事業",
                  "lifecycle": { "status": "ended", "endedIn": "R3", "note": "事業終期のため、R3以降廃止" } },
                { "key": "8", "code": "8", "parent": "1", "title": "みやぎ人財活躍応援センター運営事業"{{firstMeasureExtra}} } ] },
            { "name": "第二次", "generation": 2, "periodStart": "R7", "periodEnd": "R11", "predecessor": "第1次"{{secondPlanExtra}},
              "levels": [ { "name": "施策の方向性" }, { "name": "事業" } ],
              "nodes": [ { "code": "2", "title": "就労の確保に関する支援", "origin": { "plan": "第1次", "code": "1" } } ],
              "measures": [ { "key": "8", "code": "8", "parent": "2", "title": "みやぎ地域活性化雇用創造プロジェクト"{{secondMeasureExtra}} } ] }
          ]
        }
        """;

    private static Organisation Load(string json) => PlanFileReader.Load("lineage.json", Encoding.UTF8.GetBytes(json), null);

    [Fact]
    public void Lineage_origins_and_a_draft_survive_a_round_trip()
    {
        var organisation = Load(TwoPlans(
            """, "lineage": [ { "to": { "plan": "第二次", "key": "8" }, "kind": "succeeded", "effectiveIn": "R7", "note": "後継事業" } ]""",
            secondPlanExtra: """, "status": "draft" """));
        var second = organisation.Plans.Single(p => p.Name == "第二次");
        Assert.Equal(PlanStatus.Draft, second.Status);
        Assert.Same(organisation.Plans.Single(p => p.Name == "第1次").FindNode("1"), second.FindNode("2")!.Origin);
        var link = Assert.Single(second.FindMeasure("8")!.Origins);
        Assert.Equal(("8", LineageKind.Succeeded, FiscalYear.Parse("R7"), "後継事業"), (link.From.Key, link.Kind, link.EffectiveIn, link.Note));

        var written = PlanFileWriter.Write(organisation, [.. organisation.Plans]);
        var rewritten = PlanFileWriter.Write(Load(Encoding.UTF8.GetString(written)), [.. organisation.Plans]);
        Assert.Equal(Encoding.UTF8.GetString(written), Encoding.UTF8.GetString(rewritten));
    }

    [Fact]
    public void Links_of_files_written_before_lineage_are_read_as_successor_and_continued_links()
    {
        var organisation = Load(TwoPlans("""
            , "lifecycle": { "status": "reorganised", "successorOf": ["3"], "nextPlanMeasure": { "plan": "第二次", "key": "8" } }
            """));
        var first = organisation.Plans.Single(p => p.Name == "第1次");
        var eight = first.FindMeasure("8")!;
        var predecessor = Assert.Single(eight.Origins);
        Assert.Equal(("3", LineageKind.Succeeded, FiscalYear.Parse("R3")), (predecessor.From.Key, predecessor.Kind, predecessor.EffectiveIn));
        var next = Assert.Single(eight.Continuations);
        Assert.Equal(("第二次", LineageKind.Continued, FiscalYear.Parse("R7")), (next.To.Plan.Name, next.Kind, next.EffectiveIn));
    }

    [Fact]
    public void A_link_outside_both_periods_is_refused_with_its_path()
    {
        var error = Assert.Throws<SeedFormatException>(() => Load(TwoPlans(
            """, "lineage": [ { "to": { "plan": "第二次", "key": "8" }, "kind": "continued", "effectiveIn": "R20" } ]""")));
        Assert.Contains("$.plans[0].measures[1].lineage[0]", error.Reason);
        Assert.Contains("outside both plans' periods", error.Reason);
    }
}
