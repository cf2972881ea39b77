namespace Ayumi.Domain;

/// <summary>
/// One local government of Japan's national list (全国地方公共団体コード with 住民基本台帳 population):
/// 岐阜県 恵那市 えなし 212105, parent 210005, 48,371 residents.
/// </summary>
/// <param name="Parent">The prefecture of a municipality; null for a prefecture.</param>
/// <param name="Population">Residents on 1 January 2022.</param>
public sealed record LocalGovernment(LocalGovernmentCode Code, OrganisationKind Kind, string Prefecture, string Name, string Reading, LocalGovernmentCode? Parent, int Population)
{
    /// <summary>岐阜県恵那市; a prefecture by its name alone.</summary>
    public string FullName => Kind == OrganisationKind.Prefecture ? Name : Prefecture + Name;
}

/// <summary>Why a code of the national list's source is not a local government an organisation can be.</summary>
public enum UnlistedReason
{
    /// <summary>Not a code of the list at all.</summary>
    Unknown,
    /// <summary>A 行政区 of a designated city: part of the city, which is the local government.</summary>
    Ward,
    /// <summary>A code with no residents (the six Northern Territories villages).</summary>
    NoPopulation,
}
