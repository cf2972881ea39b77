using System.Globalization;
using System.Text;
using Ayumi.Domain;
using Ayumi.Features.Demo;

namespace Ayumi.Tests.PriorityIssues;

/// <summary>
/// The suggester's precision and recall on the five seeds' measures labelled by hand
/// (docs/priority-issue-labels.tsv): the rules were written on the development set (Akita, Ena,
/// Miyagi) and are measured on the test set (Komae, Hyogo) and on all five. The figures in
/// docs/priority-issues.md are the table this test computes.
/// </summary>
public class SuggesterEvaluationTests
{
    private static readonly string[] Development = ["052019", "212105", "040002"];
    private static readonly string[] Test = ["132195", "280003"];

    /// <summary>What the rules reached when they were written (micro-averaged precision and recall): the floor they must keep.</summary>
    private static readonly Dictionary<string, (double Precision, double Recall)> Floors = new()
    {
        ["development"] = (0.909, 0.976),
        ["test"] = (0.852, 0.821),
        ["all"] = (0.887, 0.913),
    };

    private sealed record Labelled(string Organisation, int Generation, string Key, IReadOnlySet<int> Issues);

    private sealed record Counts(int TruePositives, int FalsePositives, int FalseNegatives)
    {
        public static Counts operator +(Counts a, Counts b) => new(a.TruePositives + b.TruePositives, a.FalsePositives + b.FalsePositives, a.FalseNegatives + b.FalseNegatives);
        public double? Precision => TruePositives + FalsePositives == 0 ? null : (double)TruePositives / (TruePositives + FalsePositives);
        public double? Recall => TruePositives + FalseNegatives == 0 ? null : (double)TruePositives / (TruePositives + FalseNegatives);
    }

    private static readonly Lazy<List<(Labelled Label, IReadOnlySet<int> Suggested)>> Results = new(() =>
    {
        var labels = ReadLabels();
        var suggester = TagSuggester.Shipped(NationalPlanReference.Shipped());
        var measures = DemoData.Read(TestPaths.Demo).Organisations
            .SelectMany(o => o.Plans.SelectMany(p => p.Measures.Select(m => (Organisation: o.Code.Value, p.Generation, Measure: m)))).ToList();
        var unlabelled = measures.Where(m => !labels.ContainsKey((m.Organisation, m.Generation, m.Measure.Key))).Select(m => $"{m.Organisation} {m.Generation} {m.Measure.Key}").ToList();
        Assert.True(unlabelled.Count == 0, $"measures without a label: {string.Join(", ", unlabelled)}");
        Assert.Equal(labels.Count, measures.Count);
        return measures.Select(m => (labels[(m.Organisation, m.Generation, m.Measure.Key)],
            (IReadOnlySet<int>)suggester.Suggest(MeasureText.Of(m.Measure)).Select(s => s.Issue.Number).ToHashSet())).ToList();
    });

    private static Dictionary<(string, int, string), Labelled> ReadLabels()
    {
        var labels = new Dictionary<(string, int, string), Labelled>();
        foreach (var line in File.ReadLines(TestPaths.InRepository("docs", "priority-issue-labels.tsv")))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cells = line.Split('\t');
            var issues = cells[3] == "-" ? new HashSet<int>() : cells[3].Split(',').Select(int.Parse).ToHashSet();
            Assert.All(issues, i => Assert.InRange(i, 1, 7));
            var label = new Labelled(cells[0], int.Parse(cells[1], CultureInfo.InvariantCulture), cells[2], issues);
            Assert.True(labels.TryAdd((label.Organisation, label.Generation, label.Key), label), $"labelled twice: {line}");
        }
        return labels;
    }

    private static Counts CountsFor(IEnumerable<string> organisations, int? issue = null)
    {
        var total = new Counts(0, 0, 0);
        foreach (var (label, suggested) in Results.Value.Where(r => organisations.Contains(r.Label.Organisation)))
            foreach (var i in issue is { } only ? [only] : Enumerable.Range(1, 7))
                total += new Counts(suggested.Contains(i) && label.Issues.Contains(i) ? 1 : 0, suggested.Contains(i) && !label.Issues.Contains(i) ? 1 : 0,
                    !suggested.Contains(i) && label.Issues.Contains(i) ? 1 : 0);
        return total;
    }

    private static IEnumerable<(string Name, string[] Organisations)> Sets => [("development", Development), ("test", Test), ("all", [.. Development, .. Test])];

    private static string Figure(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "—";

    /// <summary>The tables docs/priority-issues.md shows between its markers.</summary>
    private static string Table()
    {
        var text = new StringBuilder();
        text.AppendLine("| set | measures | labelled issues | suggested issues | correct | precision | recall |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, organisations) in Sets)
        {
            var counts = CountsFor(organisations);
            var measures = Results.Value.Count(r => organisations.Contains(r.Label.Organisation));
            text.AppendLine($"| {name} | {measures} | {counts.TruePositives + counts.FalseNegatives} | {counts.TruePositives + counts.FalsePositives} | {counts.TruePositives} | {Figure(counts.Precision)} | {Figure(counts.Recall)} |");
        }
        text.AppendLine();
        text.AppendLine("| issue | development precision | development recall | test precision | test recall | all precision | all recall |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var issue in PriorityIssue.All)
        {
            var cells = Sets.Select(s => CountsFor(s.Organisations, issue.Number)).SelectMany(c => new[] { Figure(c.Precision), Figure(c.Recall) });
            text.AppendLine($"| {issue.Number} {issue.Name} | {string.Join(" | ", cells)} |");
        }
        return text.ToString();
    }

    [Fact]
    public void Every_seed_measure_is_labelled_once_and_every_label_names_a_measure() => Assert.NotEmpty(Results.Value);

    [Theory]
    [InlineData("development")]
    [InlineData("test")]
    [InlineData("all")]
    public void The_suggester_keeps_the_micro_averaged_precision_and_recall_it_was_measured_at(string set)
    {
        var counts = CountsFor(Sets.Single(s => s.Name == set).Organisations);
        var (precision, recall) = Floors[set];
        Assert.True(Math.Round(counts.Precision ?? 0, 3) >= precision, $"{set}: precision {Figure(counts.Precision)} fell below {precision:0.000}");
        Assert.True(Math.Round(counts.Recall ?? 0, 3) >= recall, $"{set}: recall {Figure(counts.Recall)} fell below {recall:0.000}");
    }

    [Fact]
    public void The_figures_in_the_documentation_are_the_ones_the_suggester_reaches()
    {
        var document = File.ReadAllText(TestPaths.InRepository("docs", "priority-issues.md")).ReplaceLineEndings("\n");
        const string start = "<!-- suggester-figures:start -->\n", end = "<!-- suggester-figures:end -->";
        var from = document.IndexOf(start, StringComparison.Ordinal);
        var to = document.IndexOf(end, StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, "docs/priority-issues.md lacks the figures' markers.");
        var table = Table().ReplaceLineEndings("\n");
        // The computed tables are written beside the test's temporary files, so that whoever changes the rules can paste them in.
        var written = Path.Combine(Path.GetTempPath(), "ayumi-suggester-figures.md");
        File.WriteAllText(written, table);
        Assert.True(table == document[(from + start.Length)..to], $"docs/priority-issues.md shows other figures than the suggester reaches; the computed tables are in {written}.");
    }
}
