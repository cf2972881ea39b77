using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Ayumi.Domain;
using Ayumi.Features.Plans;
using Ayumi.Domain.WrittenForms;

namespace Ayumi.Features.Reports;

/// <summary>
/// A plan's published years as open data: one record per measure and year, in CSV (UTF-8 with
/// a byte order mark) and in JSON. The schema is documented in docs/open-data.md; its version
/// is <see cref="SchemaVersion"/>.
/// </summary>
public static class OpenData
{
    public const string SchemaVersion = "ayumi-progress/1";

    public sealed record Document(
        string Schema, OrganisationRecord Organisation, PlanRecord Plan, IReadOnlyList<string> FiscalYears,
        IReadOnlyList<NodeRecord> Nodes, IReadOnlyList<MeasureRecord> Measures, IReadOnlyList<IndicatorRecord> Indicators,
        IReadOnlyList<OpinionRecord> Opinions);

    /// <summary>
    /// One of 主な意見と市（県）の考え方 of a published year: its number in the year, the measure (null when it stands for comments on
    /// several), the evaluation body, the published wording and the answer.
    /// </summary>
    public sealed record OpinionRecord(string FiscalYear, int Number, string? MeasureKey, string? MeasureCode, string? Body, string Opinion, string? Answer);

    /// <summary>
    /// An indicator with its submitted actuals (every year, before the baseline included), and its achievement and status as of
    /// the plan's last year; a monitoring indicator has its latest value but neither (null). Values are rounded to <paramref name="DecimalPlaces"/> when set.
    /// An archived indicator is carried with <paramref name="Archived"/> true and its reason.
    /// </summary>
    public sealed record IndicatorRecord(
        string Code, string Name, string Unit, string? AttachedTo, string? Owner, string Kind, string Direction, bool IsNew,
        BaselineRecord Baseline, IReadOnlyList<TargetRecord> Targets, string? ComparisonLabel, IReadOnlyList<ActualRecord> Actuals,
        decimal? Current, string? MeasuredIn, decimal? Progress, string? Status,
        int? DecimalPlaces = null, bool MonitoringOnly = false, bool Archived = false, string? ArchivedReason = null, string? RatioBasis = null);

    public sealed record BaselineRecord(string? From, string? To, decimal? Value, string? Note);

    /// <param name="From">The first year of a target averaged over a span (R4〜R8の平均); null for one year.</param>
    public sealed record TargetRecord(string FiscalYear, decimal? Value, string? Qualitative, string? From = null);

    public sealed record ActualRecord(string FiscalYear, decimal Value, decimal? Comparison, string? Judgement, string? Note);

    public sealed record OrganisationRecord(string Code, string Name);

    public sealed record PlanRecord(string Name, int Generation, string PeriodFrom, string PeriodTo, IReadOnlyList<string> Levels, IReadOnlyList<GradeRecord> Grades);

    public sealed record GradeRecord(string Symbol, string Label);

    public sealed record NodeRecord(string Code, string Title, string? Parent);

    public sealed record ListingRecord(string Node, string Code, bool Relisting);

    public sealed record MeasureRecord(
        string Key, string Title, string? Description, IReadOnlyList<string> Departments, IReadOnlyList<ListingRecord> Listings,
        string Status, string? EndedIn, IReadOnlyList<EntryRecord> Entries);

    public sealed record EntryRecord(
        string FiscalYear, string? Grade, string? PlannedWork, string? Results, string? NextYearPlan,
        long? InitialBudgetThousandYen, long? FinalBudgetThousandYen, string? IssuesAndDirection, string? Target, string? TargetProgress);

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>The plan's measures with their entries of <paramref name="years"/> only, and those years' published opinions: what the public may see.</summary>
    /// <param name="opinions">The opinions the public sees (<see cref="Review.OpinionQueries.SeenByAsync"/> for the public), with their years.</param>
    public static Document Of(Plan plan, IReadOnlyCollection<FiscalYear> years, IReadOnlyList<PublishedOpinion> opinions) => new(
        SchemaVersion,
        new(plan.Organisation.Code.Value, plan.Organisation.Name),
        new(plan.Name, plan.Generation, plan.PeriodStart.ToString(), plan.PeriodEnd.ToString(), plan.Levels.Select(l => l.Name).ToList(),
            plan.Grades.Select(g => new GradeRecord(g.Symbol, g.Label)).ToList()),
        years.Order().Select(y => y.ToString()).ToList(),
        PlanQueries.Walk(PlanQueries.Roots(plan)).Select(n => new NodeRecord(n.Code, n.Title, n.Parent?.Code)).ToList(),
        PlanQueries.MeasuresInTreeOrder(plan).Select(m => new MeasureRecord(
            m.Key, m.Title, m.Description,
            m.Departments.OrderBy(d => d.Order).Select(d => d.Department.Path.ToString()).ToList(),
            m.Placements.OrderBy(p => p.IsRelisting).Select(p => new ListingRecord(p.Node.Code, p.Code, p.IsRelisting)).ToList(),
            m.Status.ToString(), m.EndedIn?.ToString(),
            m.Entries.Where(e => years.Contains(e.FiscalYear)).OrderBy(e => e.FiscalYear).Select(e => new EntryRecord(
                e.FiscalYear.ToString(), e.Grade, e.PlannedWork, e.Results, e.NextYearPlan, e.InitialBudget?.Value, e.FinalBudget?.Value,
                e.IssuesAndDirection, e.Target, e.TargetProgress)).ToList())).ToList(),
        plan.Indicators.OrderBy(i => i.IsArchived).ThenBy(i => i.Order).Select(Indicator).ToList(),
        Opinions(plan, opinions.Where(o => years.Contains(o.ReportingYear.FiscalYear))));

    private static List<OpinionRecord> Opinions(Plan plan, IEnumerable<PublishedOpinion> opinions)
    {
        var measures = plan.Measures.ToDictionary(m => m.Id);
        return opinions.GroupBy(o => o.ReportingYear.FiscalYear).OrderBy(g => g.Key)
            .SelectMany(year => year.OrderBy(o => o.Order).ThenBy(o => o.Id).Select((o, i) =>
            {
                var measure = o.MeasureId is { } id ? measures.GetValueOrDefault(id) : null;
                return new OpinionRecord(year.Key.ToString(), i + 1, measure?.Key, measure?.PrimaryPlacement.FullCode, o.BodyName, o.Opinion, o.Answer);
            })).ToList();
    }

    private static readonly string[] OpinionCsvHeadings = ["団体コード", "団体名", "計画名", "年度", "番号", "取組キー", "番号（取組）", "評価機関", "主な意見", "考え方"];

    /// <summary>主な意見と考え方 of the published years as CSV: one line per opinion.</summary>
    public static byte[] OpinionsToCsv(Document document)
    {
        var csv = new CsvText().Row(OpinionCsvHeadings);
        foreach (var o in document.Opinions)
            csv.Row([document.Organisation.Code, document.Organisation.Name, document.Plan.Name, o.FiscalYear, o.Number.ToString(CultureInfo.InvariantCulture),
                o.MeasureKey ?? "", o.MeasureCode ?? "", o.Body ?? "", o.Opinion, o.Answer ?? ""]);
        return csv.ToBytes();
    }

    private static IndicatorRecord Indicator(Indicator i)
    {
        var assessment = i.Assess(i.Plan.PeriodEnd);
        decimal? Round(decimal? value) => value is { } v ? i.Rounded(v) : null;
        var actuals = i.IsDerived
            ? i.Series().Select(x => new ActualRecord(x.Year.ToString(), i.Rounded(x.Value), null, null, null))
            : i.Actuals.Where(a => a.State == ActualState.Submitted).OrderBy(a => a.FiscalYear)
                .Select(a => new ActualRecord(a.FiscalYear.ToString(), i.Rounded(a.Value), Round(a.ComparisonValue), a.Judgement?.ToString(), a.Note));
        var judged = !i.IsMonitoringOnly;
        return new IndicatorRecord(
            i.Code, i.Name, i.Unit, i.Node?.Code ?? i.Measure?.Key, i.Owner?.Path.ToString(), i.Kind.ToString(), i.Direction.ToString(), i.IsNew,
            new BaselineRecord(i.BaselineFrom?.ToString(), i.BaselineTo?.ToString(), Round(assessment.Baseline), i.BaselineNote),
            i.Targets.Select(t => new TargetRecord(t.FiscalYear.ToString(), t.Value, t.Qualitative, t.IsAveraged ? t.From!.Value.ToString() : null)).ToList(),
            i.ComparisonLabel, actuals.ToList(),
            Round(assessment.Current), assessment.MeasuredIn?.ToString(),
            judged && assessment.Progress is { } p ? Math.Round(p, 4) : null, judged ? assessment.Status.ToString() : null,
            i.DecimalPlaces, i.IsMonitoringOnly, i.IsArchived, i.ArchivedReason, i.IsDerived ? i.RatioBasis.ToString() : null);
    }

    private static readonly string[] IndicatorCsvHeadings =
    [
        "団体コード", "団体名", "計画名", "指標番号", "指標名", "単位", "対象", "所管課", "種類", "方向", "基準年度", "基準値", "目標年度", "目標値",
        "年度", "実績", "比較値", "比較系列", "備考", "区分",
    ];

    /// <summary>The indicators as CSV: one line per indicator and year with a submitted actual (one line without a year when there is none).</summary>
    public static byte[] IndicatorsToCsv(Document document)
    {
        var csv = new CsvText().Row(IndicatorCsvHeadings);
        foreach (var i in document.Indicators)
        {
            var last = i.Targets.LastOrDefault();
            string Value(decimal? value) => Number(value, i.DecimalPlaces);
            // モニタリング (no target, no status), アーカイブ (taken out of the current list), or empty for a current indicator with targets.
            var standing = string.Join(" ", new[] { i.MonitoringOnly ? "モニタリング" : null, i.Archived ? "アーカイブ" : null }.OfType<string>());
            string[] common =
            [
                document.Organisation.Code, document.Organisation.Name, document.Plan.Name, i.Code, i.Name, i.Unit, i.AttachedTo ?? "", i.Owner ?? "",
                i.Kind, i.Direction, i.Baseline.To is null ? i.Baseline.From ?? "" : $"{i.Baseline.From}-{i.Baseline.To}", Value(i.Baseline.Value),
                last is null ? "" : last.From is { } from ? $"{from}-{last.FiscalYear}" : last.FiscalYear, last is null ? "" : last.Value is { } v ? Number(v) : last.Qualitative ?? "",
            ];
            if (i.Actuals.Count == 0) csv.Row([.. common, "", "", "", i.ComparisonLabel ?? "", "", standing]);
            foreach (var a in i.Actuals)
                csv.Row([.. common, a.FiscalYear, Value(a.Value), Value(a.Comparison), i.ComparisonLabel ?? "", a.Note ?? "", standing]);
        }
        return csv.ToBytes();
    }

    private static string Number(decimal? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";

    /// <summary>A value with the indicator's decimal places (95.1), or as recorded when it sets none.</summary>
    private static string Number(decimal? value, int? places) =>
        places is { } p ? value?.ToString(p == 0 ? "0" : "0." + new string('0', p), CultureInfo.InvariantCulture) ?? "" : Number(value);

    public static byte[] ToJson(Document document) => JsonSerializer.SerializeToUtf8Bytes(document, Json);

    private static readonly string[] CsvHeadings =
    [
        "団体コード", "団体名", "計画名", "年度", "取組キー", "番号", "施策", "取組名", "取組内容", "担当課", "評価",
        "取組予定", "実施内容", "翌年度の計画", "当初予算額（千円）", "最終予算額（千円）", "課題・今後の方向性", "取組目標", "状況",
    ];

    /// <summary>One line per measure and year, in UTF-8 with a byte order mark so that Japanese Excel opens it as it is.</summary>
    public static byte[] ToCsv(Document document)
    {
        var csv = new CsvText().Row(CsvHeadings);
        var nodes = document.Nodes.ToDictionary(n => n.Code);
        foreach (var measure in document.Measures)
        {
            var primary = measure.Listings.First(l => !l.Relisting);
            foreach (var entry in measure.Entries)
                csv.Row(
                [
                    document.Organisation.Code, document.Organisation.Name, document.Plan.Name, entry.FiscalYear, measure.Key, primary.Code,
                    nodes.TryGetValue(primary.Node, out var node) ? $"{node.Code} {node.Title}" : primary.Node, measure.Title, measure.Description ?? "",
                    DepartmentList.Format(measure.Departments), entry.Grade ?? "", entry.PlannedWork ?? "", entry.Results ?? "", entry.NextYearPlan ?? "",
                    entry.InitialBudgetThousandYen?.ToString(CultureInfo.InvariantCulture) ?? "", entry.FinalBudgetThousandYen?.ToString(CultureInfo.InvariantCulture) ?? "",
                    entry.IssuesAndDirection ?? "", entry.Target ?? "", measure.Status,
                ]);
        }
        return csv.ToBytes();
    }
}
