using System.Text.Json;
using System.Globalization;
using System.Text.Json.Nodes;
using Ayumi.Domain;
using Ayumi.Localization;

namespace Ayumi.Features.Measures;

/// <summary>The names a measure's history shows instead of ids: departments, nodes, measures, indicators and users, and the year and department of each entry and part.</summary>
public sealed record HistoryNames(
    IReadOnlyDictionary<int, string> Departments,
    IReadOnlyDictionary<int, string> Nodes,
    IReadOnlyDictionary<int, string> Measures,
    IReadOnlyDictionary<int, string> Indicators,
    IReadOnlyDictionary<string, string> Users,
    IReadOnlyDictionary<string, FiscalYear> Entries,
    IReadOnlyDictionary<string, (FiscalYear Year, int DepartmentId)> Parts);

/// <summary>One changed field: its label, and its old and new value as the screen words them; prose is marked by phrase.</summary>
public sealed record HistoryChange(string Field, string? Old, string? New, bool IsProse);

/// <summary>One audit record as people read it: what happened, to what, when (Japan time), by whom, and each field's change.</summary>
public sealed record HistoryItem(string Summary, string Subject, DateTimeOffset At, string When, string Who, IReadOnlyList<HistoryChange> Changes);

/// <summary>
/// Words the audit trail's records (<see cref="Data.AuditInterceptor"/>: entity and field names, ids,
/// ISO times and stored values) in the screen's language. The records stay as stored; only the page reads them this way.
/// </summary>
public sealed class AuditHistory(UiText text, HistoryNames names)
{
    /// <summary>Keys and links the reader already has from the page and the record's subject.</summary>
    private static readonly HashSet<string> Unshown = ["Id", "Version", "PlanId", "MeasureId", "YearlyEntryId", "IndicatorId", "FromId"];

    /// <summary>Fields of free text, whose changes are marked by phrase; every other value is shown old → new whole.</summary>
    private static readonly HashSet<string> Prose =
    [
        "Title", "Description", "Objective", "LifecycleNote", "ListedTitle", "ListedDescription", "WrittenAs", "Note", "Name",
        "PlannedWork", "Results", "IssuesAndDirection", "NextYearPlan", "Target", "Notes", "TargetProgress", "ReturnComment",
        "BaselineNote", "SourceNote", "ComparisonLabel",
    ];

    private static readonly HashSet<string> Years = ["FiscalYear", "EndedIn", "EffectiveIn", "BaselineFrom", "BaselineTo"];

    /// <summary>The fields a history row may show (for the test that each has its label).</summary>
    public static bool IsShown(string field) => !Unshown.Contains(field);

    public HistoryItem Describe(AuditEntry record)
    {
        var changes = Parse(record.Changes);
        var shown = changes.Where(c => IsShown(c.Field))
            .Select(c => new HistoryChange(Label(c.Field), Value(record.EntityType, c.Field, c.Old), Value(record.EntityType, c.Field, c.New), Prose.Contains(c.Field)))
            .ToList();
        var who = record.UserId is { } id && names.Users.TryGetValue(id, out var name) ? name
            : record.UserId is null && record.UserName == "system" ? text["history.system"] : record.UserName;
        return new HistoryItem(Summary(record, changes), Subject(record), record.At, JapanTimeText.Format(record.At, UiText.CurrentLanguage), who, shown);
    }

    private string Label(string field) => text.Has($"auditField.{field}") ? text[$"auditField.{field}"] : field;

    /// <summary>What happened, in words: 社会福祉課が提出, 事務局が差し戻し（理由: …）, 事務局が承認.</summary>
    private string Summary(AuditEntry record, IReadOnlyList<(string Field, string? Old, string? New)> changes)
    {
        string? New(string field) => changes.FirstOrDefault(c => c.Field == field).New;
        var department = record.EntityType == nameof(EntryPart) && names.Parts.TryGetValue(record.EntityId, out var part) ? DepartmentName(part.DepartmentId)
            : New("DepartmentId") is { } departmentId ? DepartmentName(int.Parse(departmentId, CultureInfo.InvariantCulture))
            : changes.FirstOrDefault(c => c.Field == "DepartmentId").Old is { } oldDepartment ? DepartmentName(int.Parse(oldDepartment, CultureInfo.InvariantCulture)) : "";
        if (record.EntityType == nameof(EntryPart) && record.Action == AuditAction.Modified)
        {
            return New("Status") switch
            {
                nameof(PartStatus.Submitted) => text.Format("history.event.submitted", department),
                nameof(PartStatus.Returned) => text.Format("history.event.returned", New("ReturnComment") ?? ""),
                nameof(PartStatus.Approved) => text["history.event.approved"],
                _ => text.Format("history.event.saved", department),
            };
        }
        return text.Format($"history.event.{record.EntityType}.{record.Action}", department);
    }

    /// <summary>The record's subject: 令和7年度 社会福祉課の入力, 令和7年度の記録, 担当課, 指標….</summary>
    private string Subject(AuditEntry record) => record.EntityType switch
    {
        nameof(EntryPart) when names.Parts.TryGetValue(record.EntityId, out var part) =>
            text.Format("history.subject.part", YearText(part.Year), DepartmentName(part.DepartmentId)),
        nameof(YearlyEntry) when names.Entries.TryGetValue(record.EntityId, out var year) => text.Format("history.subject.entry", YearText(year)),
        _ => text.Has($"auditEntity.{record.EntityType}") ? text[$"auditEntity.{record.EntityType}"] : record.EntityType,
    };

    private string DepartmentName(int id) => names.Departments.GetValueOrDefault(id) ?? text["history.unknown"];

    private static string YearText(FiscalYear year) => UiText.CurrentLanguage == UiText.English ? year.ToString() : year.ToJapanese();

    /// <summary>A stored value as the screen words it: a status by its label, an id by its name, a year and a time in the era calendar.</summary>
    private string? Value(string entity, string field, string? stored)
    {
        if (stored is null) return null;
        string Named(IReadOnlyDictionary<int, string> byId) =>
            int.TryParse(stored, CultureInfo.InvariantCulture, out var id) && byId.TryGetValue(id, out var name) ? name : text["history.unknown"];
        string Word(string key) => text.Has(key) ? text[key] : stored;
        return (entity, field) switch
        {
            (nameof(EntryPart), "Status") => Word($"part.{stored}"),
            (nameof(Measure), "Status") => Word($"status.{stored.ToLowerInvariant()}"),
            (nameof(MeasureLineage), "Kind") => Word($"lineage.kind.{stored.ToLowerInvariant()}"),
            (nameof(Indicator), "Kind") => Word($"indicator.kind.{stored}"),
            (_, "Direction") => Word($"indicator.direction.{stored}"),
            (nameof(IndicatorActual), "State") => Word($"indicator.state.{stored}"),
            (_, "Judgement") => Word($"indicator.status.{stored}"),
            (_, "DepartmentId" or "OwnerId") => Named(names.Departments),
            (_, "NodeId") => Named(names.Nodes),
            (_, "ToId") => Named(names.Measures),
            (_, "NumeratorId" or "DenominatorId") => Named(names.Indicators),
            (_, "InitialBudget" or "FinalBudget") => $"{stored}{text["entry.thousandYen"]}",
            (_, "BudgetFigures") => Shared.BudgetText.Describe(new BudgetLine(JsonSerializer.Deserialize<List<BudgetFigure>>(stored, StoredJson) ?? []), text),
            _ when Years.Contains(field) && FiscalYear.TryParse(stored, out var year) => YearText(year),
            _ when stored is "True" or "False" => text[stored == "True" ? "history.yes" : "history.no"],
            _ when field.EndsWith("At", StringComparison.Ordinal) && DateTimeOffset.TryParse(stored, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) =>
                JapanTimeText.Format(at, UiText.CurrentLanguage),
            _ => stored,
        };
    }

    /// <summary>How the trail stores a list (see <c>AuditInterceptor</c>): the names as the types write them.</summary>
    private static readonly JsonSerializerOptions StoredJson = new(JsonSerializerDefaults.Web);

    private static List<(string Field, string? Old, string? New)> Parse(string json) =>
        (JsonNode.Parse(json)?.AsObject() ?? []).Select(p => (p.Key, (string?)p.Value?["old"], (string?)p.Value?["new"])).ToList();
}
