using System.Text;
using System.Text.RegularExpressions;

namespace Ayumi.Domain;

/// <summary>The rank of an administrative unit: 部/局 above 課/室, above 係/班.</summary>
public enum DepartmentLevel
{
    /// <summary>部, 局, 本部, 委員会.</summary>
    Division,
    /// <summary>課, 室, センター and other units a measure is assigned to.</summary>
    Section,
    /// <summary>係, 班, グループ.</summary>
    Unit,
}

/// <summary>
/// A department as written in a sheet, read into its units, top first:
/// <c>社会福祉課(団体指導班)</c> → 社会福祉課 / 団体指導班;
/// <c>県警本部組織犯罪対策第二課・企画推進係</c> → 県警本部 / 組織犯罪対策第二課 / 企画推進係.
/// </summary>
public sealed partial record DepartmentPath(IReadOnlyList<string> Units)
{
    /// <summary>The department as the sheet wrote it.</summary>
    public string Written { get; init; } = string.Join(" ", Units);

    public override string ToString() => string.Join(" ", Units);

    public bool EndsWith(IReadOnlyList<string> tail) =>
        tail.Count <= Units.Count && Units.Skip(Units.Count - tail.Count).SequenceEqual(tail);

    public static DepartmentLevel LevelOf(string unit) =>
        UnitSuffix().IsMatch(unit) ? DepartmentLevel.Unit
        : DivisionSuffix().IsMatch(unit) ? DepartmentLevel.Division
        : DepartmentLevel.Section;

    /// <summary>Reads one department.</summary>
    /// <exception cref="FormatException">The text is empty.</exception>
    public static DepartmentPath Parse(string text)
    {
        var normalized = Normalize(text);
        if (normalized.Length == 0) throw new FormatException("A department name is empty.");
        var units = new List<string>();
        var paren = Parenthesised().Match(normalized);
        var main = paren.Success ? normalized.Remove(paren.Index, paren.Length).Trim() : normalized;

        var division = DivisionPrefix().Match(main);
        if (division.Success)
        {
            units.Add(division.Groups["division"].Value);
            main = division.Groups["rest"].Value;
        }
        var sectionAndUnit = SectionThenUnit().Match(main);
        if (sectionAndUnit.Success)
        {
            units.Add(sectionAndUnit.Groups["section"].Value.Trim());
            units.Add(sectionAndUnit.Groups["unit"].Value.Trim());
        }
        else units.Add(main.Trim());
        if (paren.Success) units.Add(paren.Groups["inner"].Value.Trim());
        return new DepartmentPath(units.Where(u => u.Length > 0).ToList()) { Written = text.Trim() };
    }

    /// <summary>
    /// Reads a cell that may name several departments: separated by 、 or ， (Akita), or by
    /// spaces between names that each end in 課, 室, 部 or センター (Ena's <c>総務課 社会福祉課</c>).
    /// A space before a 係/班 or a parenthesis continues the same department.
    /// </summary>
    public static IReadOnlyList<DepartmentPath> ParseList(string text)
    {
        var result = new List<DepartmentPath>();
        foreach (var item in Normalize(text).Split(['、', ',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = item.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var current = new StringBuilder();
            foreach (var word in words)
            {
                var startsNew = current.Length > 0 && SiblingEnd().IsMatch(current.ToString()) && SiblingEnd().IsMatch(word) && !word.StartsWith('(');
                if (startsNew)
                {
                    result.Add(Parse(current.ToString()));
                    current.Clear();
                }
                if (current.Length > 0) current.Append(' ');
                current.Append(word);
            }
            if (current.Length > 0) result.Add(Parse(current.ToString()));
        }
        return result;
    }

    private static string Normalize(string text) =>
        Whitespace().Replace(text.Replace('（', '(').Replace('）', ')').Replace('\u3000', ' '), " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\((?<inner>[^()]+)\)")]
    private static partial Regex Parenthesised();

    // 県警本部組織犯罪対策第二課 → 県警本部 + 組織犯罪対策第二課; 健康福祉部 alone stays whole.
    [GeneratedRegex(@"^(?<division>.+?(?:本部|部|局))(?<rest>[^部局]+[課室].*)$")]
    private static partial Regex DivisionPrefix();

    [GeneratedRegex(@"^(?<section>.+[課室])[・\s]*(?<unit>[^課室]+[係班])$")]
    private static partial Regex SectionThenUnit();

    [GeneratedRegex(@"(?:係|班|グループ)$")]
    private static partial Regex UnitSuffix();

    [GeneratedRegex(@"(?:部|局|本部|委員会)$")]
    private static partial Regex DivisionSuffix();

    [GeneratedRegex(@"(?:課|室|部|局|センター|委員会)$")]
    private static partial Regex SiblingEnd();
}
