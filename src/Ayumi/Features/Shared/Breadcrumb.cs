namespace Ayumi.Features.Shared;

/// <summary>One step of the breadcrumb trail; the last step has no link (it is the current page).</summary>
public sealed record Breadcrumb(string Text, string? Href = null);

public static class BreadcrumbViewData
{
    public const string Key = "Breadcrumbs";

    public static IReadOnlyList<Breadcrumb> Breadcrumbs(this Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary viewData) =>
        viewData[Key] as IReadOnlyList<Breadcrumb> ?? [];
}
