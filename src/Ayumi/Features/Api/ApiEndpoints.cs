using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Features.Accounts;
using Ayumi.Features.Plans;
using Ayumi.Features.Search;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Api;

/// <summary>The read-only JSON API, <c>/api/v1</c>, described at <c>/openapi/v1.json</c>.</summary>
public static class ApiEndpoints
{
    public static void MapAyumiApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Ayumi");

        api.MapGet("/organisations", async (AyumiDbContext db, CancellationToken ct) =>
            (await db.Organisations.AsNoTracking().ToListAsync(ct))
                .OrderBy(o => o.Code.Value)
                .Select(o => new OrganisationDto(o.Code.Value, o.Name, Camel(o.Kind))))
            .WithName("ListOrganisations").WithSummary("Every organisation with its local government code.");

        api.MapGet("/organisations/{code}/plans", async Task<IResult> (string code, AyumiDbContext db, CancellationToken ct) =>
        {
            if (!LocalGovernmentCode.TryParse(code, out var parsed, out var reason)) return Results.Problem(reason, statusCode: 400);
            var organisation = await db.Organisations.AsNoTracking().Include(o => o.Plans).ThenInclude(p => p.Predecessor)
                .FirstOrDefaultAsync(o => o.Code == parsed, ct);
            if (organisation is null) return Results.Problem($"No organisation has code {code}.", statusCode: 404);
            return Results.Ok(organisation.Plans.Where(MemberRoles.Anonymous.SeesPlan).OrderBy(p => p.Generation).Select(PlanSummary));
        }).WithName("ListPlans").Produces<IEnumerable<PlanSummaryDto>>().WithSummary("The plans of one organisation.");

        api.MapGet("/plans/{planId:int}", async Task<IResult> (int planId, AyumiDbContext db, CancellationToken ct) =>
        {
            var plan = await PublicPlanAsync(db, planId, ct);
            return plan is null ? PlanNotFound(planId) : Results.Ok(PlanTree(plan));
        }).WithName("GetPlan").Produces<PlanTreeDto>().WithSummary("A plan with its tree of goals, policies and measures.");

        api.MapGet("/plans/{planId:int}/measures", async Task<IResult> (int planId, string? fiscalYear, AyumiDbContext db, CancellationToken ct) =>
        {
            if (YearAsked(fiscalYear, out var year) is { } badYear) return badYear;
            var plan = await PublicPlanAsync(db, planId, ct);
            if (plan is null) return PlanNotFound(planId);
            return Results.Ok(PlanQueries.MeasuresInTreeOrder(plan).Select(m => MeasureWithEntry(m, year)));
        }).WithName("ListMeasures").Produces<IEnumerable<MeasureDto>>()
          .WithSummary("The measures of a plan, each once, with the entry of the given fiscal year (2024, FY2024, R6 or 令和6年度) when that year is published.");

        api.MapGet("/plans/{planId:int}/opinions", async Task<IResult> (int planId, string? fiscalYear, AyumiDbContext db, CancellationToken ct) =>
        {
            if (YearAsked(fiscalYear, out var year) is { } badYear) return badYear;
            var plan = await PublicPlanAsync(db, planId, ct);
            if (plan is null) return PlanNotFound(planId);
            var opinions = await Review.OpinionQueries.SeenByAsync(db, plan, MemberRoles.Anonymous, ct);
            var measures = plan.Measures.ToDictionary(m => m.Id);
            return Results.Ok(opinions.Where(o => year is null || o.ReportingYear.FiscalYear == year).GroupBy(o => o.ReportingYear.FiscalYear).OrderBy(g => g.Key)
                .SelectMany(g => g.Select((o, i) =>
                {
                    var measure = o.MeasureId is { } id ? measures.GetValueOrDefault(id) : null;
                    return new OpinionDto(g.Key.StartYear, i + 1, measure?.Key, measure?.PrimaryPlacement.FullCode, measure?.Title, o.BodyName, o.Opinion, o.Answer);
                })));
        }).WithName("ListOpinions").Produces<IEnumerable<OpinionDto>>()
          .WithSummary("主な意見と市（県）の考え方: the opinions of the council that the organisation published with its answers, for the published years (or one of them: 2024, FY2024, R6 or 令和6年度).");

        api.MapGet("/plans/{planId:int}/indicators", async Task<IResult> (int planId, AyumiDbContext db, CancellationToken ct) =>
        {
            if (!await db.Plans.Where(p => p.Id == planId).AnyAsync(Publication.PlansSeenBy(MemberRoles.Anonymous), ct)) return PlanNotFound(planId);
            var indicators = await db.Indicators.AsNoTracking().Where(i => i.PlanId == planId)
                .Include(i => i.Plan).Include(i => i.Node).Include(i => i.Measure).Include(i => i.Owner)
                .Include(i => i.Numerator).Include(i => i.Denominator).OrderBy(i => i.Order).ToListAsync(ct);
            return Results.Ok(indicators.Select(IndicatorDto.From));
        }).WithName("ListIndicators").Produces<IEnumerable<IndicatorDto>>().WithSummary("The indicators of a plan with baselines, targets and actuals.");

        api.MapSearch();
    }

    /// <summary>The API is read as the public reads: a published plan, with only its published years' reports.</summary>
    private static async Task<Plan?> PublicPlanAsync(AyumiDbContext db, int planId, CancellationToken ct)
    {
        var plan = await PlanQueries.LoadTreeAsync(db, planId, ct);
        if (plan is null || !MemberRoles.Anonymous.SeesPlan(plan)) return null;
        Publication.WithholdUnpublished(db, plan);
        return plan;
    }

    /// <summary>The fiscal year a query asks for (2024, FY2024, R6 or 令和6年度; none for all); a problem answer when it is not one.</summary>
    private static IResult? YearAsked(string? fiscalYear, out FiscalYear? year)
    {
        year = null;
        if (fiscalYear is null) return null;
        if (!FiscalYear.TryParse(fiscalYear, out var parsed)) return Results.Problem($"'{fiscalYear}' is not a fiscal year (examples: 2024, FY2024, R6, 令和6年度).", statusCode: 400);
        year = parsed;
        return null;
    }

    private static IResult PlanNotFound(int planId) => Results.Problem($"No plan has id {planId}.", statusCode: 404);

    private static PlanSummaryDto PlanSummary(Plan p) => new(p.Id, p.Name, p.Generation, p.PeriodStart.StartYear, p.PeriodEnd.StartYear, p.PredecessorId, p.Predecessor?.Name);

    private static PlanTreeDto PlanTree(Plan plan) => new(
        plan.Id, plan.Name, plan.Generation, plan.PeriodStart.StartYear, plan.PeriodEnd.StartYear, plan.Source,
        plan.Levels.Select(l => l.Name).ToList(),
        plan.Grades.Select(g => new GradeDto(g.Symbol, g.Label)).ToList(),
        PlanQueries.Roots(plan).Select(NodeDto).ToList());

    private static NodeDto NodeDto(PlanNode node) => new(
        node.Code, node.Title, node.Description, node.Plan.Levels[node.Depth].Name,
        PlanQueries.Children(node).Select(NodeDto).ToList(),
        PlanQueries.PlacementsUnder(node).Select(p => new PlacedMeasureDto(p.Measure.Key, p.Code, p.ListedTitle ?? p.Measure.Title, p.IsRelisting)).ToList());

    private static MeasureDto MeasureWithEntry(Measure m, FiscalYear? year)
    {
        var entry = year is { } y && MemberRoles.Anonymous.SeesYear(m.Plan, y) ? m.Entries.FirstOrDefault(e => e.FiscalYear == y) : null;
        // A draft of the next plan is not public, nor are the links into it.
        var carriedOn = m.Continuations.Where(l => MemberRoles.Anonymous.SeesPlan(l.To.Plan)).ToList();
        return new MeasureDto(
            m.Key, m.PrimaryPlacement.Code, m.Title, m.Description, m.Objective,
            m.Departments.OrderBy(d => d.Order).Select(d => d.Department.Name).ToList(),
            m.Placements.OrderBy(p => p.IsRelisting).Select(p => new PlacementDto(p.Code, p.Node.Code, p.IsRelisting)).ToList(),
            m.IsPrefectureRun, m.IsNew,
            m.Entries.Where(e => e.Target is not null).OrderBy(e => e.FiscalYear).Select(e => new YearTargetDto(e.FiscalYear.StartYear, e.Target!)).ToList(),
            new LifecycleDto(Camel(m.Status), m.EndedIn?.StartYear, m.LifecycleNote,
                m.Predecessors.Select(p => p.Key).ToList(), carriedOn.FirstOrDefault(l => l.To.PlanId != m.PlanId)?.To.Key,
                carriedOn.Select(l => new LineageDto(l.To.PlanId, l.To.Key, Camel(l.Kind), l.EffectiveIn.StartYear, l.Note)).ToList()),
            entry is null ? null : new EntryDto(entry.FiscalYear.StartYear, entry.Grade, entry.PlannedWork, entry.Results,
                entry.InitialBudget?.Value, entry.FinalBudget?.Value, entry.IssuesAndDirection, entry.NextYearPlan, entry.Target, entry.Notes));
    }

    internal static string Camel<T>(T value) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}

public sealed record OrganisationDto(string Code, string Name, string Kind);
public sealed record PlanSummaryDto(int Id, string Name, int Generation, int PeriodStart, int PeriodEnd, int? PredecessorId, string? Predecessor);
public sealed record GradeDto(string Symbol, string Label);
public sealed record PlanTreeDto(int Id, string Name, int Generation, int PeriodStart, int PeriodEnd, string? Source, List<string> Levels, List<GradeDto> GradeScale, List<NodeDto> Nodes);
public sealed record NodeDto(string Code, string Title, string? Description, string Level, List<NodeDto> Children, List<PlacedMeasureDto> Measures);
public sealed record PlacedMeasureDto(string Key, string Code, string Title, bool Relisting);
public sealed record PlacementDto(string Code, string Parent, bool Relisting);
/// <param name="CarriedOnBy">The measures that carry this one on (継続, 名称変更, 統合, 分割, 後継事業), in this plan or a later one.</param>
public sealed record LifecycleDto(string Status, int? EndedIn, string? Note, List<string> SuccessorOf, string? NextPlanMeasure, List<LineageDto> CarriedOnBy);
public sealed record LineageDto(int PlanId, string Key, string Kind, int EffectiveIn, string? Note);
/// <param name="InitialBudget">Thousand yen; null = no budget.</param>
/// <param name="FinalBudget">Thousand yen; null = no budget.</param>
public sealed record EntryDto(int FiscalYear, string? Grade, string? PlannedWork, string? Results, long? InitialBudget, long? FinalBudget,
    string? IssuesAndDirection, string? NextYearPlan, string? Target, string? Notes);
/// <param name="Targets">The yearly targets (取組目標) the plan sets, for every year: plan content, public before the year is reported.</param>
/// <param name="Entry">The entry of the requested fiscal year, only once that year is published.</param>
public sealed record MeasureDto(string Key, string Code, string Title, string? Description, string? Objective, List<string> Departments,
    List<PlacementDto> Placements, bool PrefectureRun, bool IsNew, List<YearTargetDto> Targets, LifecycleDto Lifecycle, EntryDto? Entry);
public sealed record YearTargetDto(int FiscalYear, string Target);
/// <summary>One of 主な意見と市（県）の考え方 of a published year.</summary>
/// <param name="Number">The opinion's number in its year, from 1.</param>
/// <param name="MeasureKey">The measure the opinion is about; null when it stands for comments on several.</param>
/// <param name="Body">The evaluation body whose members wrote it; null when several or none.</param>
/// <param name="Opinion">The published wording (a comment as written, or the secretariat's summary of one or several).</param>
/// <param name="Answer">The organisation's answer (市の考え方 / 県の考え方); null when none was written.</param>
public sealed record OpinionDto(int FiscalYear, int Number, string? MeasureKey, string? MeasureCode, string? MeasureTitle, string? Body, string Opinion, string? Answer);

/// <param name="From">The first year of a target averaged over a span (R4〜R8の平均: 2022 to 2026); null for one year.</param>
public sealed record TargetDto(int FiscalYear, decimal? Value, string? Qualitative, string? Note, int? From = null);
/// <summary>A submitted actual (drafts are never published); for a cumulative indicator the year's own count.</summary>
public sealed record ActualDto(int FiscalYear, decimal Value, string? Note, decimal? Comparison, string? Judgement);

/// <summary>Where an indicator stands as of the plan's last year (docs/indicators.md); a monitoring indicator's status and progress are null.</summary>
public sealed record AssessmentDto(string? Status, decimal? Baseline, decimal? Current, int? MeasuredIn, decimal? Progress);
/// <param name="DecimalPlaces">The places the values are rounded to; null when they are as recorded.</param>
/// <param name="Archived">Taken out of the plan's current indicators by the secretariat, with <paramref name="ArchivedReason"/>.</param>
public sealed record IndicatorDto(string Code, string Name, string Unit, string? AttachedTo, string? Owner, string Kind, string Direction, bool IsNew,
    int? BaselineFrom, int? BaselineTo, decimal? BaselineValue, string? BaselineNote, List<TargetDto> Targets, List<ActualDto> Actuals,
    string? ComparisonLabel, AssessmentDto Assessment, int? DecimalPlaces = null, bool MonitoringOnly = false, bool Archived = false, string? ArchivedReason = null,
    string? RatioBasis = null)
{
    public static IndicatorDto From(Indicator i) => new(
        i.Code, i.Name, i.Unit, i.Node?.Code ?? i.Measure?.Key, i.Owner?.Name, ApiEndpoints.Camel(i.Kind), ApiEndpoints.Camel(i.Direction), i.IsNew,
        i.BaselineFrom?.StartYear, i.BaselineTo?.StartYear, i.BaselineValue, i.BaselineNote,
        i.Targets.Select(t => new TargetDto(t.FiscalYear.StartYear, t.Value, t.Qualitative, t.Note, t.IsAveraged ? t.From!.Value.StartYear : null)).ToList(),
        i.IsDerived
            ? i.Series().Select(x => new ActualDto(x.Year.StartYear, i.Rounded(x.Value), null, null, null)).ToList()
            : i.Actuals.Where(a => a.State == ActualState.Submitted).OrderBy(a => a.FiscalYear)
                .Select(a => new ActualDto(a.FiscalYear.StartYear, i.Rounded(a.Value), a.Note, a.ComparisonValue is { } c ? i.Rounded(c) : null, a.Judgement is { } j ? ApiEndpoints.Camel(j) : null)).ToList(),
        i.ComparisonLabel,
        Assess(i), i.DecimalPlaces, i.IsMonitoringOnly, i.IsArchived, i.ArchivedReason, i.IsDerived ? ApiEndpoints.Camel(i.RatioBasis) : null);

    private static AssessmentDto Assess(Indicator i)
    {
        var a = i.Assess(i.Plan.PeriodEnd);
        decimal? Round(decimal? value) => value is { } v ? i.Rounded(v) : null;
        if (i.IsMonitoringOnly) return new(null, Round(a.Baseline), Round(a.Current), a.MeasuredIn?.StartYear, null);
        return new(ApiEndpoints.Camel(a.Status), Round(a.Baseline), Round(a.Current), a.MeasuredIn?.StartYear, a.Progress is { } p ? Math.Round(p, 4) : null);
    }
}
