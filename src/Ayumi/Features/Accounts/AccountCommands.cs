using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Accounts;

/// <summary>
/// The command-line verbs that take access away and give it back: the same steps as the
/// members page (<see cref="AccountLifecycle"/>), audited with "system" as the actor. Exit
/// codes: 0 done, 1 no such account or membership, 2 the command was wrong.
/// </summary>
public static class AccountCommands
{
    public const string Usage = """
          disable-user --email EMAIL              disable an account: its sessions end at once and it
                                                  cannot sign in; memberships and history stay
          enable-user --email EMAIL               enable a disabled account again
          reset-password --email EMAIL [--url BASE]
                                                  make the password stop working and print a one-time
                                                  link (mailed too, with Ayumi:Smtp) for its holder to
                                                  set a new one; BASE is the site's address
          remove-membership --email EMAIL --org CODE [--role secretariat|department-editor|reviewer]
                                                  remove the account's roles in an organisation (one
                                                  role with --role); its sessions end at once
        """;

    public static async Task<int> RunAsync(string verb, string[] args, Func<string[], string, string?> option)
    {
        var email = option(args, "--email");
        if (email is null)
        {
            Console.Error.WriteLine($"{verb} needs --email.");
            return 2;
        }
        MemberRole? role = null;
        LocalGovernmentCode? code = null;
        if (verb == "remove-membership")
        {
            if (option(args, "--org") is not { } org || !LocalGovernmentCode.TryParse(org, out var parsed, out _))
            {
                Console.Error.WriteLine("remove-membership needs --org with an organisation's six-digit code.");
                return 2;
            }
            code = parsed;
            if (option(args, "--role") is { } roleText)
            {
                if (!TryParseRole(roleText, out var parsedRole))
                {
                    Console.Error.WriteLine($"error: --role must be secretariat, department-editor or reviewer, not '{roleText}'.");
                    return 2;
                }
                role = parsedRole;
            }
        }
        await using var app = WebApp.Build(args);
        await app.Services.PrepareDatabaseAsync(app.Configuration, loadDemo: false);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AyumiUser>>();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountLifecycle>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            Console.Error.WriteLine($"error: no account with the address {email}.");
            return 1;
        }
        switch (verb)
        {
            case "disable-user":
                await accounts.DisableAsync(user, CancellationToken.None);
                Console.WriteLine($"The account {email} is disabled; its sessions have ended.");
                return 0;
            case "enable-user":
                await accounts.EnableAsync(user, CancellationToken.None);
                Console.WriteLine($"The account {email} is enabled.");
                return 0;
            case "reset-password":
                var baseUrl = option(args, "--url") ?? app.Configuration["Urls"]?.Split(';')[0] ?? "http://127.0.0.1:5000";
                var link = await accounts.ResetPasswordAsync(user, baseUrl);
                var mailed = await scope.ServiceProvider.GetRequiredService<Mailer>().SendAsync(email, "歩み: パスワードの再設定 / Ayumi password reset",
                    $"{user.DisplayName} 様\n\n歩みのパスワードが再設定されました。次のリンクから新しいパスワードを設定してください。\n{link}\n");
                Console.WriteLine($"The password of {email} no longer works and its sessions have ended. {(mailed ? "A link was mailed to it." : "Hand this link to its holder alone:")}");
                if (!mailed) Console.WriteLine(link);
                return 0;
            default:
                var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
                var organisationCode = code!;
                var memberships = await db.Memberships.Where(m => m.UserId == user.Id && m.Organisation.Code == organisationCode && (role == null || m.Role == role)).ToListAsync();
                if (memberships.Count == 0)
                {
                    Console.Error.WriteLine($"error: {email} has no {(role is null ? "" : role + " ")}role in organisation {code}.");
                    return 1;
                }
                foreach (var membership in memberships) await accounts.RemoveMembershipAsync(membership, CancellationToken.None);
                Console.WriteLine($"Removed {string.Join(", ", memberships.Select(m => m.Role))} of {email} in organisation {code}; its sessions have ended.");
                return 0;
        }
    }

    private static bool TryParseRole(string text, out MemberRole role) =>
        Enum.TryParse(text.Replace("-", ""), ignoreCase: true, out role) && Enum.IsDefined(role);
}
