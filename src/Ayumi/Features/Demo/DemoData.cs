using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Import;
using Ayumi.Features.Import.Reading;
using Ayumi.Features.PlanFiles;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Demo;

/// <summary>
/// The five seed documents as demo data: Akita, Ena and Miyagi through the importer, as any
/// municipality's sheets would go; Komae and Hyogo from their transcription in Ayumi's plan
/// file format. The importer reads the rows; what the sheets do not say (the plans' names,
/// periods and level names) is written down here.
/// </summary>
public sealed class DemoData(AyumiDbContext db, ILogger<DemoData> logger)
{
    private sealed record Seed(string Code, string Name, string File, string Template, string? PlanName = null, NewPlanSettings? Plan = null);

    private static readonly Seed[] Seeds =
    [
        new("052019", "秋田市", "seeds/akita-city.txt", ReportTemplate.Akita, "秋田市再犯防止推進計画", new NewPlanSettings(
            Levels: [new("基本方針", "Basic policy"), new("施策", "Policy"), new("取組", "Measure")],
            Source: "秋田市 再犯防止推進計画の取組一覧 (令和3年度取組予定)",
            Notes: ["資料には基本方針・施策の名称の記載がなく、番号のみを示しています。"])),
        new("212105", "恵那市", "seeds/ena-city.txt", ReportTemplate.Ena, "恵那市再犯防止推進計画", new NewPlanSettings(
            Levels: [new("具体的な取り組み", "Policy"), new("事業", "Measure")],
            Source: "恵那市再犯防止推進計画 実施計画 進行管理シート (令和6年度評価・令和7年度実施予定)")),
        new("040002", "宮城県", "seeds/miyagi-pref.txt", ReportTemplate.Miyagi, "宮城県再犯防止推進計画", new NewPlanSettings(
            PeriodStart: new FiscalYear(2020), PeriodEnd: new FiscalYear(2024),
            Levels: [new("施策の方向性", "Policy direction"), new("事業", "Measure")],
            Source: "宮城県再犯防止推進計画の進行管理 (令和5年度実績・令和6年度計画)",
            Notes: ["計画期間は資料に明記がなく、第二次計画が令和7年度から5か年であることから令和2年度～令和6年度としています。",
                    "原資料の28～35番、36～44番の事業は抽出時に失われ、要約のみが残っているため読み込めませんでした。"])),
        new("132195", "狛江市", "plans/komae-city.ayumi.json", ReportTemplate.Komae),
        new("280003", "兵庫県", "plans/hyogo-pref.ayumi.json", ReportTemplate.Akita),
    ];

    /// <summary>How the seed of <paramref name="organisationCode"/> is imported: the plan's name and what its sheet does not say.</summary>
    internal static ImportOptions OptionsFor(string organisationCode)
    {
        var seed = Seeds.Single(s => s.Code == organisationCode && s.PlanName is not null);
        return new ImportOptions(seed.PlanName, seed.Plan);
    }

    /// <summary>The folder that holds <c>seeds/</c> and <c>plans/</c>, copied beside the application.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "demo");

    /// <summary>Loads all five seeds when the database holds no organisation yet, in one transaction.</summary>
    /// <returns>The warnings about lines that could not be read, or null when the database was not empty.</returns>
    public async Task<IReadOnlyList<string>?> LoadIfEmptyAsync(string folder, CancellationToken cancellationToken = default)
    {
        if (await db.Organisations.AnyAsync(cancellationToken)) return null;
        var (organisations, warnings) = Read(folder);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Organisations.AddRange(organisations);
        db.InsertAddedRecordsInBulk = true;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var warning in warnings) logger.LogWarning("Demo data: {Warning}", warning);
        logger.LogInformation("Demo data: loaded {Count} organisations from {Folder}", organisations.Count, folder);
        return warnings;
    }

    /// <summary>Reads every seed into memory; throws <see cref="SeedFormatException"/> on the first error.</summary>
    public static (List<Organisation> Organisations, List<string> Warnings) Read(string folder)
    {
        var organisations = new List<Organisation>();
        var warnings = new List<string>();
        foreach (var seed in Seeds)
        {
            var path = Path.Combine(folder, seed.File);
            if (!File.Exists(path)) throw new SeedFormatException(seed.File, 0, $"the demo file is missing from {folder}.");
            if (seed.PlanName is null)
            {
                var loaded = PlanFileReader.Load(Path.GetFileName(path), File.ReadAllBytes(path), null);
                foreach (var plan in loaded.Plans) plan.ReportTemplateName = seed.Template;
                organisations.Add(loaded);
                continue;
            }
            var organisation = new Organisation(LocalGovernmentCode.Parse(seed.Code), seed.Name);
            var report = Import(organisation, path, OptionsFor(seed.Code));
            warnings.AddRange(report.Warnings.Select(w => $"{Describe(w.Where)}: {w.English}"));
            foreach (var plan in organisation.Plans)
            {
                plan.RecordPublishedYears();
                plan.ReportTemplateName = seed.Template;
            }
            organisations.Add(organisation);
        }
        return (organisations, warnings);
    }

    private static ImportReport Import(Organisation organisation, string path, ImportOptions options)
    {
        var fileName = Path.GetFileName(path);
        Workbook workbook;
        try
        {
            using var stream = File.OpenRead(path);
            workbook = WorkbookReader.Read(fileName, stream, ReadLimits.Default);
        }
        catch (ImportFileException e) { throw new SeedFormatException(fileName, e.Problem.Where.Row ?? 0, e.Problem.English); }
        var report = PlanImporter.Run(organisation, workbook, options);
        if (report.Errors.FirstOrDefault() is { } error) throw new SeedFormatException(fileName, error.Where.Row ?? 0, error.English);
        return report;
    }

    private static string Describe(SourceLocation where) => $"{where.File}:{where.Row}";
}
