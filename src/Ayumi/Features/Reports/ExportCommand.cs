using System.CommandLine;
using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Reports;

/// <summary><c>export</c>: a plan's progress sheet for a year as a workbook, PDF or CSV, or its open data as JSON.</summary>
public static class ExportCommand
{
    private static readonly string[] Formats = ["xlsx", "pdf", "csv", "json"];

    public static Command Command(VerbContext context)
    {
        var org = VerbOptions.Organisation();
        var plan = VerbOptions.Plan("the plan, by name (a draft is exported only by name); without it, the published plan whose period holds the year, else the latest");
        var year = VerbOptions.Year("the fiscal year: 令和6年度, R6, FY2024…", required: true);
        var format = new Option<string>("--format") { Description = "xlsx, pdf or csv: the progress sheet; json: the open data of the published years up to the year", Required = true };
        format.AcceptOnlyFromAmong(Formats);
        var template = new Option<string>("--template") { Description = "the report template, by name (default: the plan's)", HelpName = "NAME" };
        var output = VerbOptions.Output(context, "the file to write");
        var unpublished = VerbOptions.IncludeUnpublished("export a draft plan or a year in work too");
        var command = new Command("export", "write a plan's progress sheet for a published year") { org, plan, year, format, template, output, unpublished };
        command.SetAction((result, _) => RunAsync(context, new Request(result.GetValue(org)!, result.GetValue(plan), result.GetValue(year)!.Value,
            result.GetValue(format)!, result.GetValue(template), result.GetValue(output)!, result.GetValue(unpublished))));
        return command;
    }

    private sealed record Request(LocalGovernmentCode Code, string? PlanName, FiscalYear Year, string Format, string? Template, string Output, bool IncludeUnpublished);

    private static async Task<int> RunAsync(VerbContext context, Request request)
    {
        var (code, year, output) = (request.Code, request.Year, request.Output);
        using var host = await context.OpenDatabaseAsync();
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
        var plans = await db.Plans.Where(p => p.Organisation.Code == code).Select(p => new { p.Id, p.Name, p.Generation, p.PeriodStart, p.PeriodEnd, p.Status }).ToListAsync();
        // Without a name, a published plan (a draft is exported only by name): the one whose period holds the year, else the latest.
        var publishedPlans = plans.Where(p => p.Status == PlanStatus.Published).ToList();
        var chosen = request.PlanName is not null ? plans.FirstOrDefault(p => p.Name == request.PlanName)
            : publishedPlans.Where(p => p.PeriodStart <= year && year <= p.PeriodEnd).OrderByDescending(p => p.Generation).FirstOrDefault()
              ?? publishedPlans.OrderByDescending(p => p.Generation).FirstOrDefault();
        if (chosen is null)
        {
            Console.Error.WriteLine(request.PlanName is null ? $"error: organisation {code} has no plan." : $"error: organisation {code} has no plan named '{request.PlanName}'.");
            return 1;
        }
        var plan = (await ReportQueries.LoadAsync(db, chosen.Id, CancellationToken.None))!;
        if (!request.IncludeUnpublished)
        {
            if (!MemberRoles.Anonymous.SeesPlan(plan))
            {
                Console.Error.WriteLine($"error: {plan.Name} is a draft; export it with --include-unpublished.");
                return 1;
            }
            if (request.Format != "json" && !MemberRoles.Anonymous.SeesYear(plan, year))
            {
                Console.Error.WriteLine($"error: {year.ToJapanese()} of {plan.Name} is not published; export it with --include-unpublished.");
                return 1;
            }
            // Other years a layout reads (last year's wording, next year's budget) are held to the same rule.
            Publication.WithholdUnpublished(db, plan);
        }
        var text = scope.ServiceProvider.GetRequiredService<Localization.UiText>();
        if (request.Format == "json")
        {
            var published = plan.PublishedYears.Where(y => y <= year).ToList();
            var opinions = await Review.OpinionQueries.SeenByAsync(db, plan, MemberRoles.Anonymous, CancellationToken.None);
            await File.WriteAllBytesAsync(output, OpenData.ToJson(OpenData.Of(plan, published, opinions)));
            Console.WriteLine($"Wrote the open data of {plan.Name} ({published.Count} published year(s) up to {year.ToJapanese()}) to {output}.");
            return 0;
        }
        var templates = await ReportQueries.TemplatesAsync(db, plan.OrganisationId, CancellationToken.None);
        var templateName = request.Template ?? plan.ReportTemplateName;
        var template = templates.FirstOrDefault(t => t.Name == templateName) ?? (request.Template is null ? templates[0] : null);
        if (template is null)
        {
            Console.Error.WriteLine($"error: no report template named '{templateName}'. Templates: {string.Join(", ", templates.Select(t => t.Name))}");
            return 2;
        }
        // The opinions are those the public reads, or with --include-unpublished every chosen one, as the secretariat reads them.
        var reader = request.IncludeUnpublished ? MemberRoles.Anonymous with { IsAdministrator = true } : MemberRoles.Anonymous;
        var sheet = ProgressSheet.Build(plan, year, template, k => text[k])
            .WithOpinions(template.ListsIndicators ? null : await Review.OpinionQueries.SectionAsync(db, plan, year, reader, k => text[k], CancellationToken.None));
        if (request.Format == "pdf")
        {
            await using var pdf = await scope.ServiceProvider.GetRequiredService<PdfRenderer>().RenderAsync(
                ProgressSheetHtml.Title(sheet, k => text[k]), ProgressSheetHtml.ForPrint(sheet, SheetColumns.All, k => text[k]),
                Localization.UiText.CurrentLanguage, CancellationToken.None);
            await using var written = File.Create(output);
            await pdf.CopyToAsync(written);
        }
        else
            await File.WriteAllBytesAsync(output, request.Format == "xlsx" ? ProgressSheetWorkbook.Write(sheet, k => text[k]) : ProgressSheetCsv.Write(sheet));
        Console.WriteLine($"Wrote the {year.ToJapanese()} progress sheet of {plan.Name} ({sheet.MeasureCount} measures, {template.Name}) to {output}.");
        return 0;
    }
}
