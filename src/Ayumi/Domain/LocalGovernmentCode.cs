using System.Text;

namespace Ayumi.Domain;

/// <summary>
/// A six-digit 全国地方公共団体コード: two digits of prefecture, three of municipality
/// (000 for the prefecture itself) and a check digit. 052019 is Akita City, 040002 Miyagi
/// Prefecture.
/// </summary>
public sealed record LocalGovernmentCode
{
    private LocalGovernmentCode(string value) => Value = value;

    /// <summary>The six digits.</summary>
    public string Value { get; }

    /// <summary>Whether the code names a prefecture rather than a municipality.</summary>
    public bool IsPrefecture => Value[2..5] == "000";

    /// <exception cref="FormatException">Not six digits, no such prefecture, or a wrong check digit.</exception>
    public static LocalGovernmentCode Parse(string text) =>
        TryParse(text, out var code, out var reason) ? code : throw new FormatException(reason);

    public static bool TryParse(string? text, out LocalGovernmentCode code, out string reason)
    {
        code = null!;
        var digits = (text ?? "").Normalize(NormalizationForm.FormKC).Trim();
        if (digits.Length != 6 || !digits.All(char.IsAsciiDigit))
        {
            reason = $"'{text}' is not a local government code: it must be six digits (e.g. 052019).";
            return false;
        }
        var prefecture = int.Parse(digits[..2]);
        if (prefecture is < 1 or > 47)
        {
            reason = $"'{text}' is not a local government code: {digits[..2]} is not a prefecture number (01–47).";
            return false;
        }
        var expected = CheckDigit(digits[..5]);
        if (digits[5] - '0' != expected)
        {
            reason = $"'{text}' is not a local government code: its check digit should be {expected}.";
            return false;
        }
        reason = "";
        code = new LocalGovernmentCode(digits);
        return true;
    }

    /// <summary>The check digit of the first five digits (weights 6, 5, 4, 3, 2, modulus 11).</summary>
    public static int CheckDigit(string firstFive)
    {
        var sum = 0;
        for (var i = 0; i < 5; i++) sum += (firstFive[i] - '0') * (6 - i);
        var remainder = sum % 11;
        return (11 - remainder) % 10;
    }

    public override string ToString() => Value;
}
