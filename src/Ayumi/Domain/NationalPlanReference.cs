using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ayumi.Domain;

/// <summary>
/// A sub-area (e.g. 1-1 就労の確保等) of a priority issue, or one of the national plan's numbered
/// measures (施策番号) under it: a node of the reference tree a measure can be tagged with.
/// </summary>
public sealed record NationalPlanArea(PriorityIssue Issue, string Code, string Name, string? NameEn, int? MeasureNumber, IReadOnlyList<NationalPlanArea> Children)
{
    public string NameIn(bool english) => english && NameEn is not null ? NameEn : Name;

    /// <summary>The code and name as lists show them: <c>1-1 就労の確保等</c>, <c>施策12 …</c>.</summary>
    public string Label(bool english) => MeasureNumber is { } number ? $"{Code} ({number}) {NameIn(english)}" : $"{Code} {NameIn(english)}";
}

/// <summary>
/// The national plan's structure below its seven priority issues, read from a reference file
/// (docs/priority-issues.md): Ayumi ships the sub-areas whose wording is certain, and an
/// installation adds the rest, or the numbered measures (施策番号), from a file of its own.
/// </summary>
public sealed class NationalPlanReference
{
    public const string FormatName = "ayumi-national-plan";
    public const int CurrentVersion = 1;
    private const string ResourceName = "Ayumi.Data.Reference.national-plan.json";

    private readonly Dictionary<string, NationalPlanArea> _byCode;

    private NationalPlanReference(string plan, IReadOnlyList<NationalPlanArea> areas)
    {
        Plan = plan;
        Areas = areas;
        _byCode = new(StringComparer.Ordinal);
        foreach (var area in Walk(areas))
            if (!_byCode.TryAdd(area.Code, area)) throw new FormatException($"the code '{area.Code}' appears twice.");
    }

    /// <summary>The national plan the tree describes.</summary>
    public string Plan { get; }

    /// <summary>The top-level sub-areas, each under its issue, in the file's order.</summary>
    public IReadOnlyList<NationalPlanArea> Areas { get; }

    public IEnumerable<NationalPlanArea> AreasOf(PriorityIssue issue) => Areas.Where(a => a.Issue == issue);

    /// <summary>Every node of the tree, depth first.</summary>
    public IEnumerable<NationalPlanArea> All => Walk(Areas);

    public NationalPlanArea? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>The tree shipped with Ayumi.</summary>
    public static NationalPlanReference Shipped()
    {
        using var stream = typeof(NationalPlanReference).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return Read(memory.ToArray());
    }

    /// <summary>
    /// The shipped tree with an installation's file applied: <c>"mode": "replace"</c> takes the file's
    /// tree instead; <c>"extend"</c> (the default) adds the file's sub-areas, and the children of a
    /// sub-area the shipped tree already has are added under it.
    /// </summary>
    /// <exception cref="FormatException">The file is not a reference tree; the message says where.</exception>
    public NationalPlanReference With(byte[] json)
    {
        var file = Parse(json);
        if (file.Mode == "replace") return Build(file);
        var added = Build(file with { Mode = "replace" });
        var merged = Areas.Select(area => added.Find(area.Code) is { } more ? area with { Children = [.. area.Children, .. more.Children] } : area).ToList();
        merged.AddRange(added.Areas.Where(a => Find(a.Code) is null));
        return new NationalPlanReference(Plan, merged);
    }

    /// <exception cref="FormatException">The file is not a reference tree; the message says where.</exception>
    public static NationalPlanReference Read(byte[] json) => Build(Parse(json));

    private static NationalPlanReference Build(ReferenceFile file)
    {
        var areas = file.Areas.Select((a, i) => ToArea(a, null, $"areas[{i}]")).ToList();
        return new NationalPlanReference(file.Plan, areas);
    }

    private static NationalPlanArea ToArea(ReferenceNode node, PriorityIssue? parentIssue, string path)
    {
        PriorityIssue issue;
        if (parentIssue is not null)
        {
            if (node.Issue is { } own && own != parentIssue.Number) throw new FormatException($"{path}: issue {own} under a sub-area of issue {parentIssue.Number}.");
            issue = parentIssue;
        }
        else if (node.Issue is { } number and >= 1 and <= 7) issue = PriorityIssue.Numbered(number);
        else throw new FormatException($"{path}.issue: a top-level sub-area names its priority issue, 1–7.");
        if (string.IsNullOrWhiteSpace(node.Code) || node.Code.Length > MeasureTag.AreaLength) throw new FormatException($"{path}.code: a code of 1–{MeasureTag.AreaLength} characters.");
        if (string.IsNullOrWhiteSpace(node.Name)) throw new FormatException($"{path}.name: a name is required.");
        var children = (node.Children ?? []).Select((c, i) => ToArea(c, issue, $"{path}.children[{i}]")).ToList();
        return new NationalPlanArea(issue, node.Code.Trim(), node.Name.Trim(), node.NameEn, node.MeasureNumber, children);
    }

    private static ReferenceFile Parse(byte[] json)
    {
        ReferenceFile? file;
        try { file = JsonSerializer.Deserialize<ReferenceFile>(json, JsonOptions); }
        catch (JsonException e) { throw new FormatException($"line {(e.LineNumber ?? 0) + 1}: {e.Message}"); }
        if (file is null || file.Format != FormatName) throw new FormatException($"format: expected \"{FormatName}\".");
        if (file.FormatVersion != CurrentVersion) throw new FormatException($"formatVersion: this Ayumi reads version {CurrentVersion}.");
        if (file.Mode is not ("extend" or "replace")) throw new FormatException("mode: \"extend\" or \"replace\".");
        return file;
    }

    private static IEnumerable<NationalPlanArea> Walk(IEnumerable<NationalPlanArea> areas) =>
        areas.SelectMany(a => new[] { a }.Concat(Walk(a.Children)));

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private sealed record ReferenceFile(string Format, int FormatVersion, string Plan, List<ReferenceNode> Areas, string Mode = "extend", string? Source = null);

    private sealed record ReferenceNode(string Code, string Name, int? Issue = null, string? NameEn = null, int? MeasureNumber = null, List<ReferenceNode>? Children = null);
}
