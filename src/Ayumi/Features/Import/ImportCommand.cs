using System.CommandLine;
using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Import;

/// <summary>
/// <c>import</c>: a progress sheet (CSV, TSV, .xlsx, .xls) read into an organisation's plan, or previewed with
/// <c>--dry-run</c>. Exits 0 when the file was read without errors, 1 when the preview names errors.
/// </summary>
public static class ImportCommand
{
    public static Command Command(VerbContext context)
    {
        var file = VerbOptions.ExistingFile(context, "the sheet to import: CSV, TSV, .xlsx or .xls");
        var org = VerbOptions.Organisation("the organisation's six-digit code; a local government of the national list that is not in Ayumi yet is created with the plan of --period, --scale and --levels");
        var plan = VerbOptions.Plan("the plan the sheet belongs to (a new plan of this name when there is none)");
        var year = VerbOptions.Year("the fiscal year of the sheet's entries, when the sheet does not say", required: false);
        var profile = new Option<string>("--profile") { Description = "a saved column mapping of the organisation", HelpName = "NAME" };
        var dryRun = new Option<bool>("--dry-run") { Description = "print the preview and store nothing" };
        var period = new Option<string>("--period") { Description = "a new organisation's plan period, e.g. R6-R10", HelpName = "FROM-TO" };
        var scale = new Option<string>("--scale") { Description = "a new organisation's grade scale, e.g. A-D", HelpName = "SCALE" };
        var levels = new Option<string>("--levels") { Description = "a new organisation's levels above the measures, top first, e.g. 基本目標,施策", HelpName = "NAMES" };
        var command = new Command("import", "import a progress sheet: prints the preview, and stores it unless --dry-run when it was read without errors")
            { file, org, plan, year, profile, dryRun, period, scale, levels };
        command.SetAction((result, _) => RunAsync(context, result.GetValue(file)!, result.GetValue(org)!, result.GetValue(year),
            new Settings(result.GetValue(plan), result.GetValue(profile), result.GetValue(dryRun), result.GetValue(period), result.GetValue(scale), result.GetValue(levels))));
        return command;
    }

    private sealed record Settings(string? Plan, string? Profile, bool DryRun, string? Period, string? Scale, string? Levels);

    private static async Task<int> RunAsync(VerbContext context, string file, LocalGovernmentCode code, FiscalYear? year, Settings settings)
    {
        using var host = await context.OpenDatabaseAsync();
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
        MappingProfile? profile = null;
        if (settings.Profile is { } profileName)
        {
            profile = await db.MappingProfiles.SingleOrDefaultAsync(p => p.Organisation.Code == code && p.Name == profileName);
            if (profile is null)
            {
                Console.Error.WriteLine($"error: organisation {code} has no mapping profile named '{profileName}'.");
                return 2;
            }
        }
        // A local government of the national list that Ayumi does not have yet starts with this sheet and the plan the options describe.
        (Organisation Organisation, NewPlanSettings Plan)? start = null;
        if (!await db.Organisations.AnyAsync(o => o.Code == code))
        {
            var listed = scope.ServiceProvider.GetRequiredService<LocalGovernmentList>().Find(code);
            if (listed is null)
            {
                Console.Error.WriteLine($"error: no organisation with code {code}, and {code} is not a local government of the national list.");
                return 2;
            }
            start = Organisations.OrganisationStart.Read(listed, settings.Period, settings.Scale, settings.Levels, out var problem);
            if (start is null)
            {
                Console.Error.WriteLine($"error: {problem}");
                return 2;
            }
        }
        var text = scope.ServiceProvider.GetRequiredService<Localization.UiText>();
        var progress = new Progress<ImportProgress>(p => Console.Error.Write($"\r{text.Format("import.progress", p.RowsDone, p.RowsTotal)}"));
        var options = new ImportOptions(settings.Plan, start?.Plan, Profile: profile, Year: year, Progress: progress);
        var run = scope.ServiceProvider.GetRequiredService<ImportRun>();
        var limits = ImportAccess.Limits(host.Services.GetRequiredService<IConfiguration>());
        ImportReport report;
        await using (var content = File.OpenRead(file))
            report = start is { } created
                ? await run.RunForNewAsync(created.Organisation, Path.GetFileName(file), content, options, commit: !settings.DryRun, limits)
                : await run.RunAsync(code, Path.GetFileName(file), content, options, commit: !settings.DryRun, limits);
        Console.Error.WriteLine();
        foreach (var line in ImportReportText.Lines(report, text, committed: !settings.DryRun && !report.HasErrors)) Console.WriteLine(line);
        return report.HasErrors ? 1 : 0;
    }
}
