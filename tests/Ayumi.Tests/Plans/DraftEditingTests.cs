using System.Net;
using Ayumi.Domain;
using Ayumi.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Tests.Plans;

/// <summary>Miyagi's secretariat edits the structure, listings and departments of a draft of its third plan; the second plan, published, refuses.</summary>
public abstract class DraftEditingTests(PlanRevisionFixture fixture)
{
    /// <summary>Drafts the third plan from the second under <paramref name="name"/> and returns its id.</summary>
    private async Task<int> DraftAsync(string name)
    {
        var response = await fixture.Miyagi.PostAsync($"/plans/{fixture.SecondPlan}/draft", [new("Name", name), new("PeriodStart", "R12"), new("PeriodEnd", "R16")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
    }

    private Task<(int Id, string Code, string Title, int? OriginId)> NodeAsync(int planId, string title) =>
        fixture.Factory.QueryAsync(db => db.PlanNodes.Where(n => n.PlanId == planId && n.Title == title)
            .Select(n => new ValueTuple<int, string, string, int?>(n.Id, n.Code, n.Title, n.OriginId)).SingleAsync());

    private Task<HttpResponseMessage> TreeAsync(int planId, string handler, params (string Name, string Value)[] fields) =>
        fixture.Miyagi.PostAsync($"/plans/{planId}/tree?handler={handler}", fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private async Task<string> RefusalAsync(string url, params (string Name, string Value)[] fields)
    {
        var page = await fixture.Miyagi.PostAndReadAsync(url, fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), url.Split('?')[0]);
        return page.QuerySelector(".notice--error")!.TextContent.Trim();
    }

    [Fact]
    public async Task Policies_of_a_draft_are_added_renamed_renumbered_and_removed_and_the_comparison_shows_the_renumbered_one()
    {
        var draftId = await DraftAsync("第三次宮城県再犯防止推進計画（構成）");
        var page = await fixture.Miyagi.GetAsync($"/plans/{draftId}");
        Assert.NotNull(page.QuerySelector($"a[href='/plans/{draftId}/tree']"));

        Assert.Equal(HttpStatusCode.Redirect, (await TreeAsync(draftId, "Add", ("parentId", ""), ("code", "10"), ("title", "地域における支援"), ("description", ""))).StatusCode);
        var added = await NodeAsync(draftId, "地域における支援");
        Assert.Equal(("10", (int?)null), (added.Code, added.OriginId));
        Assert.Equal(HttpStatusCode.Redirect, (await TreeAsync(draftId, "Edit", ("nodeId", added.Id.ToString()), ("code", "11"), ("title", "地域社会における継続的な支援"), ("description", "関係機関と連携する。"))).StatusCode);
        var renamed = await NodeAsync(draftId, "地域社会における継続的な支援");
        Assert.Equal((added.Id, "11"), (renamed.Id, renamed.Code));

        // A copied policy renumbered keeps its origin: the comparison lists it as renumbered, from the second plan's code to the new one.
        var work = await NodeAsync(draftId, "就労の確保に関する支援");
        Assert.Equal(HttpStatusCode.Redirect, (await TreeAsync(draftId, "Edit", ("nodeId", work.Id.ToString()), ("code", "12"), ("title", work.Title), ("description", ""))).StatusCode);
        Assert.Equal((work.OriginId, "12"), ((await NodeAsync(draftId, work.Title)).OriginId, (await NodeAsync(draftId, work.Title)).Code));
        var comparison = await fixture.Miyagi.GetAsync($"/plans/{draftId}/compare");
        var renumbered = comparison.QuerySelectorAll("table.compare-policies tr.compare-renumbered").Select(r => r.TextContent).ToList();
        Assert.Contains(renumbered, r => r.Contains($"{work.Code} 就労の確保に関する支援") && r.Contains("12 就労の確保に関する支援"));
        Assert.Contains(comparison.QuerySelectorAll("table.compare-policies tr.compare-new").Select(r => r.TextContent), r => r.Contains("11 地域社会における継続的な支援"));

        // Refused with the rule in Japanese, and nothing changes.
        var treeUrl = $"/plans/{draftId}/tree";
        Assert.Equal($"番号「12」が第三次宮城県再犯防止推進計画（構成）の中で重複しています。",
            await RefusalAsync($"{treeUrl}?handler=Edit", ("nodeId", renamed.Id.ToString()), ("code", "12"), ("title", renamed.Title), ("description", "")));
        Assert.Equal("「12」には事業が掲載されているため削除できません。先に事業を移動または削除してください。",
            await RefusalAsync($"{treeUrl}?handler=Remove", ("nodeId", work.Id.ToString())));
        Assert.Equal("名称を入力してください。", await RefusalAsync($"{treeUrl}?handler=Add", ("parentId", ""), ("code", "9"), ("title", " ")));
        Assert.Equal("11", (await NodeAsync(draftId, "地域社会における継続的な支援")).Code);

        Assert.Equal(HttpStatusCode.Redirect, (await TreeAsync(draftId, "Remove", ("nodeId", renamed.Id.ToString()))).StatusCode);
        Assert.False(await fixture.Factory.QueryAsync(db => db.PlanNodes.AnyAsync(n => n.Id == renamed.Id)));
        var audited = await fixture.Factory.QueryAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(PlanNode) && a.EntityId == renamed.Id.ToString())
            .OrderBy(a => a.Id).Select(a => new ValueTuple<AuditAction, string>(a.Action, a.UserName)).ToListAsync());
        Assert.Equal([(AuditAction.Added, PlanRevisionFixture.Secretariat), (AuditAction.Modified, PlanRevisionFixture.Secretariat), (AuditAction.Deleted, PlanRevisionFixture.Secretariat)], audited);
    }

    [Fact]
    public async Task A_draft_measure_moves_to_another_policy_and_its_departments_are_set()
    {
        var draftId = await DraftAsync("第三次宮城県再犯防止推進計画（事業）");
        var measure = await fixture.MeasureIdAsync(draftId, "1");
        var target = await NodeAsync(draftId, "住居の確保に関する支援");
        var edit = await fixture.Miyagi.GetAsync($"/measures/{measure}/edit");
        Assert.NotNull(edit.QuerySelector($"#nodeId option[value='{target.Id}']"));

        Assert.Equal(HttpStatusCode.Redirect, (await fixture.Miyagi.PostAsync($"/measures/{measure}/edit?handler=Move", [new("nodeId", target.Id.ToString()), new("code", "40")], $"/measures/{measure}/edit")).StatusCode);
        var placement = await fixture.Factory.QueryAsync(db => db.MeasurePlacements.Where(p => p.MeasureId == measure && !p.IsRelisting).Select(p => new ValueTuple<int, string>(p.NodeId, p.Code)).SingleAsync());
        Assert.Equal((target.Id, "40"), placement);
        Assert.Equal(("1", 1), await fixture.Factory.QueryAsync(async db => ((await db.Measures.SingleAsync(m => m.Id == measure)).Key, await db.MeasureLineages.CountAsync(l => l.ToId == measure))));

        var other = await fixture.MeasureIdAsync(draftId, "2");
        var taken = await RefusalAsync($"/measures/{other}/edit?handler=Move", ("nodeId", target.Id.ToString()), ("code", "40"));
        Assert.Equal($"「{target.Code}」の下にはすでに番号「40」の事業があります。", taken);

        var departments = await fixture.Factory.QueryAsync(async db =>
        {
            var organisationId = (await db.Plans.SingleAsync(p => p.Id == draftId)).OrganisationId;
            return await db.Departments.Where(d => d.OrganisationId == organisationId).OrderBy(d => d.Id).Select(d => d.Id).Take(2).ToListAsync();
        });
        Assert.Equal(HttpStatusCode.Redirect, (await fixture.Miyagi.PostAsync($"/measures/{measure}/edit?handler=Departments",
            departments.Select(d => new KeyValuePair<string, string>("departmentIds", d.ToString())), $"/measures/{measure}/edit")).StatusCode);
        Assert.Equal(departments.Order(), (await DepartmentsAsync(measure)).Order());
        var checkedBoxes = (await fixture.Miyagi.GetAsync($"/measures/{measure}/edit")).QuerySelectorAll("input[name='departmentIds'][checked]").Select(i => int.Parse(i.GetAttribute("value")!));
        Assert.Equal(departments.Order(), checkedBoxes.Order());
        Assert.Equal(HttpStatusCode.Redirect, (await fixture.Miyagi.PostAsync($"/measures/{measure}/edit?handler=Departments", [], $"/measures/{measure}/edit")).StatusCode);
        Assert.Empty(await DepartmentsAsync(measure));
        // Every department given and taken away is in the measure's audit trail, with who did it.
        var removed = await fixture.Factory.QueryAsync(db => db.AuditEntries
            .Where(a => a.MeasureId == measure && a.EntityType == nameof(MeasureDepartment) && a.Action == AuditAction.Deleted && a.UserName != "system")
            .Select(a => a.EntityId).ToListAsync());
        Assert.All(departments, d => Assert.Contains($"{measure},{d}", removed));
    }

    private Task<List<int>> DepartmentsAsync(int measureId) =>
        fixture.Factory.QueryAsync(async db => (await db.Measures.Include(m => m.Departments).SingleAsync(m => m.Id == measureId)).Departments.Select(d => d.DepartmentId).ToList());

    [Fact]
    public async Task A_published_plans_structure_and_listings_are_not_edited()
    {
        var nodes = await fixture.Factory.QueryAsync(db => db.PlanNodes.CountAsync(n => n.PlanId == fixture.SecondPlan));
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Miyagi.Client.GetAsync($"/plans/{fixture.SecondPlan}/tree")).StatusCode);
        var add = await fixture.Miyagi.PostAsync($"/plans/{fixture.SecondPlan}/tree?handler=Add", [new("parentId", ""), new("code", "99"), new("title", "公開済みへの追加")], "/my");
        Assert.Equal(HttpStatusCode.NotFound, add.StatusCode);
        var measure = await fixture.MeasureIdAsync(fixture.SecondPlan, "1");
        var move = await fixture.Miyagi.PostAsync($"/measures/{measure}/edit?handler=Move", [new("nodeId", "1"), new("code", "99")], "/my");
        Assert.Equal(HttpStatusCode.NotFound, move.StatusCode);
        Assert.Equal(nodes, await fixture.Factory.QueryAsync(db => db.PlanNodes.CountAsync(n => n.PlanId == fixture.SecondPlan)));
        Assert.NotNull(await fixture.Factory.QueryAsync(db => db.MeasurePlacements.SingleAsync(p => p.MeasureId == measure && !p.IsRelisting && p.Code == "1")));
    }
}

public sealed class SqliteDraftEditingTests(SqlitePlanRevision fixture) : DraftEditingTests(fixture), IClassFixture<SqlitePlanRevision>;

public sealed class PostgresDraftEditingTests(PostgresPlanRevision fixture) : DraftEditingTests(fixture), IClassFixture<PostgresPlanRevision>;
