using Ayumi.Domain;

namespace Ayumi.Features.Organisations;

public static class OrganisationText
{
    /// <summary>The screens' word for a kind of organisation: 都道府県, 市区町村, 広域連合・一部事務組合.</summary>
    public static string KindKey(OrganisationKind kind) => kind switch
    {
        OrganisationKind.Prefecture => "kind.prefecture",
        OrganisationKind.Municipality => "kind.municipality",
        _ => "kind.wideAreaUnion",
    };
}
