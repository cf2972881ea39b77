using System.Text.Json;
using System.Text.Json.Serialization;
using Ayumi.Domain;
using Ayumi.Domain.WrittenForms;
using Ayumi.Features.Demo;

namespace Ayumi.Features.PlanFiles;

/// <summary>
/// Loads an Ayumi plan file (docs/plan-file-format.md) into an organisation. Any problem
/// stops the load with the file, line and reason; the caller saves nothing.
/// </summary>
public sealed class PlanFileReader
{
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private readonly string _fileName;
    private readonly byte[] _json;

    private PlanFileReader(string fileName, byte[] json)
    {
        _fileName = fileName;
        _json = json;
    }

    /// <summary>Reads and checks the file's shape; throws <see cref="SeedFormatException"/> with the line of the problem.</summary>
    public static PlanFile Parse(string fileName, byte[] json) => new PlanFileReader(fileName, json).Parse();

    /// <summary>
    /// Adds the file's departments and plans to <paramref name="organisation"/> (creating it
    /// when null) and returns it.
    /// </summary>
    public static Organisation Load(string fileName, byte[] json, Organisation? organisation)
    {
        var reader = new PlanFileReader(fileName, json);
        return reader.Apply(reader.Parse(), organisation);
    }

    private PlanFile Parse()
    {
        PlanFile? file;
        try { file = JsonSerializer.Deserialize<PlanFile>(_json, JsonOptions); }
        catch (JsonException e)
        {
            throw new SeedFormatException(_fileName, (int)(e.LineNumber ?? 0) + 1, $"{e.Path}: {FirstSentence(e.Message)}");
        }
        if (file is null) throw new SeedFormatException(_fileName, 1, "the file holds no plan (null).");
        // The format's lists never hold null, and the serializer does not check a list's items against their annotations.
        using var document = JsonDocument.Parse(_json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (NullItem(document.RootElement, "$") is { } nullPath) throw Error(nullPath, "a list item cannot be null.");
        if (file.Format != PlanFile.FormatName) throw Error("$.format", $"expected \"{PlanFile.FormatName}\", found \"{file.Format}\".");
        if (file.FormatVersion != PlanFile.CurrentVersion) throw Error("$.formatVersion", $"this Ayumi reads version {PlanFile.CurrentVersion}, the file is version {file.FormatVersion}.");
        return file;
    }

    private Organisation Apply(PlanFile file, Organisation? organisation)
    {
        if (!LocalGovernmentCode.TryParse(file.Organisation.Code, out var code, out var reason)) throw Error("$.organisation.code", reason);
        if (organisation is null) organisation = new Organisation(code, file.Organisation.Name);
        else if (organisation.Code != code) throw Error("$.organisation.code", $"the file is for {file.Organisation.Code}, not {organisation.Code}.");

        for (var i = 0; i < file.Departments.Count; i++)
        {
            var department = file.Departments[i];
            if (department.Path.Count == 0 || department.Path.Any(string.IsNullOrWhiteSpace)) throw Error($"$.departments[{i}].path", "a department path needs one or more names.");
            var unit = organisation.AddDepartmentPath(department.Path);
            foreach (var alias in department.Aliases ?? []) unit.AddAlias(alias);
        }

        var links = new List<PendingLink>();
        var origins = new List<(PlanNode Node, PlanFileNodeRef Ref, string Path)>();
        for (var p = 0; p < file.Plans.Count; p++)
            ApplyPlan(file.Plans[p], $"$.plans[{p}]", file.Backup == true, organisation, links, origins);

        foreach (var (node, origin, path) in origins)
            Guard(path, () => node.DeriveFrom(PlanNamed(organisation, origin.Plan).FindNode(origin.Code) ?? throw new DomainException($"no node with code '{origin.Code}' in {origin.Plan}.", "planFile.noNode", origin.Code, origin.Plan)));
        foreach (var link in links)
            Guard(link.Path, () =>
            {
                var target = PlanNamed(organisation, link.To.Plan);
                var to = target.FindMeasure(link.To.Key) ?? throw new DomainException($"no measure with key '{link.To.Key}' in {target.Name}.", "planFile.noMeasure", link.To.Key, target.Name);
                var (from, end) = link.Reversed ? (to, link.Measure) : (link.Measure, to);
                from.LinkTo(end, link.Kind, link.EffectiveIn ?? from.EndedIn ?? end.Plan.PeriodStart, link.Note);
            });
        return organisation;
    }

    /// <summary>A lineage link read from a measure, resolved once every plan is read. <paramref name="Reversed"/>: the file names the earlier measure (successorOf).</summary>
    private sealed record PendingLink(Measure Measure, PlanFileMeasureRef To, LineageKind Kind, FiscalYear? EffectiveIn, string? Note, string Path, bool Reversed = false);

    private static Plan PlanNamed(Organisation organisation, string name) =>
        organisation.Plans.FirstOrDefault(x => x.Name == name) ?? throw new DomainException($"no plan named '{name}'.", "planFile.noPlan", name);

    private void ApplyPlan(PlanFilePlan source, string path, bool backup, Organisation organisation, List<PendingLink> links, List<(PlanNode, PlanFileNodeRef, string)> origins)
    {
        var plan = Guard(path + ".name", () => organisation.AddPlan(source.Name, source.Generation, source.PeriodStart, source.PeriodEnd));
        plan.Source = source.Source;
        plan.BasicPhilosophy = source.BasicPhilosophy;
        Guard(path + ".levels", () => plan.SetLevels(source.Levels));
        if (source.GradeScale is { Count: > 0 } grades) Guard(path + ".gradeScale", () => plan.SetGradeScale(new GradeScale(grades)));
        foreach (var (body, i) in (source.EvaluationBodies ?? []).Select((b, i) => (b, i)))
            plan.EvaluationBodies.Add(new EvaluationBody(body.Name, ParseEnum<EvaluationKind>(body.Kind, $"{path}.evaluationBodies[{i}].kind"), body.Description));
        plan.Notes.AddRange(source.Notes ?? []);
        if (source.Predecessor is { } predecessorName)
            Guard(path + ".predecessor", () => plan.FollowOn(organisation.Plans.FirstOrDefault(x => x.Name == predecessorName)
                ?? throw new DomainException($"no earlier plan named '{predecessorName}'.", "planFile.noEarlierPlan", predecessorName)));

        if (source.Status is { } planStatus && ParseEnum<PlanStatus>(planStatus, path + ".status") == PlanStatus.Draft) plan.MarkDraft();
        AddNodes(plan, null, source.Nodes, path + ".nodes", origins);

        for (var m = 0; m < source.Measures.Count; m++)
        {
            var item = source.Measures[m];
            var at = $"{path}.measures[{m}]";
            var parent = plan.FindNode(item.Parent) ?? throw Error(at + ".parent", $"no node with code '{item.Parent}'.");
            var measure = Guard(at, () => plan.AddMeasure(item.Key, parent, item.Code, item.Title, item.Description));
            measure.Objective = item.Objective;
            measure.IsPrefectureRun = item.PrefectureRun;
            measure.IsNew = item.IsNew;
            foreach (var (name, d) in (item.Departments ?? []).Select((n, d) => (n, d)))
                measure.AssignDepartment(DepartmentNamed(organisation, name, $"{at}.departments[{d}]"));
            foreach (var (relisting, r) in (item.Relistings ?? []).Select((x, r) => (x, r)))
            {
                var node = plan.FindNode(relisting.Parent) ?? throw Error($"{at}.relistings[{r}].parent", $"no node with code '{relisting.Parent}'.");
                Guard($"{at}.relistings[{r}]", () => measure.ListUnder(node, relisting.Code, isRelisting: true, relisting.Title, relisting.Description));
            }
            if (item.Lifecycle is { } lifecycle)
            {
                var status = ParseEnum<MeasureStatus>(lifecycle.Status, at + ".lifecycle.status");
                if (status != MeasureStatus.Active) measure.End(status, lifecycle.EndedIn, lifecycle.Note);
                links.AddRange((lifecycle.SuccessorOf ?? []).Select(key =>
                    new PendingLink(measure, new PlanFileMeasureRef(plan.Name, key), LineageKind.Succeeded, null, null, at + ".lifecycle.successorOf", Reversed: true)));
                if (lifecycle.NextPlanMeasure is { } next) links.Add(new PendingLink(measure, next, LineageKind.Continued, null, null, at + ".lifecycle.nextPlanMeasure"));
            }
            foreach (var (link, l) in (item.Lineage ?? []).Select((x, l) => (x, l)))
                links.Add(new PendingLink(measure, link.To, ParseEnum<LineageKind>(link.Kind, $"{at}.lineage[{l}].kind"), link.EffectiveIn, link.Note, $"{at}.lineage[{l}]"));
            foreach (var (entry, e) in (item.Entries ?? []).Select((x, e) => (x, e)))
                ApplyEntry(measure, entry, $"{at}.entries[{e}]");
            if (item.PriorityIssues is { } tagging) ApplyTags(measure, tagging, at + ".priorityIssues");
        }

        foreach (var (item, i) in (source.Indicators ?? []).Select((x, i) => (x, i)))
            ApplyIndicator(plan, item, $"{path}.indicators[{i}]");
        // Ratios name indicators that may come later in the file; their own actuals come after them.
        foreach (var (item, i) in (source.Indicators ?? []).Select((x, i) => (x, i)))
            ApplyIndicatorValues(plan, item, $"{path}.indicators[{i}]");
        // A public plan file carries reported history: its years are published, as the documents were. A backup also
        // carries years in work, so it publishes exactly the years it lists as published (none when it lists none).
        if (plan.Status != PlanStatus.Published) return;
        if (backup) plan.RecordPublishedYears(source.PublishedYears ?? []);
        else plan.RecordPublishedYears();
    }

    private void AddNodes(Plan plan, PlanNode? parent, List<PlanFileNode>? nodes, string path, List<(PlanNode, PlanFileNodeRef, string)> origins)
    {
        for (var i = 0; i < (nodes?.Count ?? 0); i++)
        {
            var source = nodes![i];
            var node = Guard($"{path}[{i}]", () => plan.AddNode(parent, source.Code, source.Title, source.Description));
            if (source.Origin is { } origin) origins.Add((node, origin, $"{path}[{i}].origin"));
            AddNodes(plan, node, source.Children, $"{path}[{i}].children", origins);
        }
    }

    private void ApplyEntry(Measure measure, PlanFileEntry source, string path)
    {
        if (measure.Entries.Any(x => x.FiscalYear == source.FiscalYear)) throw Error(path + ".fiscalYear", $"a second entry for {source.FiscalYear.ToJapanese()}.");
        var entry = measure.EntryFor(source.FiscalYear);
        entry.Target = source.Target;
        entry.PlannedWork = source.PlannedWork;
        entry.Results = source.Results;
        entry.IssuesAndDirection = source.IssuesAndDirection;
        entry.NextYearPlan = source.NextYearPlan;
        entry.Notes = source.Notes;
        entry.Budget = BudgetLine.Of(BudgetAmount.Initial, Budget(source.InitialBudget, path + ".initialBudget"))
            .With(BudgetAmount.Final, null, null, Budget(source.FinalBudget, path + ".finalBudget"));
        Guard(path + ".grade", () => entry.SetGrade(source.Grade));
    }

    private void ApplyTags(Measure measure, PlanFileTagging source, string path)
    {
        var tags = source.Tags.Select((t, i) => Guard($"{path}.tags[{i}]", () => IssueTag.Of(t.Issue, t.Area))).ToList();
        if (source.ConfirmedBy is { } person)
        {
            if (string.IsNullOrWhiteSpace(person)) throw Error(path + ".confirmedBy", "the person who confirmed the tags, or no confirmedBy at all.");
            measure.ConfirmTags(tags, person.Trim(), source.ConfirmedAt ?? throw Error(path, "confirmedBy needs confirmedAt, when the tags were confirmed."));
        }
        else measure.SuggestTags(tags);
    }

    private void ApplyIndicator(Plan plan, PlanFileIndicator source, string path)
    {
        var indicator = Guard(path, () => plan.AddIndicator(source.Code, source.Name, source.Unit));
        var kind = ParseEnum<IndicatorKind>(source.Kind, path + ".kind");
        Guard(path + ".kind", () => indicator.SetKind(kind));
        indicator.Direction = ParseEnum<IndicatorDirection>(source.Direction, path + ".direction");
        indicator.IsNew = source.IsNew;
        indicator.SourceNote = source.SourceNote;
        if (source.AttachedTo is { } attached)
        {
            if (plan.FindNode(attached) is { } node) indicator.AttachTo(node);
            else if (plan.FindMeasure(attached) is { } measure) indicator.AttachTo(measure);
            else throw Error(path + ".attachedTo", $"no node code or measure key '{attached}' in {plan.Name}.");
        }
        if (source.Owner is { } owner)
            indicator.AssignOwner(DepartmentNamed(plan.Organisation, owner, path + ".owner"));
        if (source.Baseline is not { } baseline) throw Error(path, "an indicator needs a baseline (from, and a value or a span to average).");
        var (baselineFrom, baselineTo) = Years(baseline.Years, baseline.From, baseline.To, path + ".baseline");
        Guard(path + ".baseline", () => indicator.SetBaseline(baselineFrom, baselineTo, baseline.Value, baseline.Note));
        Guard(path + ".decimalPlaces", () => indicator.SetDecimalPlaces(source.DecimalPlaces));
        foreach (var (target, t) in (source.Targets ?? []).Select((x, t) => (x, t)))
        {
            var (from, to) = Years(target.Years, target.From, target.FiscalYear, $"{path}.targets[{t}]");
            Guard($"{path}.targets[{t}]", () => indicator.AddTarget(new IndicatorTarget(to ?? from, target.Value, target.Qualitative, target.Note, to is null ? null : from)));
        }
        Guard(path + ".monitoringOnly", () => indicator.MonitorOnly(source.MonitoringOnly));
        indicator.CompareWith(source.Comparison);
    }

    private void ApplyIndicatorValues(Plan plan, PlanFileIndicator source, string path)
    {
        var indicator = plan.Indicators.Single(i => i.Code == source.Code);
        if (source.Ratio is { } ratio)
        {
            Indicator Part(string code, string name) => plan.Indicators.FirstOrDefault(i => i.Code == code)
                ?? throw Error($"{path}.ratio.{name}", $"no indicator '{code}' in {plan.Name}.");
            var numerator = Part(ratio.Numerator, "numerator");
            var denominator = Part(ratio.Denominator, "denominator");
            Guard(path + ".ratio", () => indicator.DeriveAsRatio(numerator, denominator, ratio.Scale));
            if (ratio.Basis is { } basis) indicator.TakeRatioOf(ParseEnum<RatioBasis>(basis, path + ".ratio.basis"));
        }
        if (!string.IsNullOrWhiteSpace(source.ArchivedReason)) indicator.Archive(source.ArchivedReason.Trim());
        foreach (var (actual, a) in (source.Actuals ?? []).Select((x, a) => (x, a)))
        {
            Guard($"{path}.actuals[{a}]", () => indicator.RecordActual(actual.FiscalYear, actual.Value, actual.Note, actual.Comparison));
            if (actual.Judgement is { } judgement)
            {
                var status = ParseEnum<IndicatorStatus>(judgement, $"{path}.actuals[{a}].judgement");
                Guard($"{path}.actuals[{a}].judgement", () => indicator.Judge(actual.FiscalYear, status));
            }
        }
    }

    /// <summary>
    /// The years of a baseline or target: written as the documents do (<paramref name="written"/>: H29〜R3平均, 令和9年度末), or as
    /// a first and last year. The last year is null for a single year.
    /// </summary>
    private (FiscalYear From, FiscalYear? To) Years(string? written, FiscalYear? from, FiscalYear? to, string path)
    {
        if (written is not null)
            return YearSpanText.TryParse(written, out var span) ? (span.From, span.IsSpan ? span.To : null)
                : throw Error(path + ".years", $"'{written}' is not a year or a span of years (R6, 令和9年度末, R4〜R8の平均).");
        if (from is { } first) return (first, to is { } last && last != first ? last : null);
        if (to is { } only) return (only, null);
        throw Error(path, "no year: give the years (R4〜R8の平均) or the fiscal year.");
    }

    /// <summary>A department the file names; a list item may be null or blank whatever the format says, and is refused as any unknown name.</summary>
    private Department DepartmentNamed(Organisation organisation, string? name, string path) =>
        (string.IsNullOrWhiteSpace(name) ? null : organisation.FindDepartment(name))
        ?? throw Error(path, $"unknown department '{name}': list it under $.departments.");

    /// <summary>The path of the first null item of a list, in the form <see cref="JsonLineLocator"/> reads; null when there is none.</summary>
    private static string? NullItem(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    if (NullItem(property.Value, $"{path}.{property.Name}") is { } found) return found;
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Null) return $"{path}[{i}]";
                    if (NullItem(item, $"{path}[{i}]") is { } found) return found;
                    i++;
                }
                break;
        }
        return null;
    }

    private ThousandYen? Budget(long? value, string path) => value switch
    {
        null => null,
        < 0 => throw Error(path, $"a budget cannot be negative ({value})."),
        _ => new ThousandYen(value.Value),
    };

    private T ParseEnum<T>(string text, string path) where T : struct, Enum =>
        Enum.TryParse<T>(text, ignoreCase: true, out var value) && !int.TryParse(text, out _) ? value
        : throw Error(path, $"'{text}' is not one of {string.Join(", ", Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName))}.");

    private T Guard<T>(string path, Func<T> action)
    {
        try { return action(); }
        catch (DomainException e) { throw Error(path, e.Message); }
        catch (ArgumentException e) { throw Error(path, e.Message); }
    }

    private void Guard(string path, Action action) => Guard(path, () => { action(); return 0; });

    private SeedFormatException Error(string path, string reason) =>
        new(_fileName, JsonLineLocator.LineOf(_json, path) ?? 0, $"{path}: {reason}");

    private static string FirstSentence(string message) => message.Split(". Path:")[0].TrimEnd('.') + ".";
}
