namespace Ayumi.Domain;

/// <summary>
/// A band of residents for finding organisations of a similar size (docs/search.md). A documented simplification of
/// 総務省's 類似団体 grouping, which cuts cities at 5万, 10万 and 15万 and towns at 5千, 1万, 1.5万 and 2万: seven bands from
/// villages to the largest prefectures, the same for every kind of organisation. The upper bound is exclusive.
/// </summary>
public sealed record PopulationBand(string Key, int Minimum, int? Below)
{
    public static IReadOnlyList<PopulationBand> All { get; } =
    [
        new("under-10k", 0, 10_000),
        new("10k-50k", 10_000, 50_000),
        new("50k-100k", 50_000, 100_000),
        new("100k-200k", 100_000, 200_000),
        new("200k-500k", 200_000, 500_000),
        new("500k-1m", 500_000, 1_000_000),
        new("1m-plus", 1_000_000, null),
    ];

    public static PopulationBand? Find(string? key) => All.FirstOrDefault(b => b.Key == key);

    public bool Contains(int population) => population >= Minimum && (Below is not { } below || population < below);
}
