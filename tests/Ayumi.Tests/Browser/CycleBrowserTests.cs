using System.Net;
using System.Text.RegularExpressions;
using Ayumi.Domain;
using Ayumi.Tests.Cycle;
using Ayumi.Tests.Web;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Ayumi.Tests.Browser;

/// <summary>
/// Ayumi and Chromium as in <see cref="BrowserFixture"/>, with its own SQLite database holding
/// Ena City's secretariat, two department editors, one editor of the remaining departments and
/// a reviewer, so that no other test class sees the year this class opens.
/// </summary>
public sealed class CycleBrowserFixture : IAsyncLifetime
{
    public const string Secretariat = "jimukyoku@ena.example.jp";
    public const string Soumu = "soumu@ena.example.jp";
    public const string Fukushi = "fukushi@ena.example.jp";
    public const string Others = "others@ena.example.jp";
    public const string Reviewer = "iin@ena.example.jp";

    public BrowserFixture Chromium { get; } = new();
    public AyumiFactory Factory => Chromium.Factory;

    public async Task InitializeAsync()
    {
        await Chromium.InitializeAsync();
        await Factory.CreateAsync(Secretariat, "212105", MemberRole.Secretariat);
        await Factory.CreateAsync(Soumu, "212105", MemberRole.DepartmentEditor, "総務課");
        await Factory.CreateAsync(Fukushi, "212105", MemberRole.DepartmentEditor, "社会福祉課");
        await Factory.CreateAsync(Others, "212105", MemberRole.DepartmentEditor, "商工課", "建築住宅課", "地域包括支援センター", "学校教育課");
        await Factory.CreateAsync(Reviewer, "212105", MemberRole.Reviewer);
    }

    /// <summary>A fresh browser context (its own cookies), in Japanese.</summary>
    public Task<IPage> NewPageAsync() => Chromium.NewPageAsync(locale: "ja-JP");

    public Task DisposeAsync() => Chromium.DisposeAsync();
}

/// <summary>
/// The yearly cycle of Ena City's plan in real Chromium: opening FY2025, two departments filling in
/// and submitting their parts, a return and a resubmission, approval, locking, a reviewer's comment,
/// publication and an anonymous visitor's view; every new page is scanned by axe at WCAG 2.1 AA.
/// </summary>
public sealed class CycleBrowserTests(CycleBrowserFixture fixture, ITestOutputHelper output) : IClassFixture<CycleBrowserFixture>
{
    private const string ReturnedMeasure = "「社会を明るくする運動」の広報・周知";
    private const string ReturnComment = "実施回数を追記してください。";
    private const string ReviewComment = "支援件数の推移も示してください。";
    private const string Body = "恵那市再犯防止推進会議";
    private const string CityAnswer = "次年度の報告から支援件数の推移を掲載します。";

    private AyumiFactory Factory => fixture.Factory;

    /// <summary>Every axe violation found on the way, reported together at the end.</summary>
    private readonly List<string> _violations = [];

    [Fact]
    public async Task The_year_runs_from_opening_to_publication_in_the_browser_and_every_page_passes_axe()
    {
        var planId = await Factory.PlanIdAsync("212105");
        var dashboardPath = $"/plans/{planId}/cycle/FY2025";

        // The secretariat signs in, after one mistyped password. Its page loads are counted (reported at the end).
        var secretariat = await fixture.NewPageAsync();
        var secretariatLoads = 0;
        secretariat.Load += (_, _) => secretariatLoads++;
        await secretariat.GotoAsync("/account/login");
        await ScanAsync(secretariat, "login");
        await secretariat.GetByLabel("メールアドレス").FillAsync(CycleBrowserFixture.Secretariat);
        await secretariat.GetByLabel("パスワード").FillAsync("wrong-password");
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "サインイン", Exact = true }).ClickAsync();
        await Expect(secretariat.GetByRole(AriaRole.Alert)).ToContainTextAsync("メールアドレスまたはパスワードが違います。");
        await SignInAsync(secretariat, CycleBrowserFixture.Secretariat);
        await ScanAsync(secretariat, "/my of the secretariat");

        // The members page lists everyone of Ena City.
        await secretariat.GetByRole(AriaRole.Link, new() { Name = "恵那市 — 利用者" }).ClickAsync();
        await Expect(secretariat).ToHaveURLAsync(new Regex("/organisations/212105/members$"));
        var members = secretariat.Locator("table.members");
        foreach (var email in new[] { CycleBrowserFixture.Secretariat, CycleBrowserFixture.Soumu, CycleBrowserFixture.Fukushi, CycleBrowserFixture.Reviewer })
            await Expect(members).ToContainTextAsync(email);
        await ScanAsync(secretariat, "members");

        // The page where the secretariat changes their own password, reached from the header.
        await secretariat.GetByRole(AriaRole.Link, new() { Name = "パスワードの変更" }).ClickAsync();
        await Expect(secretariat).ToHaveURLAsync(new Regex("/account/password$"));
        await ScanAsync(secretariat, "change of password");

        // Opinions (issue 17, item 8): the secretariat names the plan's evaluation body and ties the reviewer to it as a member.
        await secretariat.GotoAsync($"/plans/{planId}");
        await secretariat.GetByRole(AriaRole.Link, new() { Name = "評価機関", Exact = true }).ClickAsync();
        await secretariat.GetByLabel("名称", new() { Exact = true }).FillAsync(Body);
        await secretariat.GetByLabel("評価の区分").SelectOptionAsync(new SelectOptionValue { Label = "外部評価" });
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "追加する" }).ClickAsync();
        await Expect(secretariat.GetByRole(AriaRole.Status)).ToContainTextAsync("評価機関を追加しました。");
        var body = secretariat.Locator("section.evaluation-body");
        await body.GetByLabel("氏名").FillAsync("山田 花子");
        await body.GetByLabel("所属・役職").FillAsync("保護司会 会長");
        await body.GetByLabel("利用者（委員）").SelectOptionAsync(new SelectOptionValue { Label = "iin" });
        await body.GetByRole(AriaRole.Button, new() { Name = "委員を追加" }).ClickAsync();
        await Expect(secretariat.Locator("table.body-members")).ToContainTextAsync("保護司会 会長");
        await ScanAtBothWidthsAsync(secretariat, "evaluation bodies");

        // A year far outside the plan's period is refused without a reason; opened by mistake with one, it is withdrawn while still empty.
        await secretariat.GotoAsync($"/plans/{planId}/cycle");
        await secretariat.GetByLabel("年度", new() { Exact = true }).FillAsync("令和99年度");
        await secretariat.GetByLabel("提出期限").FillAsync(CycleSetup.FutureDeadline);
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "開始する内容を確認する" }).ClickAsync();
        await Expect(secretariat.GetByRole(AriaRole.Alert)).ToContainTextAsync("令和99年度は計画期間（");
        await secretariat.GetByLabel("計画期間外の年度を開始する理由").FillAsync("誤って開始");
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "開始する内容を確認する" }).ClickAsync();
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "この内容で令和99年度を開始する" }).ClickAsync();
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "令和99年度の開始を取り消す" }).ClickAsync();
        await Expect(secretariat.GetByRole(AriaRole.Status)).ToContainTextAsync("令和99年度の開始を取り消しました。");
        Assert.False(await Factory.QueryAsync(db => db.ReportingYears.AnyAsync(y => y.PlanId == planId && y.FiscalYear == new FiscalYear(2117))));

        // The secretariat opens 令和7年度 with a deadline.
        var loadsBeforeOpening = secretariatLoads;
        await secretariat.GotoAsync("/my");
        await secretariat.GetByRole(AriaRole.Link, new() { Name = "恵那市再犯防止推進計画 — 年度の進行管理" }).ClickAsync();
        await Expect(secretariat).ToHaveURLAsync(new Regex($"/plans/{planId}/cycle$"));
        await ScanAsync(secretariat, "cycle index");
        await secretariat.GetByLabel("年度", new() { Exact = true }).FillAsync("令和7年度");
        await secretariat.GetByLabel("提出期限").FillAsync(CycleSetup.FutureDeadline);
        // The preview names whom the opening asks before anything is opened.
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "開始する内容を確認する" }).ClickAsync();
        await Expect(secretariat.Locator("table.preview-measures tbody tr")).ToHaveCountAsync(12);
        await ScanAtBothWidthsAsync(secretariat, "preview of opening a year");
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "この内容で令和7年度を開始する" }).ClickAsync();
        await Expect(secretariat).ToHaveURLAsync(new Regex($"{Regex.Escape(dashboardPath)}$"));
        await Expect(secretariat.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("令和7年度 進捗状況");
        await Expect(secretariat.Locator("table.parts tbody tr")).ToHaveCountAsync(15);

        // 総務課 fills in its five parts; the first is submitted once without a grade and is refused.
        var soumu = await fixture.NewPageAsync();
        await SignInAsync(soumu, CycleBrowserFixture.Soumu);
        var soumuRows = soumu.Locator("table.my-entries tbody tr");
        await Expect(soumuRows).ToHaveCountAsync(5);
        foreach (var row in await soumuRows.AllInnerTextsAsync()) Assert.Contains("総務課", row);
        await ScanAsync(soumu, "/my of a department editor");

        await soumu.GetByRole(AriaRole.Link, new() { Name = ReturnedMeasure, Exact = true }).ClickAsync();
        await Expect(soumu.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(ReturnedMeasure);
        await ScanAtBothWidthsAsync(soumu, "entry form");
        // Ena's sheet prints no planned work, budget or direction, so its form does not ask for them.
        foreach (var unprinted in new[] { "取組予定", "当初予算額", "最終予算額", "課題・今後の方向性" })
            await Expect(soumu.GetByLabel(unprinted)).ToHaveCountAsync(0);
        await soumu.GetByLabel("実施内容").FillAsync("広報誌に掲載した。");
        await soumu.GetByRole(AriaRole.Button, new() { Name = "提出", Exact = true }).ClickAsync();
        await Expect(soumu.GetByRole(AriaRole.Alert)).ToContainTextAsync("提出するには、評価と実施内容の入力が必要です。");
        await Expect(soumu.Locator("#grade-error")).ToHaveTextAsync("入力が必要です。");
        await Expect(soumu.GetByLabel("実施内容")).ToHaveValueAsync("広報誌に掲載した。");
        await ScanAsync(soumu, "entry form with a validation error");
        // The draft was stored by the refused submission, so the form must now carry the stored version.
        var returnedPartId = int.Parse(new Uri(soumu.Url).Segments[^1]);
        var storedVersion = await Factory.QueryAsync(db => db.EntryParts.Where(p => p.Id == returnedPartId).Select(p => p.Version).SingleAsync());
        var formVersion = await soumu.Locator("input[name='Input.Version']").InputValueAsync();
        Assert.True(formVersion == storedVersion.ToString(),
            $"after a submission refused for a missing grade, the draft is stored as version {storedVersion} but the form carries version {formVersion}, so the next submission is refused as a conflict");
        await FillAndSubmitAsync(soumu, "広報誌に掲載した。");

        foreach (var title in await TitlesOnMyPageAsync(soumu))
        {
            if (title == ReturnedMeasure) continue;
            await soumu.GotoAsync("/my");
            await soumu.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
            await FillAndSubmitAsync(soumu, "総務課が実施した。");
        }
        await soumu.GotoAsync("/my");
        await Expect(soumuRows.Filter(new() { HasText = "提出済み" })).ToHaveCountAsync(5);

        // 社会福祉課 fills in its six parts.
        var fukushi = await fixture.NewPageAsync();
        await SignInAsync(fukushi, CycleBrowserFixture.Fukushi);
        var fukushiTitles = await TitlesOnMyPageAsync(fukushi);
        Assert.Equal(6, fukushiTitles.Count);
        // On one of them last year's result and grade are copied in, and what was typed is kept as a draft meanwhile.
        var copiedTitle = fukushiTitles.First(t => t != "生活保護");
        foreach (var title in fukushiTitles)
        {
            await fukushi.GotoAsync("/my");
            await fukushi.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
            if (title == copiedTitle) await CopyLastYearAndSubmitAsync(fukushi);
            else await FillAndSubmitAsync(fukushi, "社会福祉課が実施した。");
        }

        // The other departments' four parts go over HTTP to keep the run short.
        // (A client of its own: on a Kestrel port, the factory's clients follow redirects whatever their options say.)
        using var othersClient = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(fixture.Chromium.BaseUrl) };
        var others = new WebUser(othersClient);
        await others.SignInAsync(CycleBrowserFixture.Others);
        var otherParts = (await Factory.QueryAsync(db => db.EntryParts.Include(p => p.Department).Include(p => p.YearlyEntry).ThenInclude(e => e.Measure)
                .Where(p => p.YearlyEntry.Measure.PlanId == planId).ToListAsync()))
            .Where(p => p.YearlyEntry.FiscalYear.StartYear == 2025 && p.Department.Name is not ("総務課" or "社会福祉課"))
            .Select(p => p.Id).ToList();
        Assert.Equal(4, otherParts.Count);
        foreach (var partId in otherParts)
            Assert.Equal(HttpStatusCode.Redirect, (await SubmitOverHttpAsync(others, partId)).StatusCode);

        // The secretariat returns one 総務課 part with a comment on the dashboard.
        await secretariat.GotoAsync(dashboardPath);
        var returnedRow = secretariat.GetByRole(AriaRole.Row).Filter(new() { HasText = ReturnedMeasure }).Filter(new() { HasText = "総務課" });
        await Expect(returnedRow).ToHaveCountAsync(1);
        await returnedRow.GetByLabel("差し戻しの理由").FillAsync(ReturnComment);
        await returnedRow.GetByRole(AriaRole.Button, new() { Name = "差し戻し" }).ClickAsync();
        await Expect(secretariat.GetByRole(AriaRole.Status)).ToContainTextAsync("担当課へ差し戻しました。");
        await Expect(returnedRow).ToContainTextAsync(ReturnComment);
        await ScanAsync(secretariat, "dashboard");

        // 総務課 sees the comment, revises and submits again.
        await soumu.GotoAsync("/my");
        var soumuReturned = soumuRows.Filter(new() { HasText = ReturnedMeasure });
        await Expect(soumuReturned).ToContainTextAsync("差し戻し");
        await soumuReturned.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(soumu.Locator("main")).ToContainTextAsync(ReturnComment);
        await ScanAsync(soumu, "entry form of a returned part");
        await FillAndSubmitAsync(soumu, "広報誌に2回掲載した。");

        // Locking before everything is approved is refused on the page that asks to confirm it.
        await secretariat.GotoAsync(dashboardPath);
        await secretariat.GetByRole(AriaRole.Link, new() { Name = "年度を確定する" }).ClickAsync();
        await Expect(secretariat.GetByRole(AriaRole.Alert)).ToContainTextAsync("未承認の入力が15件");
        await ScanAtBothWidthsAsync(secretariat, "lock confirmation refusing");

        // The secretariat approves one part on its entry page, reached from the dashboard and leading back to its row.
        await secretariat.GotoAsync(dashboardPath);
        await secretariat.GetByRole(AriaRole.Row).Filter(new() { HasText = ReturnedMeasure }).GetByRole(AriaRole.Link, new() { Name = ReturnedMeasure }).ClickAsync();
        await ScanAtBothWidthsAsync(secretariat, "entry page of the secretariat");
        await secretariat.Locator(".part-review").GetByRole(AriaRole.Button, new() { Name = "承認", Exact = true }).ClickAsync();
        await Expect(secretariat.GetByRole(AriaRole.Status)).ToContainTextAsync("承認しました。");
        await secretariat.Locator("nav.breadcrumbs").GetByRole(AriaRole.Link, new() { Name = "令和7年度 進捗状況" }).ClickAsync();
        await Expect(secretariat).ToHaveURLAsync(new Regex($"{Regex.Escape(dashboardPath)}#part-{returnedPartId}$"));

        // Ten parts are approved at once by choosing them, one on its row (the page comes back to it), the rest all together.
        var choices = secretariat.Locator("input[type=checkbox][name=partIds]");
        await Expect(choices).ToHaveCountAsync(14);
        for (var i = 0; i < 10; i++) await choices.Nth(i).CheckAsync();
        await ScanAtBothWidthsAsync(secretariat, "dashboard with parts chosen");
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "選択した入力を承認" }).ClickAsync();
        await Expect(secretariat.GetByRole(AriaRole.Status)).ToContainTextAsync("10件を承認しました。");
        var approve = secretariat.Locator("table.parts").GetByRole(AriaRole.Button, new() { Name = "承認", Exact = true });
        await Expect(approve).ToHaveCountAsync(4);
        await approve.First.ClickAsync();
        await Expect(secretariat).ToHaveURLAsync(new Regex("#part-\\d+$"));
        await Expect(secretariat.Locator("tr.changed [role=status]")).ToContainTextAsync("承認しました。");
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "提出済みをすべて承認（3件）" }).ClickAsync();
        await Expect(secretariat.Locator("table.parts .status--approved")).ToHaveCountAsync(15);
        await secretariat.GetByRole(AriaRole.Link, new() { Name = "年度を確定する" }).ClickAsync();
        await Expect(secretariat.Locator(".year-summary")).ToContainTextAsync("15件（うち承認済み15件）");
        await ScanAtBothWidthsAsync(secretariat, "lock confirmation");
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "確定する", Exact = true }).ClickAsync();
        await Expect(secretariat.GetByRole(AriaRole.Status)).ToContainTextAsync("年度を確定しました。");
        await ScanAsync(secretariat, "dashboard of a locked year");

        // The reviewer signs in and comments on a measure.
        var reviewer = await fixture.NewPageAsync();
        await SignInAsync(reviewer, CycleBrowserFixture.Reviewer);
        await reviewer.GetByRole(AriaRole.Link, new() { Name = "恵那市再犯防止推進計画 令和7年度" }).ClickAsync();
        await Expect(reviewer).ToHaveURLAsync(new Regex($"/plans/{planId}/review/FY2025$"));
        var measure = reviewer.Locator("section.review-measure").Filter(new()
        {
            Has = reviewer.GetByRole(AriaRole.Heading, new() { Name = "生活保護" }),
        });
        await Expect(measure).ToHaveCountAsync(1);
        await Expect(measure).ToContainTextAsync("社会福祉課が実施した。");
        await measure.GetByLabel("コメント", new() { Exact = true }).FillAsync(ReviewComment);
        await measure.GetByRole(AriaRole.Button, new() { Name = "コメントする" }).ClickAsync();
        await Expect(measure.Locator(".comment")).ToContainTextAsync(ReviewComment);
        await ScanAsync(reviewer, "review");

        // Opinions: the reviewer's comment carries the name of the body they belong to.
        await Expect(measure.Locator(".comment").First).ToContainTextAsync($"（{Body}）");

        // Opinions: the secretariat publishes the comment with the city's answer, from the locked year's dashboard.
        var loadsBeforeOpinions = secretariatLoads;
        await secretariat.GotoAsync(dashboardPath);
        await secretariat.GetByRole(AriaRole.Link, new() { Name = "主な意見を選ぶ" }).ClickAsync();
        var chosen = secretariat.Locator("section.comment").Filter(new() { HasText = ReviewComment });
        await Expect(chosen).ToContainTextAsync(Body);
        await chosen.GetByLabel("市の考え方").FillAsync(CityAnswer);
        await chosen.GetByRole(AriaRole.Button, new() { Name = "この意見を公表する" }).ClickAsync();
        await Expect(secretariat.GetByRole(AriaRole.Status)).ToContainTextAsync("公表する意見に加えました。");
        await Expect(secretariat.Locator("section.opinion textarea[name=opinion]")).ToHaveValueAsync(ReviewComment);
        await Expect(secretariat.Locator("section.opinion textarea[name=answer]")).ToHaveValueAsync(CityAnswer);
        await ScanAtBothWidthsAsync(secretariat, "choice of opinions to publish");
        var opinionLoads = secretariatLoads - loadsBeforeOpinions;

        // The secretariat reads the measure's history and publishes the year.
        await secretariat.GotoAsync(dashboardPath);
        await secretariat.GetByRole(AriaRole.Row).Filter(new() { HasText = "生活保護" }).GetByRole(AriaRole.Link, new() { Name = "生活保護" }).ClickAsync();
        await secretariat.GetByRole(AriaRole.Link, new() { Name = "変更履歴を見る" }).ClickAsync();
        await Expect(secretariat.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("変更履歴");
        await Expect(secretariat.Locator("main")).ToContainTextAsync("社会福祉課が提出");
        await Expect(secretariat.Locator(".history-entry__meta time").First).ToHaveTextAsync(new Regex(@"^令和\d+年\d+月\d+日 \d{2}:\d{2}$"));
        _violations.AddRange(await Accessibility.AtLaptopAndPhoneWidthsAsync(secretariat, "history"));
        if (Environment.GetEnvironmentVariable("AYUMI_SCREENSHOTS") is { Length: > 0 } folder)
            await secretariat.ScreenshotAsync(new() { Path = Path.Combine(folder, "history-phone.png"), FullPage = true });
        await secretariat.SetViewportSizeAsync(1280, 900);
        await secretariat.GotoAsync(dashboardPath);
        await secretariat.GetByRole(AriaRole.Link, new() { Name = "公表する" }).ClickAsync();
        await Expect(secretariat.Locator(".year-summary")).ToContainTextAsync("令和7年度");
        await ScanAtBothWidthsAsync(secretariat, "publish confirmation");
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "公表する", Exact = true }).ClickAsync();
        await Expect(secretariat.GetByRole(AriaRole.Status)).ToContainTextAsync("公表しました。");
        var yearLoads = secretariatLoads - loadsBeforeOpening;

        // An anonymous visitor sees FY2025 on the plan page, and no review comment.
        var visitor = await fixture.NewPageAsync();
        await visitor.GotoAsync($"/plans/{planId}?year=FY2025");
        await Expect(visitor.GetByRole(AriaRole.Table, new() { Name = "令和7年度の評価の集計" })).ToBeVisibleAsync();
        await Expect(visitor.Locator("table.tally tr.total td")).ToHaveTextAsync("12");
        await Expect(visitor.Locator("main")).Not.ToContainTextAsync(ReviewComment);
        await ScanAsync(visitor, "plan page of the published year");

        // Opinions: the comment and the city's answer are on the public page of the year's opinions and in the sheet's PDF.
        await visitor.GetByRole(AriaRole.Link, new() { Name = "令和7年度 主な意見と市の考え方" }).ClickAsync();
        var opinionsPage = visitor.Url;
        var published = visitor.Locator("table.opinions-table tbody tr");
        await Expect(published).ToHaveCountAsync(1);
        await Expect(published).ToContainTextAsync(ReviewComment);
        await Expect(published).ToContainTextAsync(CityAnswer);
        await Expect(published).ToContainTextAsync(Body);
        await ScanAtBothWidthsAsync(visitor, "public page of the year's opinions");
        using (var visitorClient = new HttpClient { BaseAddress = new Uri(fixture.Chromium.BaseUrl) })
        {
            var pdf = Regex.Replace(Ayumi.Tests.Reporting.ExternalTools.PdfText(await visitorClient.GetByteArrayAsync($"/plans/{planId}/report/FY2025?handler=pdf")), @"\s", "");
            foreach (var text in new[] { "主な意見と市の考え方", ReviewComment, CityAnswer }) Assert.Contains(text, pdf);
        }

        // The publication is withdrawn with a reason: the year leaves the public page, which shows the notice of correction.
        await secretariat.GetByRole(AriaRole.Link, new() { Name = "公表を取り下げる" }).ClickAsync();
        await ScanAtBothWidthsAsync(secretariat, "withdrawal of the publication");
        await secretariat.GetByLabel("取り下げの理由").FillAsync("予算額の集計に誤りがあったため");
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "公表を取り下げる" }).ClickAsync();
        await Expect(secretariat.GetByRole(AriaRole.Status)).ToContainTextAsync("公表を取り下げました。");
        await visitor.GotoAsync($"/plans/{planId}");
        await Expect(visitor.Locator(".corrections")).ToContainTextAsync("予算額の集計に誤りがあったため");
        await Expect(visitor.Locator("select#year option[value='FY2025']")).ToHaveCountAsync(0);
        await ScanAtBothWidthsAsync(visitor, "plan page with a notice of correction");

        // Opinions: withdrawn with the year, the opinions' page asks the visitor to sign in like any unpublished page.
        await visitor.GotoAsync(opinionsPage);
        await Expect(visitor).ToHaveURLAsync(new Regex("/account/login"));
        await Expect(visitor.Locator("main")).Not.ToContainTextAsync(CityAnswer);

        output.WriteLine($"page loads of the secretariat's year from opening to publishing: {yearLoads} ({opinionLoads} of them to publish the comment with its answer)");

        Assert.Empty(_violations);
    }

    /// <summary>Signs in through the form, as a person would, and lands on /my.</summary>
    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "サインイン" }).ClickAsync();
        await page.GetByLabel("メールアドレス").FillAsync(email);
        await page.GetByLabel("パスワード").FillAsync(Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/my$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("マイページ");
    }

    private static async Task<List<string>> TitlesOnMyPageAsync(IPage page)
    {
        await page.GotoAsync("/my");
        return [.. await page.Locator("table.my-entries tbody th a").AllInnerTextsAsync()];
    }

    /// <summary>Fills in every field of the open entry form (Ena's: results, grade, next year's plan) and submits it.</summary>
    private static async Task FillAndSubmitAsync(IPage page, string results)
    {
        await page.GetByLabel("実施内容").FillAsync(results);
        await page.GetByRole(AriaRole.Radio, new() { Name = "A(予定通り進行)" }).CheckAsync();
        await page.GetByLabel("次年度の実施予定").FillAsync("継続して実施する。");
        await page.GetByRole(AriaRole.Button, new() { Name = "提出", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("提出しました。");
        await Expect(page.Locator(".summary-list .status")).ToHaveTextAsync("提出済み");
    }

    /// <summary>
    /// Copies last year's result and grade into the open entry form with their buttons, waits for the typed draft to be
    /// kept, submits, and checks that the part holds last year's result.
    /// </summary>
    private async Task CopyLastYearAndSubmitAsync(IPage page)
    {
        var results = page.GetByLabel("実施内容");
        var lastYear = (await page.Locator(".entry-field").Filter(new() { Has = results }).Locator(".last-year__value").InnerTextAsync()).Trim();
        Assert.NotEmpty(lastYear);
        await ScanAtBothWidthsAsync(page, "entry form with last year's values");
        await page.GetByRole(AriaRole.Button, new() { Name = "令和6年度の実施内容を写す" }).ClickAsync();
        await Expect(results).ToHaveValueAsync(lastYear);
        var copyGrade = page.GetByRole(AriaRole.Button, new() { Name = "令和6年度の評価を写す" });
        var lastGrade = await copyGrade.GetAttributeAsync("data-copy-value");
        await copyGrade.ClickAsync();
        await Expect(page.Locator($"#Input_Grade input[value='{lastGrade}']")).ToBeCheckedAsync();
        await page.GetByLabel("次年度の実施予定").FillAsync("継続して実施する。");
        await Expect(page.Locator("[data-draft-status]")).ToContainTextAsync("入力中の内容を一時保存しました");
        var partId = int.Parse(new Uri(page.Url).Segments[^1]);
        Assert.True(await Factory.QueryAsync(db => db.EntryDrafts.AnyAsync(d => d.EntryPartId == partId)));
        await page.GetByRole(AriaRole.Button, new() { Name = "提出", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("提出しました。");
        var saved = await Factory.QueryAsync(db => db.EntryParts.Where(p => p.Id == partId).Select(p => p.Results).SingleAsync());
        Assert.Equal(lastYear, saved);
        Assert.False(await Factory.QueryAsync(db => db.EntryDrafts.AnyAsync(d => d.EntryPartId == partId)));
    }

    private static async Task<HttpResponseMessage> SubmitOverHttpAsync(WebUser user, int partId)
    {
        var version = (await user.GetAsync($"/entries/{partId}")).QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;
        return await user.PostAsync($"/entries/{partId}?handler=Submit",
        [
            new("Input.Version", version), new("Input.PlannedWork", "計画どおり実施する。"), new("Input.Results", "担当課が実施した。"),
            new("Input.Grade", "A"), new("Input.Budget.Shown", "true"), new("Input.Budget.Cells[Initial:m:t]", ""), new("Input.Budget.Cells[Final:m:t]", ""), new("Input.NextYearPlan", "継続して実施する。"),
        ]);
    }

    /// <summary>Runs axe at a laptop's and a phone's width, with the overflow check, and goes back to the laptop's width.</summary>
    private async Task ScanAtBothWidthsAsync(IPage page, string what)
    {
        _violations.AddRange(await Accessibility.AtLaptopAndPhoneWidthsAsync(page, what));
        await page.SetViewportSizeAsync(1280, 900);
    }

    /// <summary>Runs axe with the WCAG 2.1 A and AA rules and keeps what it finds.</summary>
    private async Task ScanAsync(IPage page, string what)
    {
        _violations.AddRange(await Accessibility.ViolationsAsync(page, what));
    }
}
