namespace Ayumi.Domain.WrittenForms;

/// <summary>Spreadsheet column letters for 0-based column indexes: 0 ↔ A, 25 ↔ Z, 26 ↔ AA.</summary>
public static class ColumnLetters
{
    public static string Format(int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        var letters = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26) letters = (char)('A' + (n - 1) % 26) + letters;
        return letters;
    }

    /// <summary>A, aa, Ｆ: the 0-based column; false for anything that is not letters only.</summary>
    public static bool TryParse(string? text, out int column)
    {
        column = -1;
        var letters = text?.Trim().Normalize(System.Text.NormalizationForm.FormKC).ToUpperInvariant() ?? "";
        if (letters.Length is 0 or > 3 || !letters.All(char.IsAsciiLetterUpper)) return false;
        column = letters.Aggregate(0, (n, c) => n * 26 + c - 'A' + 1) - 1;
        return true;
    }

    public static int Parse(string text) =>
        TryParse(text, out var column) ? column : throw new FormatException($"'{text}' is not a column (A, B, …, Z, AA…).");
}
