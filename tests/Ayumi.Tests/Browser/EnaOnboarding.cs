using System.Text.RegularExpressions;
using Ayumi.Tests.Organisations;
using Ayumi.Tests.Web;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ayumi.Tests.Browser;

/// <summary>The steps every onboarding journey takes once 恵那市 exists: its secretariat invited, and the invitation taken up.</summary>
internal static class EnaOnboarding
{
    /// <summary>From the new organisation's page, the administrator invites Ena's secretariat; returns the invitation link.</summary>
    public static async Task<string> InviteSecretariatAsync(IPage admin)
    {
        await admin.GetByRole(AriaRole.Link, new() { Name = "利用者" }).ClickAsync();
        await admin.GetByLabel("氏名").FillAsync("恵那 事務局");
        await admin.GetByLabel("メールアドレス").FillAsync(OnboardingFixture.EnaSecretariat);
        await admin.GetByLabel("事務局").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "招待する" }).ClickAsync();
        return await admin.GetByLabel("招待リンク").InputValueAsync();
    }

    /// <summary>The secretariat sets a password with the link and lands, signed in, on マイページ.</summary>
    public static async Task AcceptInvitationAsync(IPage secretariat, string invitation)
    {
        await secretariat.GotoAsync(invitation);
        await secretariat.GetByLabel("パスワード", new() { Exact = true }).FillAsync(Accounts.Password);
        await secretariat.GetByLabel("パスワード（確認）").FillAsync(Accounts.Password);
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "設定してサインイン" }).ClickAsync();
        await Expect(secretariat).ToHaveURLAsync(new Regex("/my$"));
    }
}
