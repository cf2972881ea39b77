using System.Text.RegularExpressions;
using Ayumi.Localization;

namespace Ayumi.Tests;

public partial class LocalizationTests
{
    private static readonly UiText Text = new();

    [Fact]
    public void Japanese_and_english_have_the_same_keys() =>
        Assert.Equal(Text.Keys(UiText.Japanese).Order(), Text.Keys(UiText.English).Order());

    [Fact]
    public void Every_key_a_view_uses_exists()
    {
        var features = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Ayumi/Features"));
        var used = Directory.EnumerateFiles(features, "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(f => KeyUse().Matches(File.ReadAllText(f)).Select(m => m.Groups["key"].Value))
            .ToHashSet();
        Assert.NotEmpty(used);
        Assert.Empty(used.Except(Text.Keys(UiText.Japanese)));
    }

    /// <summary>Views build some keys from a prefix and a value (<c>T["import.field." + field]</c>); every value has its text.</summary>
    [Fact]
    public void Every_key_built_from_an_enum_or_a_choice_exists()
    {
        var built = Enum.GetValues<Ayumi.Domain.ImportField>().Select(f => $"import.field.{f}")
            .Concat(Enum.GetValues<Ayumi.Features.Import.RowAction>().Select(a => $"import.action.{a}"))
            .Concat(Ayumi.Features.Import.ColumnsModel.Offsets.Select(o => $"import.offset.{o}"))
            .Concat(Enum.GetValues<Ayumi.Domain.MemberRole>().Select(r => $"role.{r}"))
            .Concat(Enum.GetValues<Ayumi.Domain.ReportField>().Select(f => $"report.field.{f}"))
            .Concat(Enum.GetValues<Ayumi.Domain.LineageKind>().Select(k => $"lineage.kind.{k.ToString().ToLowerInvariant()}"))
            .Concat(Enum.GetValues<Ayumi.Features.Plans.MeasureChange>().Select(c => $"compare.change.{c.ToString().ToLowerInvariant()}"))
            .Concat(Enum.GetValues<Ayumi.Features.Plans.NodeChange>().Select(c => $"compare.node.{c.ToString().ToLowerInvariant()}"));
        Assert.Empty(built.Except(Text.Keys(UiText.Japanese)));
    }

    /// <summary>A refused domain rule and an import problem name their message by key; the screens show that text.</summary>
    [Fact]
    public void Every_key_a_domain_rule_or_an_import_problem_names_exists()
    {
        var source = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Ayumi"));
        var named = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => RuleKey().Matches(File.ReadAllText(f)).Select(m => m.Groups["key"].Value))
            .ToHashSet();
        Assert.Contains("domain.measureKeyTwice", named);
        Assert.Contains("import.codeTwice", named);
        Assert.Empty(named.Except(Text.Keys(UiText.Japanese)));
    }

    [GeneratedRegex(@"T(?:\[|\.Format\()""(?<key>[a-zA-Z]+\.[a-zA-Z.]+)(?<!\.)""")]
    private static partial Regex KeyUse();

    /// <summary>The key after the English text: <c>new DomainException($"…", "domain.x", …)</c>, <c>Error(where, "import.x", …)</c>.</summary>
    [GeneratedRegex(@"(?:new DomainException\(\$?""(?:[^""\\]|\\.)*""\s*,|(?:Error|Warning)\([^;""]*?,)\s*""(?<key>[a-zA-Z]+\.[a-zA-Z]+)""")]
    private static partial Regex RuleKey();
}
