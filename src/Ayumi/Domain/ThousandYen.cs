using System.Globalization;
using System.Text;

namespace Ayumi.Domain;

/// <summary>
/// An amount of money in thousands of yen (千円), the unit of Japanese public budgets.
/// 2,362 means ¥2,362,000. Never negative.
/// </summary>
/// <remarks>
/// "No budget" (<c>-</c> or an empty cell in the sheets) is a missing value
/// (<c>ThousandYen?</c> null), distinct from a budget of 0.
/// </remarks>
public readonly record struct ThousandYen : IComparable<ThousandYen>
{
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative.</exception>
    public ThousandYen(long value)
    {
        if (value < 0) throw new ArgumentOutOfRangeException(nameof(value), value, "A budget cannot be negative.");
        Value = value;
    }

    /// <summary>The amount in thousand yen.</summary>
    public long Value { get; }

    /// <summary>The amount in yen.</summary>
    public decimal Yen => Value * 1000m;

    public static ThousandYen operator +(ThousandYen a, ThousandYen b) => new(a.Value + b.Value);

    public int CompareTo(ThousandYen other) => Value.CompareTo(other.Value);

    /// <summary>2,362 (with thousands separators, no unit).</summary>
    public override string ToString() => Value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>2,362千円.</summary>
    public string ToStringWithUnit() => $"{this}千円";

    /// <summary>
    /// Reads a budget cell: <c>2,362</c>, <c>２，３６２</c>, <c>3,242,800</c>, <c>0</c>. A blank cell,
    /// <c>-</c>, <c>－</c> or <c>―</c> means "no budget" and gives null.
    /// </summary>
    /// <exception cref="FormatException">The cell holds text that is not an amount.</exception>
    public static ThousandYen? ParseCell(string? cell)
    {
        if (IsNone(cell)) return null;
        return TryParse(cell, out var amount) ? amount : throw new FormatException($"'{cell}' is not an amount in thousand yen.");
    }

    public static bool TryParse(string? text, out ThousandYen amount)
    {
        amount = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var normalized = text.Normalize(NormalizationForm.FormKC).Replace(",", "").Replace("千円", "").Trim();
        if (!long.TryParse(normalized, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return false;
        amount = new ThousandYen(value);
        return true;
    }

    /// <summary>Blank, or a dash (-, －, ―) that the sheets write for "no budget".</summary>
    public static bool IsNone(string? cell) => WrittenForms.SheetMarks.IsDash(cell);
}
