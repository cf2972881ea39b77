using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Demo;
using Ayumi.Features.PlanFiles;
using Microsoft.EntityFrameworkCore;

namespace Ayumi;

/// <summary>
/// Ayumi's verbs: <c>serve</c> (the default) runs the web application; the others work on
/// the configured database and exit.
/// </summary>
public static class CommandLine
{
    private static readonly string Usage = $"""
        Usage: Ayumi [verb] [options]
          serve [--demo]                          run the web application (default); --demo loads the five
                                                  demo plans into a database without organisations
          migrate                                 create or upgrade the database schema
          load-plan FILE                          add the plans of an Ayumi plan file (JSON)
          import FILE --org CODE [--plan NAME] [--year FY] [--profile NAME] [--dry-run]
                 [--period R6-R10 --scale A-D --levels 基本目標,施策]
                                                  import a progress sheet (CSV, TSV, .xlsx, .xls):
                                                  prints the preview; exits 0 when the file was read
                                                  without errors (and committed unless --dry-run);
                                                  a local government not in Ayumi yet is created with
                                                  its plan from --period, --scale and --levels
          export --org CODE [--plan NAME] --year FY --format xlsx|pdf|csv|json [--template NAME] --out FILE
                 [--include-unpublished]          write a plan's progress sheet for a published year (json:
                                                  the open data of the published years up to that year);
                                                  a year in work only with --include-unpublished
          export-plan --org CODE [--plan NAME] --out FILE [--include-unpublished]
                                                  write an organisation's published plans and years as a
                                                  plan file; with --include-unpublished, everything, as a
                                                  backup copy (drafts and years in work, marked "backup")
          create-admin --email EMAIL [--name NAME]
                                                  create an administrator, or make an account one;
                                                  a new account's password is read from
                                                  AYUMI_ADMIN_PASSWORD or standard input
        {Features.Accounts.AccountCommands.Usage}
        {Features.Backup.BackupCommands.Usage}
        Configuration: Ayumi:Database:Provider (sqlite|postgres), ConnectionStrings:Ayumi, Ayumi:DataFolder,
        Ayumi:DemoData (true|false), ASPNETCORE_URLS or --urls; as settings, environment variables or --key=value.
        Relative paths are relative to the folder Ayumi is called from.
        """;

    /// <summary>
    /// Names the folder the program was called from, against which relative paths are resolved:
    /// dotnet run starts Ayumi in its project folder and passes the caller's folder with it
    /// (Ayumi.csproj); the built program runs where it is called, and needs no such option.
    /// </summary>
    private const string CallerDirectoryOption = "--caller-directory";

    public static async Task<int> RunAsync(string[] args)
    {
        var caller = Environment.CurrentDirectory;
        if (args.Length >= 2 && args[0] == CallerDirectoryOption)
        {
            caller = args[1];
            args = args[2..];
        }
        var verb = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "serve";
        var rest = verb == "serve" && (args.Length == 0 || args[0].StartsWith('-')) ? args : args[1..];
        try
        {
            switch (verb)
            {
                case "serve":
                    // --demo is the README's first command's switch; as a setting it overrides Ayumi:DemoData.
                    await WebApp.Build([.. rest.Select(a => a == "--demo" ? "--Ayumi:DemoData=true" : a)]).RunAsync();
                    return 0;
                case "migrate":
                    await using (var host = WebApp.Build(rest))
                        await host.Services.PrepareDatabaseAsync(host.Configuration, loadDemo: false);
                    return 0;
                case "load-plan":
                    return await LoadPlanAsync(rest, caller);
                case "import":
                    return await ImportAsync(rest, caller);
                case "export":
                    return await ExportAsync(rest, caller);
                case "export-plan":
                    return await ExportPlanAsync(rest, caller);
                case "create-admin":
                    return await CreateAdminAsync(rest);
                case "backup" or "restore":
                    return await Features.Backup.BackupCommands.RunAsync(verb, rest, caller, Option);
                case "disable-user" or "enable-user" or "reset-password" or "remove-membership":
                    return await Features.Accounts.AccountCommands.RunAsync(verb, rest, Option);
                case "help" or "--help" or "-h":
                    Console.WriteLine(Usage);
                    return 0;
                default:
                    Console.Error.WriteLine($"Unknown verb '{verb}'.\n{Usage}");
                    return 2;
            }
        }
        catch (SeedFormatException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
        catch (DomainException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> LoadPlanAsync(string[] args, string caller)
    {
        var file = FromCaller(caller, args.FirstOrDefault(a => !a.StartsWith("--")));
        if (file is null || !File.Exists(file))
        {
            Console.Error.WriteLine($"load-plan needs an existing plan file.\n{Usage}");
            return 2;
        }
        await using var app = WebApp.Build(args);
        await app.Services.PrepareDatabaseAsync(app.Configuration, loadDemo: false);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
        var organisation = await PlanFileLoading.LoadAsync(db, Path.GetFileName(file), await File.ReadAllBytesAsync(file));
        Console.WriteLine($"Loaded {file}: {organisation.Name} ({organisation.Code}) now has {organisation.Plans.Count} plan(s).");
        return 0;
    }

    private static async Task<int> ExportPlanAsync(string[] args, string caller)
    {
        var org = Option(args, "--org");
        var output = FromCaller(caller, Option(args, "--out"));
        if (org is null || output is null)
        {
            Console.Error.WriteLine($"export-plan needs --org and --out.\n{Usage}");
            return 2;
        }
        if (!LocalGovernmentCode.TryParse(org, out var code, out var reason))
        {
            Console.Error.WriteLine($"error: {reason}");
            return 2;
        }
        await using var app = WebApp.Build(args);
        await app.Services.PrepareDatabaseAsync(app.Configuration, loadDemo: false);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
        var organisation = await db.LoadOrganisationGraphAsync(o => o.Code == code);
        if (organisation is null)
        {
            Console.Error.WriteLine($"error: no organisation with code {code}.");
            return 1;
        }
        var planName = Option(args, "--plan");
        var backup = args.Contains("--include-unpublished");
        // Without --include-unpublished the file is what the public may read (the publication rule); with it, the secretariat's backup.
        var plans = organisation.Plans.Where(p => planName is null || p.Name == planName).Where(p => backup || MemberRoles.Anonymous.SeesPlan(p))
            .OrderBy(p => p.Generation).ToList();
        if (plans.Count == 0)
        {
            Console.Error.WriteLine(organisation.Plans.Any(p => p.Name == planName)
                ? $"error: '{planName}' is a draft; write it with --include-unpublished (a backup copy)."
                : $"error: {organisation.Name} has no plan named '{planName}'.");
            return 1;
        }
        if (!backup)
            foreach (var plan in plans) Publication.WithholdUnpublished(db, plan);
        await File.WriteAllBytesAsync(output, PlanFileWriter.Write(organisation, plans, backup));
        Console.WriteLine(backup
            ? $"Wrote a backup copy of {plans.Count} plan(s) of {organisation.Name}, unpublished plans and years included, to {output}."
            : $"Wrote {plans.Count} plan(s) of {organisation.Name} with their published years to {output}.");
        return 0;
    }

    private static async Task<int> ImportAsync(string[] args, string caller)
    {
        var file = FromCaller(caller, Positional(args, "--org", "--plan", "--year", "--profile", "--period", "--scale", "--levels"));
        var org = Option(args, "--org");
        if (file is null || org is null)
        {
            Console.Error.WriteLine($"import needs a file and --org.\n{Usage}");
            return 2;
        }
        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"error: {file} does not exist.");
            return 2;
        }
        if (!LocalGovernmentCode.TryParse(org, out var code, out var reason))
        {
            Console.Error.WriteLine($"error: {reason}");
            return 2;
        }
        FiscalYear? year = null;
        if (Option(args, "--year") is { } yearText)
        {
            if (!FiscalYear.TryParse(yearText, out var parsed))
            {
                Console.Error.WriteLine($"error: '{yearText}' is not a fiscal year (令和6年度, R6, FY2024…).");
                return 2;
            }
            year = parsed;
        }
        var dryRun = args.Contains("--dry-run");
        await using var app = WebApp.Build(args);
        await app.Services.PrepareDatabaseAsync(app.Configuration, loadDemo: false);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
        MappingProfile? profile = null;
        if (Option(args, "--profile") is { } profileName)
        {
            profile = await db.MappingProfiles.SingleOrDefaultAsync(p => p.Organisation.Code == code && p.Name == profileName);
            if (profile is null)
            {
                Console.Error.WriteLine($"error: organisation {code} has no mapping profile named '{profileName}'.");
                return 2;
            }
        }
        // A local government of the national list that Ayumi does not have yet starts with this sheet and the plan the options describe.
        (Organisation Organisation, Features.Import.NewPlanSettings Plan)? start = null;
        if (!await db.Organisations.AnyAsync(o => o.Code == code))
        {
            var listed = scope.ServiceProvider.GetRequiredService<LocalGovernmentList>().Find(code);
            if (listed is null)
            {
                Console.Error.WriteLine($"error: no organisation with code {code}, and {code} is not a local government of the national list.");
                return 2;
            }
            start = Features.Organisations.OrganisationStart.Read(listed, Option(args, "--period"), Option(args, "--scale"), Option(args, "--levels"), out var problem);
            if (start is null)
            {
                Console.Error.WriteLine($"error: {problem}");
                return 2;
            }
        }
        var text = scope.ServiceProvider.GetRequiredService<Localization.UiText>();
        var progress = new Progress<Features.Import.ImportProgress>(p => Console.Error.Write($"\r{text.Format("import.progress", p.RowsDone, p.RowsTotal)}"));
        var options = new Features.Import.ImportOptions(Option(args, "--plan"), start?.Plan, Profile: profile, Year: year, Progress: progress);
        var run = scope.ServiceProvider.GetRequiredService<Features.Import.ImportRun>();
        Features.Import.ImportReport report;
        await using (var content = File.OpenRead(file))
            report = start is { } created
                ? await run.RunForNewAsync(created.Organisation, Path.GetFileName(file), content, options, commit: !dryRun, Features.Import.ImportAccess.Limits(app.Configuration))
                : await run.RunAsync(code, Path.GetFileName(file), content, options, commit: !dryRun, Features.Import.ImportAccess.Limits(app.Configuration));
        Console.Error.WriteLine();
        foreach (var line in Features.Import.ImportReportText.Lines(report, text, committed: !dryRun && !report.HasErrors)) Console.WriteLine(line);
        return report.HasErrors ? 1 : 0;
    }

    private static async Task<int> ExportAsync(string[] args, string caller)
    {
        var (org, yearText, format, output) = (Option(args, "--org"), Option(args, "--year"), Option(args, "--format"), FromCaller(caller, Option(args, "--out")));
        if (org is null || yearText is null || format is null || output is null)
        {
            Console.Error.WriteLine($"export needs --org, --year, --format and --out.\n{Usage}");
            return 2;
        }
        if (!LocalGovernmentCode.TryParse(org, out var code, out var reason))
        {
            Console.Error.WriteLine($"error: {reason}");
            return 2;
        }
        if (!FiscalYear.TryParse(yearText, out var year))
        {
            Console.Error.WriteLine($"error: '{yearText}' is not a fiscal year (令和6年度, R6, FY2024…).");
            return 2;
        }
        if (format is not ("xlsx" or "pdf" or "csv" or "json"))
        {
            Console.Error.WriteLine($"error: --format must be xlsx, pdf, csv or json, not '{format}'.");
            return 2;
        }
        await using var app = WebApp.Build(args);
        await app.Services.PrepareDatabaseAsync(app.Configuration, loadDemo: false);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
        var plans = await db.Plans.Where(p => p.Organisation.Code == code).Select(p => new { p.Id, p.Name, p.Generation, p.PeriodStart, p.PeriodEnd, p.Status }).ToListAsync();
        var planName = Option(args, "--plan");
        // Without a name, a published plan (a draft is exported only by name): the one whose period holds the year, else the latest.
        var publishedPlans = plans.Where(p => p.Status == PlanStatus.Published).ToList();
        var chosen = planName is not null ? plans.FirstOrDefault(p => p.Name == planName)
            : publishedPlans.Where(p => p.PeriodStart <= year && year <= p.PeriodEnd).OrderByDescending(p => p.Generation).FirstOrDefault()
              ?? publishedPlans.OrderByDescending(p => p.Generation).FirstOrDefault();
        if (chosen is null)
        {
            Console.Error.WriteLine(planName is null ? $"error: organisation {code} has no plan." : $"error: organisation {code} has no plan named '{planName}'.");
            return 1;
        }
        var plan = (await Features.Reports.ReportQueries.LoadAsync(db, chosen.Id, CancellationToken.None))!;
        var includeUnpublished = args.Contains("--include-unpublished");
        if (!includeUnpublished)
        {
            if (!MemberRoles.Anonymous.SeesPlan(plan))
            {
                Console.Error.WriteLine($"error: {plan.Name} is a draft; export it with --include-unpublished.");
                return 1;
            }
            if (format != "json" && !MemberRoles.Anonymous.SeesYear(plan, year))
            {
                Console.Error.WriteLine($"error: {year.ToJapanese()} of {plan.Name} is not published; export it with --include-unpublished.");
                return 1;
            }
            // Other years a layout reads (last year's wording, next year's budget) are held to the same rule.
            Publication.WithholdUnpublished(db, plan);
        }
        var text = scope.ServiceProvider.GetRequiredService<Localization.UiText>();
        if (format == "json")
        {
            var published = plan.PublishedYears.Where(y => y <= year).ToList();
            await File.WriteAllBytesAsync(output, Features.Reports.OpenData.ToJson(Features.Reports.OpenData.Of(plan, published)));
            Console.WriteLine($"Wrote the open data of {plan.Name} ({published.Count} published year(s) up to {year.ToJapanese()}) to {output}.");
            return 0;
        }
        var templates = await Features.Reports.ReportQueries.TemplatesAsync(db, plan.OrganisationId, CancellationToken.None);
        var templateName = Option(args, "--template") ?? plan.ReportTemplateName;
        var template = templates.FirstOrDefault(t => t.Name == templateName) ?? (Option(args, "--template") is null ? templates[0] : null);
        if (template is null)
        {
            Console.Error.WriteLine($"error: no report template named '{templateName}'. Templates: {string.Join(", ", templates.Select(t => t.Name))}");
            return 2;
        }
        var sheet = Features.Reports.ProgressSheet.Build(plan, year, template, k => text[k]);
        if (format == "pdf")
        {
            await using var pdf = await scope.ServiceProvider.GetRequiredService<Features.Reports.PdfRenderer>().RenderAsync(
                Features.Reports.ProgressSheetHtml.Title(sheet, k => text[k]), Features.Reports.ProgressSheetHtml.ForPrint(sheet, Features.Reports.SheetColumns.All, k => text[k]),
                Localization.UiText.CurrentLanguage, CancellationToken.None);
            await using var written = File.Create(output);
            await pdf.CopyToAsync(written);
        }
        else
            await File.WriteAllBytesAsync(output, format == "xlsx" ? Features.Reports.ProgressSheetWorkbook.Write(sheet, k => text[k]) : Features.Reports.ProgressSheetCsv.Write(sheet));
        Console.WriteLine($"Wrote the {year.ToJapanese()} progress sheet of {plan.Name} ({sheet.MeasureCount} measures, {template.Name}) to {output}.");
        return 0;
    }

    /// <summary>
    /// Creates an administrator with a password, or makes an existing account one: an account
    /// that has a password keeps it (reset-password gives its holder a link to choose another).
    /// </summary>
    private static async Task<int> CreateAdminAsync(string[] args)
    {
        var email = Option(args, "--email");
        if (email is null)
        {
            Console.Error.WriteLine($"create-admin needs --email.\n{Usage}");
            return 2;
        }
        await using var app = WebApp.Build(args);
        await app.Services.PrepareDatabaseAsync(app.Configuration, loadDemo: false);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AyumiUser>>();
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
            ? await users.CreateAsync(user = new AyumiUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = Option(args, "--name") ?? email, IsAdministrator = true }, password)
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

    /// <summary>A path as the caller meant it: relative to the folder the program was called from.</summary>
    private static string? FromCaller(string caller, string? path) => path is null ? null : Path.GetFullPath(path, caller);

    /// <summary>The first argument that is neither an option nor the value of one of <paramref name="optionsWithValues"/>.</summary>
    private static string? Positional(string[] args, params string[] optionsWithValues)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (optionsWithValues.Contains(args[i])) i++;
            else if (!args[i].StartsWith("--")) return args[i];
        }
        return null;
    }

    internal static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
