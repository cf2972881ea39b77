using System.Globalization;
using System.Text;

namespace Ayumi.Domain;

/// <summary>What the suggester reads of a measure.</summary>
public sealed record MeasureText(string Title, string? Description, IReadOnlyList<string> Departments)
{
    /// <summary>The measure's title, description and departments (their full paths: 社会福祉課 団体指導班); needs the departments' parents.</summary>
    public static MeasureText Of(Measure measure) =>
        new(measure.Title, measure.Description, measure.Departments.OrderBy(d => d.Order).Select(d => d.Department.Path.ToString()).ToList());
}

/// <summary>A priority issue the suggester proposes for a measure, with the sub-areas it proposes under it and the keywords that led to it.</summary>
public sealed record TagSuggestion(PriorityIssue Issue, int Score, IReadOnlyList<string> Areas, IReadOnlyList<string> Keywords)
{
    public IEnumerable<IssueTag> Tags => Areas.Count == 0 ? [new IssueTag(Issue)] : Areas.Select(a => new IssueTag(Issue, a));
}

/// <summary>
/// Suggests a measure's priority issues from its text by keyword rules kept in a data file
/// (<c>Data/Reference/priority-issue-keywords.tsv</c>, its format in docs/priority-issues.md):
/// no model, no network, the same answer every time. A person confirms or corrects what it suggests.
/// </summary>
public sealed class TagSuggester
{
    private const string ResourceName = "Ayumi.Data.Reference.priority-issue-keywords.tsv";
    private const int TitleFactor = 2;

    private sealed record Rule(PriorityIssue Issue, string? Area, int Weight, string Keyword);

    private readonly IReadOnlyList<Rule> _rules;

    private TagSuggester(IReadOnlyList<Rule> rules, int threshold, int relativePercent)
    {
        _rules = rules;
        Threshold = threshold;
        RelativePercent = relativePercent;
    }

    /// <summary>The score an issue or sub-area needs to be suggested.</summary>
    public int Threshold { get; }

    /// <summary>An issue is suggested only when its score is at least this share (percent) of the best issue's score.</summary>
    public int RelativePercent { get; }

    public int RuleCount => _rules.Count;

    /// <summary>The rules shipped with Ayumi, over the sub-areas of <paramref name="reference"/>.</summary>
    public static TagSuggester Shipped(NationalPlanReference reference)
    {
        using var stream = typeof(TagSuggester).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Read(reader, reference);
    }

    /// <summary>Reads the rules: <c>threshold</c> and <c>relative</c> lines, then target, weight and keyword per line; # starts a comment.</summary>
    /// <exception cref="FormatException">A line is not a rule (its number and the reason are given).</exception>
    public static TagSuggester Read(TextReader reader, NationalPlanReference reference)
    {
        var rules = new List<Rule>();
        int? threshold = null;
        var relative = 0;
        var number = 0;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cells = line.Split('\t');
            if (cells[0] is "threshold" or "relative" && cells.Length == 2 && int.TryParse(cells[1], NumberStyles.None, CultureInfo.InvariantCulture, out var setting))
            {
                if (cells[0] == "threshold") threshold = setting;
                else relative = setting;
                continue;
            }
            if (cells.Length != 3) throw new FormatException($"line {number}: expected target, weight and keyword separated by tabs.");
            if (!int.TryParse(cells[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var weight) || weight == 0)
                throw new FormatException($"line {number}: '{cells[1]}' is not a weight (a whole number other than 0).");
            var keyword = Normalise(cells[2].Trim());
            if (keyword.Length == 0) throw new FormatException($"line {number}: the keyword is empty.");
            var (issue, area) = Target(cells[0].Trim(), reference, number);
            rules.Add(new Rule(issue, area, weight, keyword));
        }
        if (threshold is not > 0) throw new FormatException("the rules need a line 'threshold<TAB>N' with N above 0.");
        return new TagSuggester(rules, threshold.Value, relative);
    }

    private static (PriorityIssue Issue, string? Area) Target(string target, NationalPlanReference reference, int line)
    {
        if (int.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 7) return (PriorityIssue.Numbered(number), null);
        if (reference.Find(target) is { } area) return (area.Issue, area.Code);
        throw new FormatException($"line {line}: '{target}' is neither a priority issue (1–7) nor a sub-area of the reference tree.");
    }

    /// <summary>The issues the rules suggest for the measure, best first; none when no issue reaches the threshold.</summary>
    public IReadOnlyList<TagSuggestion> Suggest(MeasureText measure)
    {
        var title = Normalise(measure.Title);
        var description = Normalise(measure.Description ?? "");
        var departments = Normalise(string.Join(" ", measure.Departments));
        var issues = new Dictionary<PriorityIssue, (int Score, List<string> Keywords)>();
        var areas = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var rule in _rules)
        {
            var factor = title.Contains(rule.Keyword, StringComparison.Ordinal) ? TitleFactor
                : description.Contains(rule.Keyword, StringComparison.Ordinal) || departments.Contains(rule.Keyword, StringComparison.Ordinal) ? 1 : 0;
            if (factor == 0) continue;
            var (score, keywords) = issues.GetValueOrDefault(rule.Issue, (0, []));
            if (rule.Weight > 0) keywords.Add(rule.Keyword);
            issues[rule.Issue] = (score + rule.Weight * factor, keywords);
            if (rule.Area is { } area) areas[area] = areas.GetValueOrDefault(area) + rule.Weight * factor;
        }
        var best = issues.Values.Select(v => v.Score).DefaultIfEmpty(0).Max();
        return issues
            .Where(i => i.Value.Score >= Threshold && i.Value.Score * 100 >= RelativePercent * best)
            .OrderByDescending(i => i.Value.Score).ThenBy(i => i.Key.Number)
            .Select(i => new TagSuggestion(i.Key, i.Value.Score,
                areas.Where(a => a.Value >= Threshold && _rules.Any(r => r.Area == a.Key && r.Issue == i.Key)).Select(a => a.Key).Order(StringComparer.Ordinal).ToList(),
                i.Value.Keywords.Distinct().ToList()))
            .ToList();
    }

    private static string Normalise(string text) => text.Normalize(NormalizationForm.FormKC);
}
