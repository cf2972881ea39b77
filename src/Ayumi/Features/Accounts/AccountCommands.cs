using System.CommandLine;
using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Shared;
using Ayumi.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Accounts;

/// <summary>
/// The command-line verbs that create an administrator, take access away and give it back: the same steps as the
/// members page (<see cref="AccountLifecycle"/>), audited with "system" as the actor. Exit codes: 0 done, 1 no such
/// account or membership (or a refused password), 2 the command was wrong.
/// </summary>
public static class AccountCommands
{
    public static IEnumerable<Command> Commands(VerbContext context)
    {
        var email = VerbOptions.Email();
        var name = new Option<string>("--name") { Description = "a new account's display name (default: the address)", HelpName = "NAME" };
        var admin = new Command("create-admin", "create an administrator, or make an account one; a new account's password is read from AYUMI_ADMIN_PASSWORD or standard input") { email, name };
        admin.SetAction((result, _) => CreateAdminAsync(context, result.GetValue(email)!, result.GetValue(name)));
        yield return admin;

        yield return WithAccount(context, "disable-user", "disable an account: its sessions end at once and it cannot sign in; memberships and history stay", [],
            async (services, user, _) =>
            {
                await services.GetRequiredService<AccountLifecycle>().DisableAsync(user, CancellationToken.None);
                Console.WriteLine($"The account {user.Email} is disabled; its sessions have ended.");
                return 0;
            });
        yield return WithAccount(context, "enable-user", "enable a disabled account again", [],
            async (services, user, _) =>
            {
                await services.GetRequiredService<AccountLifecycle>().EnableAsync(user, CancellationToken.None);
                Console.WriteLine($"The account {user.Email} is enabled.");
                return 0;
            });

        var url = new Option<string>("--url") { Description = "the site's address, for the link (default: the first of the configured URLs)", HelpName = "BASE" };
        yield return WithAccount(context, "reset-password", "make the password stop working and print a one-time link (mailed too, with Ayumi:Smtp) for its holder to set a new one", [url],
            async (services, user, result) =>
            {
                var baseUrl = result.GetValue(url) ?? services.GetRequiredService<IConfiguration>()["Urls"]?.Split(';')[0] ?? HostingConventions.DefaultUrl;
                var link = await services.GetRequiredService<AccountLifecycle>().ResetPasswordAsync(user, baseUrl);
                var mailed = await services.GetRequiredService<Mailer>().SendAsync(user.Email!, "歩み: パスワードの再設定 / Ayumi password reset",
                    $"{user.DisplayName} 様\n\n歩みのパスワードが再設定されました。次のリンクから新しいパスワードを設定してください。\n{link}\n");
                Console.WriteLine($"The password of {user.Email} no longer works and its sessions have ended. {(mailed ? "A link was mailed to it." : "Hand this link to its holder alone:")}");
                if (!mailed) Console.WriteLine(link);
                return 0;
            });

        var org = VerbOptions.Organisation();
        var role = new Option<MemberRole?>("--role")
        {
            Description = "remove only this role: secretariat, department-editor or reviewer",
            HelpName = "ROLE",
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (Enum.TryParse<MemberRole>(text.Replace("-", ""), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)) return parsed;
                result.AddError($"--role must be secretariat, department-editor or reviewer, not '{text}'.");
                return null;
            },
        };
        yield return WithAccount(context, "remove-membership", "remove the account's roles in an organisation (one role with --role); its sessions end at once", [org, role],
            async (services, user, result) =>
            {
                var (code, only) = (result.GetValue(org)!, result.GetValue(role));
                var db = services.GetRequiredService<AyumiDbContext>();
                var memberships = await db.Memberships.Where(m => m.UserId == user.Id && m.Organisation.Code == code && (only == null || m.Role == only)).ToListAsync();
                if (memberships.Count == 0)
                {
                    Console.Error.WriteLine($"error: {user.Email} has no {(only is null ? "" : only + " ")}role in organisation {code}.");
                    return 1;
                }
                var lifecycle = services.GetRequiredService<AccountLifecycle>();
                foreach (var membership in memberships) await lifecycle.RemoveMembershipAsync(membership, CancellationToken.None);
                Console.WriteLine($"Removed {string.Join(", ", memberships.Select(m => m.Role))} of {user.Email} in organisation {code}; its sessions have ended.");
                return 0;
            });
    }

    /// <summary>A verb that acts on the account of <c>--email</c>, which must exist (exit 1 otherwise), with the services of one scope.</summary>
    private static Command WithAccount(VerbContext context, string name, string description, Option[] options,
        Func<IServiceProvider, AyumiUser, ParseResult, Task<int>> act)
    {
        var email = VerbOptions.Email();
        var command = new Command(name, description) { email };
        foreach (var option in options) command.Options.Add(option);
        command.SetAction(async (result, _) =>
        {
            using var host = await context.OpenDatabaseAsync();
            await using var scope = host.Services.CreateAsyncScope();
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<AyumiUser>>().FindByEmailAsync(result.GetValue(email)!);
            if (user is null)
            {
                Console.Error.WriteLine($"error: no account with the address {result.GetValue(email)}.");
                return 1;
            }
            return await act(scope.ServiceProvider, user, result);
        });
        return command;
    }

    /// <summary>
    /// Creates an administrator with a password, or makes an existing account one: an account
    /// that has a password keeps it (reset-password gives its holder a link to choose another).
    /// </summary>
    private static async Task<int> CreateAdminAsync(VerbContext context, string email, string? name)
    {
        using var host = await context.OpenDatabaseAsync();
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AyumiUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is { HasPassword: true })
        {
            user.IsAdministrator = true;
            await users.UpdateAsync(user);
            Console.WriteLine($"{email} is now an administrator; its password is unchanged (reset-password gives its holder a link to set another).");
            return 0;
        }
        var password = Environment.GetEnvironmentVariable("AYUMI_ADMIN_PASSWORD");
        if (string.IsNullOrEmpty(password))
        {
            if (!Console.IsInputRedirected) Console.Write("Password: ");
            password = Console.ReadLine();
        }
        if (string.IsNullOrEmpty(password))
        {
            Console.Error.WriteLine("error: no password given (AYUMI_ADMIN_PASSWORD or standard input).");
            return 2;
        }
        var result = user is null
            ? await users.CreateAsync(user = new AyumiUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name ?? email, IsAdministrator = true }, password)
            : await users.AddPasswordAsync(user, password);
        if (!result.Succeeded)
        {
            Console.Error.WriteLine("error: " + string.Join(" ", result.Errors.Select(e => e.Description)));
            return 1;
        }
        user.IsAdministrator = true;
        await users.UpdateAsync(user);
        Console.WriteLine($"Administrator {email} is ready.");
        return 0;
    }
}
