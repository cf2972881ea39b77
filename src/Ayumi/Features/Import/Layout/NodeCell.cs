using System.Text.RegularExpressions;

namespace Ayumi.Features.Import.Layout;

/// <summary>
/// A goal or policy as a sheet writes it, in a column or as a section row:
/// <c>(1)住居・就労の確保など</c>, <c>1 就労の確保に関する支援 (2 就労の確保に関する支援)</c>
/// (the bracket gives the next plan's number and name), or a bare name.
/// </summary>
public sealed partial record NodeCell(string Code, string Title, string? NextCode = null, string? NextTitle = null)
{
    public static NodeCell Parse(string text)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success) return new NodeCell(text.Trim(), text.Trim());
        var code = match.Groups["code"].Value;
        return new NodeCell(code.Trim(), match.Groups["title"].Value.Trim(),
            match.Groups["nextCode"].Success ? match.Groups["nextCode"].Value : null,
            match.Groups["nextTitle"].Success ? match.Groups["nextTitle"].Value.Trim() : null);
    }

    /// <summary>A section row: a whole row holding only <c>(1)title</c> or <c>（１）title</c>.</summary>
    public static NodeCell? ParseSection(string text)
    {
        var match = SectionPattern().Match(text.Trim());
        return match.Success ? new NodeCell($"({match.Groups["number"].Value.Normalize(System.Text.NormalizationForm.FormKC)})", match.Groups["title"].Value.Trim()) : null;
    }

    [GeneratedRegex(@"^(?<code>[(（]\d+[)）]|\d+|[①-⑳]|第\d+)\s*[.．、]?\s*(?<title>[^(（]+?)\s*(?:[(（](?<nextCode>\d+)\s+(?<nextTitle>[^)）]+)[)）])?$")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^[(（](?<number>\d+)[)）]\s*(?<title>\D.*)$")]
    private static partial Regex SectionPattern();
}
