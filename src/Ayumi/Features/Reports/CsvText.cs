using System.Globalization;
using System.Text;

namespace Ayumi.Features.Reports;

/// <summary>
/// CSV as Japanese offices open it: UTF-8 with a byte order mark (Excel then reads it without
/// garbling), CRLF line ends, RFC 4180 quoting. Text that Excel would run as a formula
/// (=, +, -, @) is prefixed with an apostrophe, Excel's own mark for "this is text".
/// </summary>
public sealed class CsvText
{
    private readonly StringBuilder _text = new();

    public CsvText Row(IEnumerable<string> cells)
    {
        _text.AppendJoin(',', cells.Select(Field));
        _text.Append("\r\n");
        return this;
    }

    public byte[] ToBytes() => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(_text.ToString())];

    /// <summary>A cell Excel would evaluate; a lone dash (no budget) or a negative number is left alone.</summary>
    public static bool IsFormulaLike(string value) =>
        value.Length > 1 && (value[0] is '=' or '+' or '@' || (value[0] == '-' && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _)));

    private static string Field(string value)
    {
        var text = IsFormulaLike(value) ? "'" + value : value;
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
    }
}
