using System.Net;
using System.Text.Json.Nodes;
using Ayumi.Domain;
using Ayumi.Tests.Web;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Tests.Cycle;

/// <summary>
/// Who may do what: every page handler and API endpoint against every role, posting
/// directly to handlers with other departments' ids. These fail if a rule is broken.
/// </summary>
public sealed class SecurityTests(SecurityTests.Fixture fixture) : IClassFixture<SecurityTests.Fixture>
{
    public sealed class Fixture : CycleFixture
    {
        public int EnaPlan { get; private set; }
        public int SoumuPart { get; private set; }
        public int ShoukouPart { get; private set; }
        public int MeasureId { get; private set; }
        public int MiyagiSecondPlan { get; private set; }
        /// <summary>A draft of Ena's next plan and one of its measures, whose structure and listings the secretariat edits.</summary>
        public (int Plan, int Measure) EnaDraft { get; private set; }
        /// <summary>総務課's indicator and 商工課's, on Ena's plan.</summary>
        public (int Plan, int Soumu, int Shoukou) Indicators { get; private set; }
        public Dictionary<string, WebUser> Users { get; } = [];

        protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            EnaPlan = await Factory.PlanIdAsync("212105");
            await CycleSetup.OpenAsync(Factory, EnaPlan, FiscalYear.Parse("FY2025"));
            SoumuPart = await CycleSetup.PartIdAsync(Factory, EnaPlan, "総務課", "更生保護活動に関する情報の周知");
            ShoukouPart = await CycleSetup.PartIdAsync(Factory, EnaPlan, "商工課", "協力雇用主の支援・拡大及び求人情報の提供");
            MeasureId = await Factory.QueryAsync(db => db.Measures.Where(m => m.PlanId == EnaPlan && m.Title == "生活保護").Select(m => m.Id).SingleAsync());
            MiyagiSecondPlan = await Factory.PlanIdAsync("040002", 2);
            Indicators = await Ayumi.Tests.Indicators.IndicatorSetup.AddToEnaAsync(Factory);
            Users["anonymous"] = Factory.NewUser();
            foreach (var (role, email) in new[] { ("soumu", Soumu), ("reviewer", Reviewer), ("secretariat", Secretariat), ("akita", AkitaSecretariat), ("admin", Administrator) })
                Users[role] = await Factory.SignedInAsync(email);
            var drafted = await Users["secretariat"].PostAsync($"/plans/{EnaPlan}/draft", [new("Name", "恵那市再犯防止推進計画（次期案）"), new("PeriodStart", "R12"), new("PeriodEnd", "R16")]);
            var draftId = int.Parse(drafted.Headers.Location!.OriginalString.Split('/').Last());
            EnaDraft = (draftId, await Factory.QueryAsync(db => db.Measures.Where(m => m.PlanId == draftId).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync()));
        }
    }

    public static TheoryData<string, string, Expect> Pages() => new()
    {
        // role, page, expected
        { "anonymous", "/my", Expect.SignIn }, { "soumu", "/my", Expect.Ok }, { "reviewer", "/my", Expect.Ok }, { "akita", "/my", Expect.Ok },
        { "anonymous", "cycle", Expect.SignIn }, { "soumu", "cycle", Expect.Denied }, { "reviewer", "cycle", Expect.Denied },
        { "akita", "cycle", Expect.Denied }, { "secretariat", "cycle", Expect.Ok }, { "admin", "cycle", Expect.Ok },
        { "anonymous", "dashboard", Expect.SignIn }, { "soumu", "dashboard", Expect.Denied }, { "reviewer", "dashboard", Expect.Denied },
        { "akita", "dashboard", Expect.Denied }, { "secretariat", "dashboard", Expect.Ok }, { "admin", "dashboard", Expect.Ok },
        // The pages that ask to confirm a step of the year are the secretariat's.
        { "anonymous", "lock", Expect.SignIn }, { "soumu", "lock", Expect.Denied }, { "reviewer", "publish", Expect.Denied },
        { "akita", "unpublish", Expect.Denied }, { "secretariat", "lock", Expect.Ok }, { "secretariat", "publish", Expect.Ok }, { "admin", "unpublish", Expect.Ok },
        { "anonymous", "members", Expect.SignIn }, { "soumu", "members", Expect.Denied }, { "reviewer", "members", Expect.Denied },
        { "akita", "members", Expect.Denied }, { "secretariat", "members", Expect.Ok }, { "admin", "members", Expect.Ok },
        { "anonymous", "own-part", Expect.SignIn }, { "soumu", "own-part", Expect.Ok }, { "reviewer", "own-part", Expect.Denied },
        { "akita", "own-part", Expect.Denied }, { "secretariat", "own-part", Expect.Ok }, { "admin", "own-part", Expect.Ok },
        { "soumu", "other-part", Expect.Denied }, { "reviewer", "other-part", Expect.Denied },
        { "anonymous", "review", Expect.SignIn }, { "reviewer", "review", Expect.Denied }, { "secretariat", "review", Expect.Denied }, { "soumu", "review", Expect.Denied },
        { "anonymous", "history", Expect.SignIn }, { "soumu", "history", Expect.Ok }, { "reviewer", "history", Expect.Ok },
        { "akita", "history", Expect.Denied }, { "secretariat", "history", Expect.Ok },
        { "anonymous", "/entries/999999", Expect.SignIn }, { "soumu", "/entries/999999", Expect.NotFound },
        // The read-only API and the public pages are the same for every role.
        { "anonymous", "/api/v1/organisations", Expect.Ok }, { "soumu", "/api/v1/organisations", Expect.Ok }, { "akita", "/api/v1/organisations", Expect.Ok },
        { "anonymous", "api-plan", Expect.Ok }, { "reviewer", "api-plan", Expect.Ok }, { "admin", "api-plan", Expect.Ok },
        { "anonymous", "api-measures", Expect.Ok }, { "soumu", "api-measures", Expect.Ok },
        { "anonymous", "api-indicators", Expect.Ok }, { "secretariat", "api-indicators", Expect.Ok },
        { "anonymous", "/api/v1/organisations/212105/plans", Expect.Ok }, { "akita", "/api/v1/organisations/212105/plans", Expect.Ok },
        // The search of all published plans is public, the same for every role.
        { "anonymous", "/api/v1/search?q=%E5%B0%B1%E5%8A%B4", Expect.Ok }, { "soumu", "/api/v1/search?q=%E5%B0%B1%E5%8A%B4", Expect.Ok },
        { "anonymous", "/search?q=%E5%B0%B1%E5%8A%B4", Expect.Ok }, { "akita", "/search?q=%E5%B0%B1%E5%8A%B4&fiscalYear=2024", Expect.Ok },
        { "anonymous", "plan", Expect.Ok }, { "soumu", "plan", Expect.Ok }, { "anonymous", "/", Expect.Ok }, { "reviewer", "/", Expect.Ok },
        // Imports and report layouts are the secretariat's.
        { "anonymous", "import", Expect.SignIn }, { "soumu", "import", Expect.Denied }, { "reviewer", "import", Expect.Denied },
        { "akita", "import", Expect.Denied }, { "secretariat", "import", Expect.Ok }, { "admin", "import", Expect.Ok },
        { "anonymous", "templates", Expect.SignIn }, { "soumu", "templates", Expect.Denied }, { "reviewer", "templates", Expect.Denied },
        { "akita", "templates", Expect.Denied }, { "secretariat", "templates", Expect.Ok },
        // Progress sheets: a published year for everyone; the year in work for the secretariat only.
        { "anonymous", "sheet-published", Expect.Ok }, { "soumu", "sheet-published", Expect.Ok }, { "akita", "sheet-published", Expect.Ok },
        { "anonymous", "sheet-in-work", Expect.SignIn }, { "soumu", "sheet-in-work", Expect.NotFound }, { "reviewer", "sheet-in-work", Expect.NotFound },
        { "akita", "sheet-in-work", Expect.NotFound }, { "secretariat", "sheet-in-work", Expect.Ok },
        { "anonymous", "summary-in-work", Expect.SignIn }, { "soumu", "summary-in-work", Expect.NotFound }, { "secretariat", "summary-in-work", Expect.Ok },
        { "anonymous", "xlsx-in-work", Expect.SignIn }, { "reviewer", "xlsx-in-work", Expect.NotFound },
        { "anonymous", "opendata", Expect.Ok }, { "soumu", "opendata", Expect.Ok },
        // Plan revisions: the comparison is public; drafting the next plan and recording lineage are the secretariat's.
        { "anonymous", "compare", Expect.Ok }, { "soumu", "compare", Expect.Ok }, { "anonymous", "compare-xlsx", Expect.Ok },
        { "anonymous", "draft", Expect.SignIn }, { "soumu", "draft", Expect.Denied }, { "reviewer", "draft", Expect.Denied },
        { "akita", "draft", Expect.Denied }, { "secretariat", "draft", Expect.Ok }, { "admin", "draft", Expect.Ok },
        { "anonymous", "lineage", Expect.SignIn }, { "soumu", "lineage", Expect.Denied }, { "reviewer", "lineage", Expect.Denied },
        { "akita", "lineage", Expect.Denied }, { "secretariat", "lineage", Expect.Ok }, { "admin", "lineage", Expect.Ok },
        // Tagging measures with the national plan's priority issues is the secretariat's.
        { "anonymous", "tags", Expect.SignIn }, { "soumu", "tags", Expect.Denied }, { "reviewer", "tags", Expect.Denied },
        { "akita", "tags", Expect.Denied }, { "secretariat", "tags", Expect.Ok }, { "admin", "tags", Expect.Ok },
        // Only a draft plan's measures are edited on screen; Ena's plan is published.
        { "anonymous", "measure-edit", Expect.SignIn }, { "soumu", "measure-edit", Expect.Denied }, { "akita", "measure-edit", Expect.Denied },
        { "secretariat", "measure-edit", Expect.NotFound },
        { "anonymous", "measure-new", Expect.SignIn }, { "soumu", "measure-new", Expect.Denied }, { "akita", "measure-new", Expect.Denied },
        { "secretariat", "measure-new", Expect.NotFound },
        // A draft's structure and listings are the secretariat's to edit; a published plan's are not edited on screen.
        { "anonymous", "draft-tree", Expect.SignIn }, { "soumu", "draft-tree", Expect.Denied }, { "reviewer", "draft-tree", Expect.Denied },
        { "akita", "draft-tree", Expect.Denied }, { "secretariat", "draft-tree", Expect.Ok }, { "admin", "draft-tree", Expect.Ok },
        { "secretariat", "plan-tree", Expect.NotFound }, { "soumu", "plan-tree", Expect.Denied },
        { "anonymous", "draft-measure-edit", Expect.SignIn }, { "soumu", "draft-measure-edit", Expect.Denied }, { "reviewer", "draft-measure-edit", Expect.Denied },
        { "akita", "draft-measure-edit", Expect.Denied }, { "secretariat", "draft-measure-edit", Expect.Ok },
        // Indicators and their charts are public; actuals are entered by the owning department and the secretariat.
        { "anonymous", "indicators", Expect.Ok }, { "soumu", "indicators", Expect.Ok }, { "anonymous", "indicator", Expect.Ok }, { "akita", "indicator", Expect.Ok },
        { "anonymous", "actuals-own", Expect.SignIn }, { "soumu", "actuals-own", Expect.Ok }, { "reviewer", "actuals-own", Expect.Denied },
        { "akita", "actuals-own", Expect.Denied }, { "secretariat", "actuals-own", Expect.Ok }, { "admin", "actuals-own", Expect.Ok },
        { "soumu", "actuals-other", Expect.Denied }, { "secretariat", "actuals-other", Expect.Ok },
        { "anonymous", "indicator-sheet", Expect.Ok },
        { "anonymous", "indicator-import", Expect.SignIn }, { "soumu", "indicator-import", Expect.Denied }, { "reviewer", "indicator-import", Expect.Denied },
        { "akita", "indicator-import", Expect.Denied }, { "secretariat", "indicator-import", Expect.Ok }, { "admin", "indicator-import", Expect.Ok },
        { "anonymous", "indicator-edit", Expect.SignIn }, { "soumu", "indicator-edit", Expect.Denied }, { "reviewer", "indicator-edit", Expect.Denied },
        { "akita", "indicator-edit", Expect.Denied }, { "secretariat", "indicator-edit", Expect.Ok }, { "secretariat", "indicator-new", Expect.Ok },
        { "soumu", "indicator-new", Expect.Denied },
        // Evaluation bodies and the choice of opinions to publish are the secretariat's; the opinions of a year are everyone's once the
        // year is published, before that the review's (an open year has none), and the API publishes only those.
        { "anonymous", "bodies", Expect.SignIn }, { "soumu", "bodies", Expect.Denied }, { "reviewer", "bodies", Expect.Denied },
        { "akita", "bodies", Expect.Denied }, { "secretariat", "bodies", Expect.Ok }, { "admin", "bodies", Expect.Ok },
        { "anonymous", "opinions-manage", Expect.SignIn }, { "soumu", "opinions-manage", Expect.Denied }, { "reviewer", "opinions-manage", Expect.Denied },
        { "akita", "opinions-manage", Expect.Denied }, { "secretariat", "opinions-manage", Expect.Ok }, { "admin", "opinions-manage", Expect.Ok },
        { "anonymous", "opinions-in-work", Expect.SignIn }, { "soumu", "opinions-in-work", Expect.NotFound }, { "reviewer", "opinions-in-work", Expect.NotFound },
        { "akita", "opinions-in-work", Expect.NotFound }, { "secretariat", "opinions-in-work", Expect.NotFound },
        { "anonymous", "opinions-published", Expect.Ok }, { "soumu", "opinions-published", Expect.Ok }, { "akita", "opinions-published", Expect.Ok },
        { "reviewer", "opinions-published", Expect.Ok }, { "secretariat", "opinions-published", Expect.Ok },
        { "anonymous", "api-opinions", Expect.Ok }, { "akita", "api-opinions", Expect.Ok },
    };

    private string Url(string page) => page switch
    {
        "cycle" => $"/plans/{fixture.EnaPlan}/cycle",
        "dashboard" => $"/plans/{fixture.EnaPlan}/cycle/FY2025",
        "lock" => $"/plans/{fixture.EnaPlan}/cycle/FY2025/lock",
        "publish" => $"/plans/{fixture.EnaPlan}/cycle/FY2025/publish",
        "unpublish" => $"/plans/{fixture.EnaPlan}/cycle/FY2025/unpublish",
        "members" => "/organisations/212105/members",
        "own-part" => $"/entries/{fixture.SoumuPart}",
        "other-part" => $"/entries/{fixture.ShoukouPart}",
        "review" => $"/plans/{fixture.EnaPlan}/review/FY2025",
        "history" => $"/measures/{fixture.MeasureId}/history",
        "api-plan" => $"/api/v1/plans/{fixture.EnaPlan}",
        "api-measures" => $"/api/v1/plans/{fixture.EnaPlan}/measures?fiscalYear=2025",
        "api-indicators" => $"/api/v1/plans/{fixture.EnaPlan}/indicators",
        "plan" => $"/plans/{fixture.EnaPlan}",
        "import" => "/organisations/212105/import",
        "templates" => "/organisations/212105/templates",
        "sheet-published" => $"/plans/{fixture.EnaPlan}/report/FY2024",
        "sheet-in-work" => $"/plans/{fixture.EnaPlan}/report/FY2025",
        "summary-in-work" => $"/plans/{fixture.EnaPlan}/report/FY2025/summary",
        "xlsx-in-work" => $"/plans/{fixture.EnaPlan}/report/FY2025?handler=xlsx",
        "opendata" => $"/plans/{fixture.EnaPlan}/opendata",
        "compare" => $"/plans/{fixture.MiyagiSecondPlan}/compare",
        "compare-xlsx" => $"/plans/{fixture.MiyagiSecondPlan}/compare?handler=xlsx",
        "draft" => $"/plans/{fixture.EnaPlan}/draft",
        "lineage" => $"/measures/{fixture.MeasureId}/lineage",
        "tags" => $"/plans/{fixture.EnaPlan}/tags",
        "measure-edit" => $"/measures/{fixture.MeasureId}/edit",
        "measure-new" => $"/plans/{fixture.EnaPlan}/measures/new",
        "draft-tree" => $"/plans/{fixture.EnaDraft.Plan}/tree",
        "plan-tree" => $"/plans/{fixture.EnaPlan}/tree",
        "draft-measure-edit" => $"/measures/{fixture.EnaDraft.Measure}/edit",
        "indicators" => $"/plans/{fixture.EnaPlan}/indicators",
        "indicator" => $"/plans/{fixture.EnaPlan}/indicators/{fixture.Indicators.Soumu}",
        "actuals-own" => $"/plans/{fixture.EnaPlan}/indicators/{fixture.Indicators.Soumu}/actuals",
        "actuals-other" => $"/plans/{fixture.EnaPlan}/indicators/{fixture.Indicators.Shoukou}/actuals",
        "indicator-edit" => $"/plans/{fixture.EnaPlan}/indicators/edit/{fixture.Indicators.Soumu}",
        "indicator-new" => $"/plans/{fixture.EnaPlan}/indicators/edit",
        "indicator-import" => $"/plans/{fixture.EnaPlan}/indicators/import",
        "bodies" => $"/plans/{fixture.EnaPlan}/bodies",
        "opinions-manage" => $"/plans/{fixture.EnaPlan}/cycle/FY2025/opinions",
        "opinions-in-work" => $"/plans/{fixture.EnaPlan}/opinions/FY2025",
        "opinions-published" => $"/plans/{fixture.EnaPlan}/opinions/FY2024",
        "api-opinions" => $"/api/v1/plans/{fixture.EnaPlan}/opinions",
        "indicator-sheet" => $"/plans/{fixture.EnaPlan}/report/FY2024?template={Uri.EscapeDataString(ReportTemplate.Hyogo)}",
        _ => page,
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Pages_are_shown_only_to_the_roles_they_belong_to(string role, string page, Expect expected) =>
        Accounts.AssertAnswer(await fixture.Users[role].Client.GetAsync(Url(page)), expected);

    public static TheoryData<string, string, string, Expect> Posts() => new()
    {
        // role, handler URL, form fields (k=v&…), expected
        { "soumu", "other-part?handler=Save", "Input.Version=0&Input.Results=改ざん&Input.Grade=A", Expect.Denied },
        { "soumu", "other-part?handler=Submit", "Input.Version=0&Input.Results=改ざん&Input.Grade=A", Expect.Denied },
        { "reviewer", "own-part?handler=Save", "Input.Version=0&Input.Results=改ざん&Input.Grade=A", Expect.Denied },
        { "secretariat", "own-part?handler=Save", "Input.Version=0&Input.Results=改ざん&Input.Grade=A", Expect.Denied },
        { "akita", "own-part?handler=Save", "Input.Version=0&Input.Results=改ざん&Input.Grade=A", Expect.Denied },
        { "anonymous", "own-part?handler=Save", "Input.Version=0&Input.Results=改ざん&Input.Grade=A", Expect.SignIn },
        { "soumu", "dashboard?handler=Approve", "partId={own}", Expect.Denied },
        { "soumu", "dashboard?handler=Return", "partId={other}&comment=x", Expect.Denied },
        { "soumu", "dashboard?handler=ApproveMany", "all=true", Expect.Denied },
        { "reviewer", "dashboard?handler=ApproveMany", "partIds={own}", Expect.Denied },
        { "soumu", "dashboard?handler=Withdraw", "", Expect.Denied },
        { "soumu", "lock", "", Expect.Denied },
        { "reviewer", "publish", "", Expect.Denied },
        { "akita", "lock", "", Expect.Denied },
        { "soumu", "unpublish", "Reason=x", Expect.Denied },
        { "soumu", "cycle", "FiscalYear=FY2026", Expect.Denied },
        { "akita", "cycle", "FiscalYear=FY2026", Expect.Denied },
        { "soumu", "members", "Email=x@example.jp&DisplayName=x&Role=Secretariat", Expect.Denied },
        { "akita", "members", "Email=x@example.jp&DisplayName=x&Role=Secretariat", Expect.Denied },
        { "soumu", "review?handler=Comment", "measureId={measure}&text=x", Expect.Denied },
        { "reviewer", "review?handler=Evaluate", "nodeId=1&kind=External&text=x", Expect.Denied },
        { "soumu", "templates", "Name=x&Columns[0].Include=true&Columns[0].Field=Title&Columns[0].Heading=x", Expect.Denied },
        { "akita", "templates?handler=Default", "planId={plan}&template=x", Expect.Denied },
        { "soumu", "import", "Year=R7", Expect.Denied },
        { "soumu", "draft", "Name=x&PeriodStart=R8&PeriodEnd=R12", Expect.Denied },
        { "reviewer", "draft", "Name=x&PeriodStart=R8&PeriodEnd=R12", Expect.Denied },
        { "akita", "draft", "Name=x&PeriodStart=R8&PeriodEnd=R12", Expect.Denied },
        { "soumu", "lineage", "ToId={measure}&Kind=Continued&EffectiveIn=R7", Expect.Denied },
        { "akita", "lineage?handler=Remove", "linkId=1", Expect.Denied },
        { "soumu", "tags?handler=Confirm", "measureId={measure}&tags=issue:6", Expect.Denied },
        { "reviewer", "tags?handler=Confirm", "measureId={measure}&tags=issue:6", Expect.Denied },
        { "akita", "tags?handler=Record", "", Expect.Denied },
        { "soumu", "plan?handler=Publish", "", Expect.Denied },
        { "akita", "plan?handler=Publish", "", Expect.Denied },
        { "soumu", "measure-edit", "Title=改ざん", Expect.Denied },
        { "akita", "measure-edit?handler=Remove", "", Expect.Denied },
        { "soumu", "measure-new", "ParentId=1&Code=99&Title=改ざん", Expect.Denied },
        { "soumu", "draft-tree?handler=Add", "code=99&title=改ざん", Expect.Denied },
        { "reviewer", "draft-tree?handler=Add", "code=99&title=改ざん", Expect.Denied },
        { "akita", "draft-tree?handler=Edit", "nodeId={draftNode}&code=99&title=改ざん", Expect.Denied },
        { "soumu", "draft-tree?handler=Remove", "nodeId={draftNode}", Expect.Denied },
        { "anonymous", "draft-tree?handler=Remove", "nodeId={draftNode}", Expect.SignIn },
        { "secretariat", "plan-tree?handler=Add", "code=99&title=改ざん", Expect.NotFound },
        { "soumu", "draft-measure-edit?handler=Move", "nodeId={draftNode}&code=99", Expect.Denied },
        { "akita", "draft-measure-edit?handler=Departments", "departmentIds=1", Expect.Denied },
        { "reviewer", "draft-measure-edit?handler=Departments", "", Expect.Denied },
        { "soumu", "actuals-other?handler=Submit", "Rows[0].Year=FY2024&Rows[0].Value=99", Expect.Denied },
        { "soumu", "actuals-other?handler=Save", "Rows[0].Year=FY2024&Rows[0].Value=99", Expect.Denied },
        { "reviewer", "actuals-own?handler=Submit", "Rows[0].Year=FY2024&Rows[0].Value=99", Expect.Denied },
        { "akita", "actuals-own?handler=Submit", "Rows[0].Year=FY2024&Rows[0].Value=99", Expect.Denied },
        { "anonymous", "actuals-own?handler=Submit", "Rows[0].Year=FY2024&Rows[0].Value=99", Expect.SignIn },
        { "soumu", "indicator-import?handler=Commit", "UploadId=x", Expect.Denied },
        { "akita", "indicator-import?handler=Commit", "UploadId=x", Expect.Denied },
        { "soumu", "indicator-edit", "Input.Name=改ざん&Input.Unit=件&Input.BaselineFrom=R4&Input.BaselineValue=1&Input.Targets[0].Year=R6&Input.Targets[0].Value=2", Expect.Denied },
        { "soumu", "bodies?handler=Add", "name=改ざん&kind=Internal", Expect.Denied },
        { "reviewer", "bodies?handler=Add", "name=改ざん&kind=Internal", Expect.Denied },
        { "akita", "bodies?handler=Add", "name=改ざん&kind=Internal", Expect.Denied },
        { "anonymous", "bodies?handler=Add", "name=改ざん&kind=Internal", Expect.SignIn },
        { "reviewer", "bodies?handler=AddMember", "body=改ざん&memberName=x", Expect.Denied },
        { "soumu", "bodies?handler=Remove", "body=改ざん", Expect.Denied },
        { "soumu", "opinions-manage?handler=Choose", "commentId=1&opinion=改ざん", Expect.Denied },
        { "reviewer", "opinions-manage?handler=Choose", "commentId=1&opinion=改ざん", Expect.Denied },
        { "akita", "opinions-manage?handler=Summarise", "commentIds=1&opinion=改ざん", Expect.Denied },
        { "reviewer", "opinions-manage?handler=Reword", "opinionId=1&opinion=改ざん", Expect.Denied },
        { "soumu", "opinions-manage?handler=Remove", "opinionId=1", Expect.Denied },
        { "akita", "indicator-new", "Input.Code=X&Input.Name=x&Input.Unit=件&Input.BaselineFrom=R4&Input.BaselineValue=1&Input.Targets[0].Year=R6&Input.Targets[0].Value=2", Expect.Denied },
    };

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task Handlers_refuse_direct_posts_from_roles_without_the_right(string role, string handler, string fields, Expect expected)
    {
        var user = fixture.Users[role];
        var page = handler.Split('?')[0];
        var url = Url(page) + (handler.Contains('?') ? "?" + handler.Split('?')[1] : "");
        var form = fields.Replace("{own}", fixture.SoumuPart.ToString()).Replace("{other}", fixture.ShoukouPart.ToString()).Replace("{measure}", fixture.MeasureId.ToString()).Replace("{plan}", fixture.EnaPlan.ToString())
            .Replace("{draftNode}", (await DraftNodeAsync()).ToString())
            .Split('&', StringSplitOptions.RemoveEmptyEntries).Select(f => f.Split('=', 2)).Select(f => new KeyValuePair<string, string>(f[0], f[1]));
        var before = await Snapshot();
        var response = await user.PostAsync(url, form, formPage: role == "anonymous" ? "/account/login" : "/my");
        Accounts.AssertAnswer(response, expected);
        Assert.Equal(before, await Snapshot());
    }

    private Task<int> DraftNodeAsync() => fixture.Factory.QueryAsync(db => db.PlanNodes.Where(n => n.PlanId == fixture.EnaDraft.Plan).OrderBy(n => n.Id).Select(n => n.Id).FirstAsync());

    /// <summary>Everything a refused post could have changed.</summary>
    private Task<string> Snapshot() => fixture.Factory.QueryAsync(async db =>
        string.Join("|", await db.EntryParts.OrderBy(p => p.Id).Select(p => $"{p.Id}:{p.Status}:{p.Results}:{p.Version}").ToListAsync())
        + string.Join("|", await db.ReportingYears.OrderBy(r => r.Id).Select(r => $"{r.Id}:{r.Status}").ToListAsync())
        + await db.Memberships.CountAsync() + ":" + await db.ReviewComments.CountAsync() + ":" + await db.Users.CountAsync()
        + ":" + await db.ReportTemplates.CountAsync() + ":" + string.Join(",", await db.Plans.OrderBy(p => p.Id).Select(p => $"{p.ReportTemplateName}/{p.Status}").ToListAsync())
        + ":" + string.Join(",", await db.PlanNodes.OrderBy(n => n.Id).Select(n => $"{n.Id}:{n.Code}:{n.Title}").ToListAsync())
        + ":" + string.Join(",", await db.MeasurePlacements.OrderBy(p => p.Id).Select(p => $"{p.Id}:{p.NodeId}:{p.Code}").ToListAsync())
        + ":" + string.Join(",", (await db.Measures.AsNoTracking().Include(m => m.Departments).Where(m => m.PlanId == fixture.EnaDraft.Plan).ToListAsync()).SelectMany(m => m.Departments.Select(d => $"{m.Id}/{d.DepartmentId}")))
        + ":" + await db.PublishedOpinions.CountAsync() + ":" + string.Join(",", (await db.Plans.AsNoTracking().OrderBy(p => p.Id).ToListAsync())
            .Select(p => string.Join(";", p.EvaluationBodies.Select(b => $"{b.Name}/{b.Members.Count}"))))
        + ":" + await db.MeasureLineages.CountAsync() + ":" + await db.Measures.CountAsync(m => m.Title == "改ざん") + ":" + await db.Measures.CountAsync()
        + ":" + await db.MeasureTags.CountAsync() + ":" + await db.Measures.CountAsync(m => m.TagsConfirmedAt != null)
        + ":" + string.Join(",", (await db.Indicators.AsNoTracking().Where(i => i.PlanId == fixture.EnaPlan).OrderBy(i => i.Id).ToListAsync())
            .Select(i => $"{i.Code}:{i.Name}:{i.Unit}:" + string.Join(";", i.Actuals.Select(a => $"{a.FiscalYear}={a.Value}/{a.State}")))));

    public static TheoryData<string> EveryPost => new()
    {
        "own-part?handler=Save", "own-part?handler=Submit", "cycle", "dashboard?handler=Approve", "dashboard?handler=Return",
        "dashboard?handler=ApproveMany", "dashboard?handler=Withdraw", "lock", "publish", "unpublish", "dashboard?handler=Remind", "dashboard?handler=Deadline",
        "members", "review?handler=Comment", "review?handler=Evaluate", "/account/logout", "/account/login", "/account/accept",
        "import", "templates", "templates?handler=Default", "draft", "lineage", "lineage?handler=Remove", "tags?handler=Confirm", "tags?handler=Record", "plan?handler=Publish", "measure-edit", "measure-edit?handler=Remove", "measure-new",
        "draft-tree?handler=Add", "draft-tree?handler=Edit", "draft-tree?handler=Remove", "draft-measure-edit?handler=Move", "draft-measure-edit?handler=Departments",
        "actuals-own?handler=Submit", "indicator-import?handler=Commit", "indicator-edit",
        "bodies?handler=Add", "bodies?handler=AddMember", "opinions-manage?handler=Choose", "opinions-manage?handler=Summarise",
    };

    [Theory]
    [MemberData(nameof(EveryPost))]
    public async Task Every_post_without_an_anti_forgery_token_is_refused(string handler)
    {
        var user = fixture.Users["admin"];
        var page = handler.Split('?')[0];
        var url = Url(page) + (handler.Contains('?') ? "?" + handler.Split('?')[1] : "");
        var before = await Snapshot();
        var response = await user.Client.PostAsync(url, new FormUrlEncodedContent([new("partId", fixture.SoumuPart.ToString()), new("Input.Results", "csrf")]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await Snapshot());
    }

    [Fact]
    public async Task The_api_and_public_pages_never_show_an_unpublished_year()
    {
        var anonymous = fixture.Users["anonymous"];
        var measures = JsonNode.Parse(await anonymous.Client.GetStringAsync($"/api/v1/plans/{fixture.EnaPlan}/measures?fiscalYear=2025"))!.AsArray();
        Assert.All(measures, m => Assert.Null(m!["entry"]));
        var page = await anonymous.GetAsync($"/measures/{fixture.MeasureId}");
        Assert.DoesNotContain("令和7年度", page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Passwords_are_stored_hashed_by_identity()
    {
        var hash = await fixture.Factory.QueryAsync(db => db.Users.Where(u => u.Email == CycleFixture.Soumu).Select(u => u.PasswordHash).SingleAsync());
        Assert.NotNull(hash);
        Assert.DoesNotContain(Accounts.Password, hash);
        Assert.StartsWith("AQAAAA", hash); // ASP.NET Core Identity v3 format (PBKDF2)
    }
}
