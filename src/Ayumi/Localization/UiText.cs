using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Localization;

namespace Ayumi.Localization;

/// <summary>
/// The screens' words in Japanese (the default) and English, from <c>Localization/ja.json</c>
/// and <c>en.json</c>. Keys are English identifiers; both files must hold the same keys.
/// </summary>
public sealed class UiText
{
    public const string Japanese = "ja";
    public const string English = "en";

    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> _byLanguage;

    public UiText()
    {
        _byLanguage = new[] { Japanese, English }.ToFrozenDictionary(l => l, Load);
    }

    public IReadOnlyCollection<string> Keys(string language) => _byLanguage[language].Keys;

    /// <summary>The text for <paramref name="key"/> in the current UI culture.</summary>
    /// <exception cref="KeyNotFoundException">No such key: a typo in a view must fail loudly, not show a key to users.</exception>
    public string this[string key] => _byLanguage[CurrentLanguage].TryGetValue(key, out var text)
        ? text : throw new KeyNotFoundException($"UI text '{key}' is missing from Localization/{CurrentLanguage}.json.");

    /// <summary>Whether there is a text for <paramref name="key"/>: for words looked up from stored values, such as a status in the audit trail.</summary>
    public bool Has(string key) => _byLanguage[CurrentLanguage].ContainsKey(key);

    /// <summary>A date as the screen's language writes it: 令和7年5月31日, or 31 May 2025.</summary>
    public string Date(DateOnly date) => JapanTimeText.FormatDate(date, CurrentLanguage);

    /// <summary>Formats the text for <paramref name="key"/> with arguments ({0}, {1}…).</summary>
    public string Format(string key, params object?[] args) => string.Format(CultureInfo.CurrentCulture, this[key], args);

    public static string CurrentLanguage => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == English ? English : Japanese;

    private static FrozenDictionary<string, string> Load(string language)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Ayumi.Localization.{language}.json")
            ?? throw new InvalidOperationException($"Localization/{language}.json is not embedded.");
        return (JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? []).ToFrozenDictionary();
    }
}

public static class LocalizationSetup
{
    public static IServiceCollection AddAyumiLocalization(this IServiceCollection services) => services.AddSingleton<UiText>();

    /// <summary>Japanese unless the visitor chose English (cookie, or <c>?culture=en</c>).</summary>
    public static WebApplication UseAyumiLocalization(this WebApplication app)
    {
        var cultures = new[] { new CultureInfo(UiText.Japanese), new CultureInfo(UiText.English) };
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(UiText.Japanese),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()],
        });
        app.MapGet("/language", (string culture, string? returnUrl, HttpContext context) =>
        {
            var language = culture == UiText.English ? UiText.English : UiText.Japanese;
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            return Results.LocalRedirect(returnUrl is { } url && Uri.IsWellFormedUriString(url, UriKind.Relative) && url.StartsWith('/') && !url.StartsWith("//") ? url : "/");
        }).ExcludeFromDescription();
        return app;
    }
}
