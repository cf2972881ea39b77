using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.PlanFiles;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Demo;

/// <summary>
/// The five seed documents as demo data: Akita, Ena and Miyagi read from their text,
/// Komae and Hyogo from their transcription in Ayumi's plan file format.
/// </summary>
public sealed class DemoData(AyumiDbContext db, ILogger<DemoData> logger)
{
    private static readonly (string Code, string Name, string File, Func<SeedText, Organisation, Plan>? TextReader)[] Seeds =
    [
        ("052019", "秋田市", "seeds/akita-city.txt", AkitaMeasureList.Read),
        ("212105", "恵那市", "seeds/ena-city.txt", EnaProgressSheet.Read),
        ("040002", "宮城県", "seeds/miyagi-pref.txt", MiyagiProgressSheet.Read),
        ("132195", "狛江市", "plans/komae-city.ayumi.json", null),
        ("280003", "兵庫県", "plans/hyogo-pref.ayumi.json", null),
    ];

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
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var warning in warnings) logger.LogWarning("Demo data: {Warning}", warning);
        logger.LogInformation("Demo data: loaded {Count} organisations from {Folder}", organisations.Count, folder);
        return warnings;
    }

    /// <summary>Reads every seed into memory; throws <see cref="SeedFormatException"/> on the first unreadable line.</summary>
    public static (List<Organisation> Organisations, List<string> Warnings) Read(string folder)
    {
        var organisations = new List<Organisation>();
        var warnings = new List<string>();
        foreach (var (code, name, file, textReader) in Seeds)
        {
            var path = Path.Combine(folder, file);
            if (!File.Exists(path)) throw new SeedFormatException(file, 0, $"the demo file is missing from {folder}.");
            if (textReader is null)
            {
                organisations.Add(PlanFileReader.Load(Path.GetFileName(path), File.ReadAllBytes(path), null));
                continue;
            }
            var organisation = new Organisation(LocalGovernmentCode.Parse(code), name);
            var text = SeedText.Read(path);
            textReader(text, organisation);
            foreach (var plan in organisation.Plans) plan.RecordPublishedYears();
            warnings.AddRange(text.Warnings);
            organisations.Add(organisation);
        }
        return (organisations, warnings);
    }
}
