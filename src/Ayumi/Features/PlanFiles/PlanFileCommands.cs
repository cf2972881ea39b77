using System.CommandLine;
using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Hosting;

namespace Ayumi.Features.PlanFiles;

/// <summary><c>load-plan</c> and <c>export-plan</c>: an organisation's plans in and out of Ayumi's plan file (docs/plan-file-format.md).</summary>
public static class PlanFileCommands
{
    public static IEnumerable<Command> Commands(VerbContext context)
    {
        var file = VerbOptions.ExistingFile(context, "an Ayumi plan file (JSON)");
        var load = new Command("load-plan", "add the plans of an Ayumi plan file (JSON) to its organisation, which is created when new") { file };
        load.SetAction((result, _) => LoadAsync(context, result.GetValue(file)!));
        yield return load;

        var org = VerbOptions.Organisation();
        var plan = VerbOptions.Plan("write only the plan of this name");
        var output = VerbOptions.Output(context, "the plan file to write");
        var backup = VerbOptions.IncludeUnpublished("write everything, drafts and years in work included, as a backup copy (marked \"backup\")");
        var export = new Command("export-plan", "write an organisation's published plans and years as a plan file") { org, plan, output, backup };
        export.SetAction((result, _) => ExportAsync(context, result.GetValue(org)!, result.GetValue(plan), result.GetValue(output)!, result.GetValue(backup)));
        yield return export;
    }

    private static async Task<int> LoadAsync(VerbContext context, string file)
    {
        using var host = await context.OpenDatabaseAsync();
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
        var organisation = await PlanFileLoading.LoadAsync(db, Path.GetFileName(file), await File.ReadAllBytesAsync(file));
        Console.WriteLine($"Loaded {file}: {organisation.Name} ({organisation.Code}) now has {organisation.Plans.Count} plan(s).");
        return 0;
    }

    private static async Task<int> ExportAsync(VerbContext context, LocalGovernmentCode code, string? planName, string output, bool backup)
    {
        using var host = await context.OpenDatabaseAsync();
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
        var organisation = await db.LoadOrganisationGraphAsync(o => o.Code == code);
        if (organisation is null)
        {
            Console.Error.WriteLine($"error: no organisation with code {code}.");
            return 1;
        }
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
}
