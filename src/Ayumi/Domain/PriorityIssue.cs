namespace Ayumi.Domain;

/// <summary>
/// One of the seven priority issues (重点課題) of the national plan (第二次再犯防止推進計画,
/// 閣議決定 2023-03-17), under which every local plan's measures can be read across the country.
/// They are the national plan's own list, so they are built in; their sub-areas and numbered
/// measures are reference data (<see cref="NationalPlanReference"/>).
/// </summary>
public sealed record PriorityIssue
{
    private PriorityIssue(int number, string name, string nameEn)
    {
        Number = number;
        Name = name;
        NameEn = nameEn;
    }

    /// <summary>1–7, the national plan's order.</summary>
    public int Number { get; }

    /// <summary>The national plan's wording.</summary>
    public string Name { get; }

    public string NameEn { get; }

    public static IReadOnlyList<PriorityIssue> All { get; } =
    [
        new(1, "就労・住居の確保等", "Securing employment and housing"),
        new(2, "保健医療・福祉サービスの利用の促進等", "Access to health care and welfare services"),
        new(3, "学校等と連携した修学支援の実施等", "Support for schooling in cooperation with schools"),
        new(4, "犯罪をした者等の特性に応じた効果的な指導の実施等", "Effective guidance suited to each offender's characteristics"),
        new(5, "民間協力者の活動の促進等", "Promoting the activities of private volunteers and partners"),
        new(6, "地域による包摂の推進", "Inclusion by the local community"),
        new(7, "再犯防止に向けた基盤の整備等", "Building the foundations for preventing reoffending"),
    ];

    /// <exception cref="DomainException">The number is not 1–7.</exception>
    public static PriorityIssue Numbered(int number) =>
        number is >= 1 and <= 7 ? All[number - 1] : throw new DomainException($"There is no priority issue {number}; the national plan has seven.", "domain.noPriorityIssue", number);

    public string NameIn(bool english) => english ? NameEn : Name;

    public override string ToString() => $"{Number} {Name}";
}
