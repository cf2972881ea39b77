using System.Text;
using Ayumi.Domain;
using Ayumi.Features.Demo;
using Ayumi.Features.Import;
using Ayumi.Tests.Import;
using Microsoft.Extensions.DependencyInjection;

namespace Ayumi.Tests.Fuzz;

/// <summary>
/// The progress-sheet importer (<see cref="ImportRun"/>, committing) fed with the three sheet seeds
/// (Akita, Ena, Miyagi) in one format, each imported into its own demo organisation, as a secretariat
/// imports next year's sheet.
/// </summary>
public sealed class SheetTarget : FuzzTarget
{
    private static readonly SeedFile[] SheetSeeds = [SeedFile.Akita, SeedFile.Ena, SeedFile.Miyagi];

    private SheetTarget(string format, IReadOnlyList<FuzzSeed> seeds)
    {
        Format = format;
        Seeds = seeds;
    }

    public override string Format { get; }
    public override IReadOnlyList<FuzzSeed> Seeds { get; }

    public static SheetTarget Tsv { get; } = Rendered("tsv", SheetRendering.Tsv);
    public static SheetTarget Csv { get; } = Rendered("csv", SheetRendering.Csv);
    public static SheetTarget Xlsx { get; } = Rendered("xlsx", SheetRendering.Xlsx);

    /// <summary>Made once per run with LibreOffice, as the other .xls tests make theirs (nothing in .NET writes BIFF8).</summary>
    public static SheetTarget Xls => LazyXls.Value;

    private static readonly Lazy<SheetTarget> LazyXls = new(() =>
    {
        var xls = LibreOffice.ConvertToXls(Xlsx.Seeds.Select(s => s.Bytes).ToList());
        return new SheetTarget("xls", [.. Xlsx.Seeds.Select((s, i) => s with { FileName = Path.ChangeExtension(s.FileName, "xls"), Bytes = xls[i] })]);
    });

    private static SheetTarget Rendered(string format, Func<List<string[]>, byte[]> render) =>
        new(format, [.. SheetSeeds.Select(s =>
        {
            var table = s.Lines();
            return new FuzzSeed(SeedName(s), Path.ChangeExtension(s.FileName, format), render(table), table);
        })]);

    private static string SeedName(SeedFile seed) => seed.FileName.Split('-')[0];

    public override byte[] Mutate(Random random, FuzzSeed seed)
    {
        var bytes = Format switch
        {
            "xls" => seed.Bytes,
            _ when random.Next(2) == 0 => Render(TableMutationsOf(random, seed.Table!)),
            _ => seed.Bytes,
        };
        for (var n = random.Next(Format == "xls" ? 1 : 0, 3); n > 0; n--)
            bytes = Format switch
            {
                "xls" => ContainerMutations.MutateXls(random, bytes),
                "xlsx" => ContainerMutations.MutateXlsx(random, bytes),
                _ when random.Next(6) == 0 => ByteMutations.Reencode(random, bytes),
                _ => ByteMutations.Mutate(random, bytes),
            };
        return bytes;
    }

    private static List<string[]> TableMutationsOf(Random random, List<string[]> table)
    {
        for (var n = random.Next(1, 4); n > 0; n--) table = TableMutations.Mutate(random, table);
        return table;
    }

    private byte[] Render(List<string[]> table) => Format switch
    {
        "tsv" => SheetRendering.Tsv(table),
        "csv" => SheetRendering.Csv(table),
        _ => SheetRendering.Xlsx(table),
    };

    public override async Task<FuzzOutcome> RunAsync(IServiceProvider services, FuzzSeed seed, string fileName, byte[] content, CancellationToken cancellationToken)
    {
        var code = SheetSeeds.Single(s => SeedName(s) == seed.Name).Code;
        await using var scope = services.CreateAsyncScope();
        var run = scope.ServiceProvider.GetRequiredService<ImportRun>();
        var report = await run.RunAsync(LocalGovernmentCode.Parse(code), fileName, new MemoryStream(content), DemoData.OptionsFor(code), commit: true,
            cancellationToken: cancellationToken);
        CheckMessages(report.Problems);
        // Not Counts.ChangesNothing: an import that only adds a plan's note (a ※ line) commits it and counts nothing.
        return report.HasErrors ? FuzzOutcome.Refused : FuzzOutcome.Written;
    }
}

/// <summary>Rows of cells written as the files offices send: tab-separated, CSV, .xlsx.</summary>
internal static class SheetRendering
{
    public static byte[] Tsv(List<string[]> rows) => Encoding.UTF8.GetBytes(string.Concat(rows.Select(r => string.Join('\t', r) + "\n")));

    public static byte[] Csv(List<string[]> rows) =>
        Encoding.UTF8.GetBytes(string.Concat(rows.Select(r => string.Join(',', r.Select(Quoted)) + "\r\n")));

    private static string Quoted(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;

    /// <summary>Text cells only, as the seeds are text; characters XML cannot hold are left out, as Excel does not write them either.</summary>
    public static byte[] Xlsx(List<string[]> rows) =>
        new XlsxBuilder().Sheet("Sheet1", s =>
        {
            for (var i = 0; i < rows.Count; i++)
                if (rows[i].Length > 0) s.Row(i + 1, [.. rows[i].Select(c => (object?)XmlSafe(c))]);
        }).ToBytes();

    private static string XmlSafe(string text)
    {
        var safe = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) safe.Append(c).Append(text[++i]);
            else if (!char.IsSurrogate(c) && (c >= ' ' || c is '\t' or '\n' or '\r') && c is not ('\uFFFE' or '\uFFFF')) safe.Append(c);
        }
        return safe.ToString();
    }
}
