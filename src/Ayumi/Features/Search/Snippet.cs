using System.Net;
using System.Text;

namespace Ayumi.Features.Search;

/// <summary>The passage of a document around its first match, HTML-encoded, every match in it marked.</summary>
public static class Snippet
{
    private const int Before = 30;
    private const int After = 90;

    /// <param name="text">The document's normalised text (its fields a line each).</param>
    /// <param name="query">The normalised query, which the text holds.</param>
    public static string Of(string text, string query)
    {
        var at = text.IndexOf(query, StringComparison.Ordinal);
        if (at < 0) return WebUtility.HtmlEncode(text.Length > Before + After ? text[..(Before + After)] + "…" : text);
        // The field that holds the match, and a window of it.
        var fieldStart = text.LastIndexOf(SearchIndex.FieldSeparator, at) + 1;
        var fieldEnd = text.IndexOf(SearchIndex.FieldSeparator, at);
        if (fieldEnd < 0) fieldEnd = text.Length;
        var start = Math.Max(fieldStart, at - Before);
        var end = Math.Min(fieldEnd, at + query.Length + After);
        if (start > fieldStart && char.IsLowSurrogate(text[start])) start--;
        if (end < fieldEnd && char.IsLowSurrogate(text[end])) end++;
        var html = new StringBuilder();
        if (start > fieldStart) html.Append('…');
        var position = start;
        while (position < end)
        {
            var next = text.IndexOf(query, position, StringComparison.Ordinal);
            if (next < 0 || next + query.Length > end)
            {
                html.Append(WebUtility.HtmlEncode(text[position..end]));
                break;
            }
            html.Append(WebUtility.HtmlEncode(text[position..next])).Append("<mark>").Append(WebUtility.HtmlEncode(query)).Append("</mark>");
            position = next + query.Length;
        }
        if (end < fieldEnd) html.Append('…');
        return html.ToString();
    }
}
