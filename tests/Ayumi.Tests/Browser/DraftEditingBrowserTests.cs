using System.Text.RegularExpressions;
using Ayumi.Tests.Web;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ayumi.Tests.Browser;

/// <summary>Miyagi's secretariat edits the structure of a draft and moves a measure; both pages pass axe at a laptop's and a phone's width.</summary>
public sealed class DraftEditingBrowserTests(PlanRevisionBrowserFixture fixture) : IClassFixture<PlanRevisionBrowserFixture>
{
    [Fact]
    public async Task The_secretariat_renumbers_a_policy_and_moves_a_measure_of_a_draft_on_accessible_pages()
    {
        var page = await fixture.Chromium.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("メールアドレス").FillAsync(PlanRevisionBrowserFixture.Secretariat);
        await page.GetByLabel("パスワード").FillAsync(Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/my$"));

        await page.GotoAsync($"/plans/{await fixture.Chromium.Factory.PlanIdAsync("040002", 2)}/draft");
        await page.GetByLabel("計画名").FillAsync("第三次宮城県再犯防止推進計画");
        await page.GetByRole(AriaRole.Button, new() { Name = "案を作成" }).ClickAsync();
        await Expect(page.Locator(".plan-status .badge")).ToHaveTextAsync("案");
        var planUrl = page.Url;

        await page.GetByRole(AriaRole.Link, new() { Name = "計画の構成を編集" }).ClickAsync();
        var findings = await Accessibility.AtLaptopAndPhoneWidthsAsync(page, "draft structure");
        var housing = page.Locator("section.tree-edit-node", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "住居の確保に関する支援" }) });
        await housing.GetByLabel("番号").FillAsync("30");
        await housing.GetByRole(AriaRole.Button, new() { Name = "変更を保存" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("計画の構成を更新しました");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "30 住居の確保に関する支援" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "削除: 30" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("事業が掲載されているため削除できません");
        findings.AddRange(await Accessibility.AtLaptopAndPhoneWidthsAsync(page, "draft structure with a refusal"));

        await page.GotoAsync(planUrl);
        await page.GetByRole(AriaRole.Link, new() { Name = "保護観察少年に対する職業定着支援" }).First.ClickAsync();
        await page.GotoAsync(page.Url + "/edit");
        findings.AddRange(await Accessibility.AtLaptopAndPhoneWidthsAsync(page, "draft measure edit"));
        await page.GetByLabel("施策の方向性").SelectOptionAsync(new SelectOptionValue { Label = "30 住居の確保に関する支援" });
        await page.GetByRole(AriaRole.Button, new() { Name = "掲載先を変更" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("保護観察少年に対する職業定着支援");
        Assert.Empty(findings);
    }
}
