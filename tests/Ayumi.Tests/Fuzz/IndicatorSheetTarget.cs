using System.Globalization;
using Ayumi.Data;
using Ayumi.Features.Import;
using Ayumi.Features.Import.Reading;
using Ayumi.Features.Indicators;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ayumi.Tests.Fuzz;

/// <summary>
/// The indicator sheet import (<see cref="IndicatorImport"/>, read then committed, as the
/// secretariat's page does it) fed with a sheet of Hyogo's fifteen activity indicators, as
/// tab-separated text and as .xlsx, imported into Hyogo's demo plan.
/// </summary>
public sealed class IndicatorSheetTarget : FuzzTarget
{
    public static IndicatorSheetTarget Instance { get; } = new();

    private const string Hyogo = "280003";

    public override string Format => "indicator-sheet";

    public override IReadOnlyList<FuzzSeed> Seeds { get; }

    private IndicatorSheetTarget()
    {
        var table = SeedTable();
        Seeds =
        [
            new("tsv", "hyogo-indicators.tsv", SheetRendering.Tsv(table), table),
            new("xlsx", "hyogo-indicators.xlsx", SheetRendering.Xlsx(table), table),
        ];
    }

    /// <summary>The sheet Hyogo would send: every indicator with its baseline repeated, two years of actuals and the target.</summary>
    private static List<string[]> SeedTable()
    {
        var plan = Features.Demo.DemoData.Read(TestPaths.Demo).Organisations.Single(o => o.Code.Value == Hyogo).Plans.Single();
        var rows = new List<string[]> { new[] { "兵庫県 活動指標の実績" }, new[] { "行動", "活動指標", "2017 (H29)", "2019年度実績", "R2", "2021 目標" } };
        foreach (var (indicator, i) in plan.Indicators.Select((x, i) => (x, i)))
        {
            var baseline = indicator.BaselineValue ?? 10;
            decimal Later(int years) => indicator.IsPercentage ? Math.Min(100, baseline + years * 0.5m) : baseline + years * 3;
            rows.Add([$"行動{i % 8 + 1}", $"{indicator.Code}{indicator.Name}", Value(baseline, indicator.Unit), Value(Later(2), indicator.Unit), Value(Later(3), ""), "全国平均以上"]);
        }
        return rows;
    }

    private static string Value(decimal value, string unit) => value.ToString("#,0.##", CultureInfo.InvariantCulture) + unit;

    public override byte[] Mutate(Random random, FuzzSeed seed)
    {
        var bytes = seed.Bytes;
        if (random.Next(2) == 0)
        {
            var table = seed.Table!;
            for (var n = random.Next(1, 4); n > 0; n--) table = TableMutations.Mutate(random, table);
            bytes = seed.Name == "xlsx" ? SheetRendering.Xlsx(table) : SheetRendering.Tsv(table);
        }
        for (var n = random.Next(0, 3); n > 0; n--)
            bytes = seed.Name == "xlsx" ? ContainerMutations.MutateXlsx(random, bytes) : ByteMutations.Mutate(random, bytes);
        return bytes;
    }

    public override async Task<FuzzOutcome> RunAsync(IServiceProvider services, FuzzSeed seed, string fileName, byte[] content, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AyumiDbContext>();
        var import = scope.ServiceProvider.GetRequiredService<IndicatorImport>();
        // The plan as the import page loads it.
        var plan = await db.Plans.Include(p => p.Organisation).Include(p => p.Indicators)
            .SingleAsync(p => p.Organisation.Code == Ayumi.Domain.LocalGovernmentCode.Parse(Hyogo), cancellationToken);
        IndicatorSheet sheet;
        try
        {
            sheet = await import.ReadAsync(plan, fileName, new MemoryStream(content), ReadLimits.Default, cancellationToken);
        }
        catch (ImportFileException e)
        {
            CheckMessages([e.Problem]);
            return FuzzOutcome.Refused;
        }
        CheckMessages(sheet.Problems);
        if (!await import.CommitAsync(sheet, cancellationToken))
        {
            CheckMessages(sheet.Problems);
            return FuzzOutcome.Refused;
        }
        return sheet.Changes.Count > 0 ? FuzzOutcome.Written : FuzzOutcome.Unchanged;
    }
}
