using System.Text.Json;
using Ayumi.Domain;

namespace Ayumi.Features.PlanFiles;

/// <summary>Writes an organisation's plans in the Ayumi plan file format.</summary>
public static class PlanFileWriter
{
    /// <param name="plans">The plans to write, predecessors first; all must belong to <paramref name="organisation"/>.</param>
    /// <param name="backup">Whether the file carries what is not published (drafts, years in work): the secretariat's backup copy, which says so.</param>
    public static byte[] Write(Organisation organisation, IReadOnlyList<Plan> plans, bool backup = false)
    {
        var file = new PlanFile(
            PlanFile.FormatName,
            PlanFile.CurrentVersion,
            new PlanFileOrganisation(organisation.Code.Value, organisation.Name, JsonNamingPolicy.CamelCase.ConvertName(organisation.Kind.ToString())),
            organisation.Departments.OrderBy(d => d.Path.ToString(), StringComparer.Ordinal)
                .Select(d => new PlanFileDepartment([.. d.Path.Units], d.Aliases.Count == 0 ? null : [.. d.Aliases.Select(a => a.Name)]))
                .ToList(),
            plans.Select(p => ToFile(p, plans, backup)).ToList(),
            backup ? true : null);
        return JsonSerializer.SerializeToUtf8Bytes(file, PlanFileReader.JsonOptions);
    }

    private static PlanFilePlan ToFile(Plan plan, IReadOnlyList<Plan> written, bool backup) => new(
        plan.Name,
        plan.Generation,
        plan.PeriodStart,
        plan.PeriodEnd,
        plan.Levels,
        Nodes: plan.Nodes.Where(n => n.Parent is null).OrderBy(n => n.Order).Select(n => ToFile(n, written)).ToList(),
        Measures: plan.Measures.OrderBy(m => m.PrimaryPlacement.Node.Order).ThenBy(m => m.PrimaryPlacement.ParsedCode).Select(m => ToFile(m, written, backup)).ToList(),
        Predecessor: plan.Predecessor?.Name,
        Source: plan.Source,
        BasicPhilosophy: plan.BasicPhilosophy,
        GradeScale: plan.Grades,
        EvaluationBodies: plan.EvaluationBodies.Select(b => new PlanFileEvaluationBody(b.Name, Camel(b.Kind), b.Description)).ToList(),
        Notes: plan.Notes,
        Indicators: plan.Indicators.OrderBy(i => i.Order).Select(ToFile).ToList(),
        Status: Camel(plan.Status),
        PublishedYears: backup ? plan.PublishedYears.Order().ToList() : null);

    private static PlanFileNode ToFile(PlanNode node, IReadOnlyList<Plan> written) =>
        new(node.Code, node.Title, node.Description, node.Children.Count == 0 ? null : node.Children.OrderBy(c => c.Order).Select(c => ToFile(c, written)).ToList(),
            node.Origin is { } origin && written.Contains(origin.Plan) ? new PlanFileNodeRef(origin.Plan.Name, origin.Code) : null);

    /// <summary>
    /// Lineage links are written from the earlier measure, and only to plans the file carries (a reader must resolve them).
    /// Confirmed tags name the person who confirmed them only in the secretariat's backup; a public file names the organisation.
    /// </summary>
    private static PlanFileMeasure ToFile(Measure measure, IReadOnlyList<Plan> written, bool backup) => new(
        measure.Key,
        measure.PrimaryPlacement.Code,
        measure.PrimaryPlacement.Node.Code,
        measure.Title,
        measure.Description,
        measure.Objective,
        measure.Departments.OrderBy(d => d.Order).Select(d => d.Department.Path.ToString()).ToList(),
        measure.IsPrefectureRun,
        measure.IsNew,
        measure.Placements.Where(p => p.IsRelisting).Select(p => new PlanFileRelisting(p.Code, p.Node.Code, p.ListedTitle, p.ListedDescription)).ToList(),
        new PlanFileLifecycle(
            Camel(measure.Status),
            measure.EndedIn,
            measure.LifecycleNote),
        // An entry whose report was withheld from this file and that sets no target says nothing.
        measure.Entries.Where(e => e.HasReport || e.Target is not null || e.Notes is not null).OrderBy(e => e.FiscalYear).Select(e => new PlanFileEntry(
            e.FiscalYear, e.Target, e.PlannedWork, e.Results, e.Grade, e.InitialBudget?.Value, e.FinalBudget?.Value,
            e.IssuesAndDirection, e.NextYearPlan, e.Notes)).ToList(),
        measure.Continuations.Where(l => written.Contains(l.To.Plan)).OrderBy(l => l.To.Plan.Generation).ThenBy(l => l.To.Key)
            .Select(l => new PlanFileLineage(new PlanFileMeasureRef(l.To.Plan.Name, l.To.Key), Camel(l.Kind), l.EffectiveIn, l.Note)).ToList(),
        measure.Tags.Count == 0 && !measure.TagsConfirmed ? null
            : new PlanFileTagging(measure.Tags.OrderBy(t => t.Issue).ThenBy(t => t.Area, StringComparer.Ordinal).Select(t => new PlanFileTag(t.Issue, t.Area)).ToList(),
                measure.TagsConfirmed && !backup ? measure.Plan.Organisation.Name : measure.TagsConfirmedBy, measure.TagsConfirmedAt));

    private static PlanFileIndicator ToFile(Indicator indicator) => new(
        indicator.Code,
        indicator.Name,
        indicator.Unit,
        Camel(indicator.Kind),
        Camel(indicator.Direction),
        indicator.Node?.Code ?? indicator.Measure?.Key,
        indicator.Owner?.Path.ToString(),
        indicator.IsNew,
        indicator.BaselineFrom is { } from ? new PlanFileBaseline(from, indicator.BaselineTo, indicator.BaselineValue, indicator.BaselineNote) : null,
        indicator.Targets.Select(t => new PlanFileTarget(t.FiscalYear, t.Value, t.Qualitative, t.Note, t.IsAveraged ? t.From : null)).ToList(),
        indicator.Actuals.Where(a => a.State == ActualState.Submitted).OrderBy(a => a.FiscalYear)
            .Select(a => new PlanFileActual(a.FiscalYear, a.Value, a.Note, a.ComparisonValue, a.Judgement is { } j ? Camel(j) : null)).ToList(),
        indicator.SourceNote,
        indicator.ComparisonLabel,
        indicator is { Numerator: { } numerator, Denominator: { } denominator, RatioScale: { } scale }
            ? new PlanFileRatio(numerator.Code, denominator.Code, scale, indicator.RatioBasis == RatioBasis.YearlyCounts ? null : Camel(indicator.RatioBasis)) : null,
        indicator.DecimalPlaces,
        indicator.IsMonitoringOnly,
        indicator.ArchivedReason);

    private static string Camel<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
