using Ayumi.Data;
using Ayumi.Domain;
using Ayumi.Domain.WrittenForms;
using Ayumi.Features.Accounts;
using Ayumi.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Features.Indicators;

/// <summary>
/// The secretariat defines an indicator: name, unit, where it is attached, owner, kind,
/// direction, baseline, targets, comparison series. Every field is checked, then every rule
/// of the domain; a refused definition stores nothing.
/// </summary>
[Authorize]
public sealed class EditModel(AyumiDbContext db, CurrentMember current) : PageModel
{
    public const int TargetRows = 3;

    public Plan Plan { get; private set; } = null!;
    public Indicator? Indicator { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];
    public Notice? Notice { get; private set; }

    [BindProperty] public Form Input { get; set; } = new();

    /// <summary>Why the secretariat deletes (or archives) the indicator.</summary>
    [BindProperty] public string? RemovalReason { get; set; }

    public sealed class Form
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? Unit { get; set; }
        public string? AttachedTo { get; set; }
        public int? OwnerId { get; set; }
        public IndicatorKind Kind { get; set; } = IndicatorKind.Snapshot;
        public IndicatorDirection Direction { get; set; } = IndicatorDirection.HigherIsBetter;
        public bool IsNew { get; set; }
        public string? BaselineFrom { get; set; }
        public string? BaselineTo { get; set; }
        public string? BaselineValue { get; set; }
        public string? BaselineNote { get; set; }
        public List<TargetRow> Targets { get; set; } = [];
        public string? ComparisonLabel { get; set; }
        public string? SourceNote { get; set; }
        /// <summary>A derived indicator: numerator ÷ denominator × scale, both other indicators of the plan.</summary>
        public int? NumeratorId { get; set; }
        public int? DenominatorId { get; set; }
        public string? RatioScale { get; set; }
        public RatioBasis RatioBasis { get; set; }
        /// <summary>Decimal places its values print with; empty prints them as recorded.</summary>
        public string? DecimalPlaces { get; set; }
        /// <summary>参考指標, モニタリング指標: no target.</summary>
        public bool MonitoringOnly { get; set; }
    }

    public sealed class TargetRow
    {
        public string? Year { get; set; }
        public string? Value { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, int? indicatorId, CancellationToken ct)
    {
        if (await LoadAsync(id, indicatorId, ct) is { } refused) return refused;
        FillFromIndicator();
        return Page();
    }

    /// <summary>
    /// Deletes the indicator, or archives it when it has actuals (or an archived ratio is made of it); the reason is
    /// in the audit trail either way.
    /// </summary>
    public async Task<IActionResult> OnPostRemoveAsync(int id, int indicatorId, CancellationToken ct)
    {
        if (await LoadAsync(id, indicatorId, ct) is { } refused) return refused;
        try
        {
            var archived = Plan.RemoveIndicator(Indicator!, RemovalReason);
            if (!archived)
            {
                db.Indicators.Remove(Indicator!);
                db.DeletionReason = RemovalReason!.Trim();
            }
            await db.SaveChangesAsync(ct);
            return Redirect($"/plans/{id}/indicators?removed={(archived ? "archived" : "deleted")}");
        }
        catch (DomainException e)
        {
            Errors[nameof(RemovalReason)] = e.Key;
            Notice = Notice.Refused(e);
            db.ChangeTracker.Clear();
            if (await LoadAsync(id, indicatorId, ct) is { } gone) return gone;
        }
        FillFromIndicator();
        return Page();
    }

    private void FillFromIndicator()
    {
        if (Indicator is { } i)
            Input = new Form
            {
                Code = i.Code, Name = i.Name, Unit = i.Unit, AttachedTo = i.Node is { } n ? "node:" + n.Code : i.Measure is { } m ? "measure:" + m.Key : "",
                OwnerId = i.OwnerId, Kind = i.Kind, Direction = i.Direction, IsNew = i.IsNew,
                BaselineFrom = i.BaselineFrom?.ToEraAbbreviation(), BaselineTo = i.BaselineTo?.ToEraAbbreviation(),
                DecimalPlaces = i.DecimalPlaces?.ToString(System.Globalization.CultureInfo.InvariantCulture), MonitoringOnly = i.IsMonitoringOnly, RatioBasis = i.RatioBasis,
                BaselineValue = i.BaselineValue?.ToString("0.####"), BaselineNote = i.BaselineNote,
                Targets = i.Targets.Select(t => new TargetRow { Year = t.Years.ToString(), Value = t.Value?.ToString("0.####") ?? t.Qualitative }).ToList(),
                ComparisonLabel = i.ComparisonLabel, SourceNote = i.SourceNote,
                NumeratorId = i.NumeratorId, DenominatorId = i.DenominatorId, RatioScale = i.RatioScale?.ToString("0.####"),
            };
        while (Input.Targets.Count < TargetRows) Input.Targets.Add(new TargetRow());
    }

    public async Task<IActionResult> OnPostAsync(int id, int? indicatorId, CancellationToken ct)
    {
        if (await LoadAsync(id, indicatorId, ct) is { } refused) return refused;
        var definition = Read();
        if (definition is not null)
        {
            try
            {
                var indicator = Indicator ?? Plan.AddIndicator(Input.Code!.Trim(), Input.Name!.Trim(), Input.Unit!.Trim());
                Apply(indicator, definition.Value);
                await db.SaveChangesAsync(ct);
                return Redirect($"/plans/{id}/indicators/{indicator.Id}");
            }
            catch (DomainException e)
            {
                Errors[FieldOf(e)] = e.Key;
                Notice = Notice.Refused(e);
                db.ChangeTracker.Clear();
                if (await LoadAsync(id, indicatorId, ct) is { } gone) return gone;
            }
        }
        else Notice = Notice.Error("indicator.fixDefinition");
        while (Input.Targets.Count < TargetRows) Input.Targets.Add(new TargetRow());
        return Page();
    }

    private void Apply(Indicator indicator, (FiscalYear From, FiscalYear? To, decimal? Value, List<IndicatorTarget> Targets, decimal Scale, int? Places) definition)
    {
        indicator.Define(Input.Name!, Input.Unit!);
        indicator.SetKind(Input.Kind);
        indicator.SetDecimalPlaces(definition.Places);
        indicator.TakeRatioOf(Input.RatioBasis);
        indicator.Direction = Input.Direction;
        indicator.IsNew = Input.IsNew;
        indicator.SourceNote = string.IsNullOrWhiteSpace(Input.SourceNote) ? null : Input.SourceNote.Trim();
        indicator.CompareWith(Input.ComparisonLabel);
        indicator.AssignOwner(Plan.Organisation.Departments.FirstOrDefault(d => d.Id == Input.OwnerId));
        if (Input.AttachedTo?.StartsWith("node:") == true && Plan.FindNode(Input.AttachedTo[5..]) is { } node) indicator.AttachTo(node);
        else if (Input.AttachedTo?.StartsWith("measure:") == true && Plan.FindMeasure(Input.AttachedTo[8..]) is { } measure) indicator.AttachTo(measure);
        else indicator.AttachToPlan();
        if (Input.NumeratorId is { } numerator && Input.DenominatorId is { } denominator && !indicator.IsDerived)
            indicator.DeriveAsRatio(Plan.Indicators.Single(i => i.Id == numerator), Plan.Indicators.Single(i => i.Id == denominator), definition.Scale);
        indicator.SetBaseline(definition.From, definition.To, definition.Value, string.IsNullOrWhiteSpace(Input.BaselineNote) ? null : Input.BaselineNote.Trim());
        if (!Input.MonitoringOnly) indicator.MonitorOnly(false);
        indicator.ReplaceTargets(definition.Targets);
        if (Input.MonitoringOnly) indicator.MonitorOnly(true);
    }

    /// <summary>The form's own checks: required fields, years and numbers as people type them.</summary>
    private (FiscalYear, FiscalYear?, decimal?, List<IndicatorTarget>, decimal, int?)? Read()
    {
        if (Indicator is null && string.IsNullOrWhiteSpace(Input.Code)) Errors[nameof(Form.Code)] = "indicator.codeMissing";
        else if (Indicator is null && Plan.Indicators.Any(i => i.Code == Input.Code!.Trim())) Errors[nameof(Form.Code)] = "indicator.codeTaken";
        if (string.IsNullOrWhiteSpace(Input.Name)) Errors[nameof(Form.Name)] = "indicator.nameMissing";
        if (string.IsNullOrWhiteSpace(Input.Unit)) Errors[nameof(Form.Unit)] = "indicator.unitMissing";
        // The first field takes the documents' span too (H29〜R3平均), which fills both.
        FiscalYear from = default, written = default;
        FiscalYear? to = null;
        if (YearSpanText.TryParse(Input.BaselineFrom, out var baselineYears)) (from, written) = (baselineYears.From, baselineYears.To);
        else Errors[nameof(Form.BaselineFrom)] = string.IsNullOrWhiteSpace(Input.BaselineFrom) ? "indicator.baselineMissing" : "indicator.badYear";
        if (baselineYears.IsSpan) to = written;
        else if (!string.IsNullOrWhiteSpace(Input.BaselineTo))
        {
            if (FiscalYear.TryParse(Input.BaselineTo, out var t)) to = t;
            else Errors[nameof(Form.BaselineTo)] = "indicator.badYear";
        }
        decimal? baseline = null;
        if (!string.IsNullOrWhiteSpace(Input.BaselineValue))
        {
            if (Number(Input.BaselineValue) is { } v) baseline = v;
            else Errors[nameof(Form.BaselineValue)] = NumberError(Input.BaselineValue);
        }
        else if (to is null) Errors[nameof(Form.BaselineValue)] = "indicator.baselineMissing";
        var targets = new List<IndicatorTarget>();
        for (var i = 0; i < Input.Targets.Count; i++)
        {
            var row = Input.Targets[i];
            if (string.IsNullOrWhiteSpace(row.Year) && string.IsNullOrWhiteSpace(row.Value)) continue;
            if (!YearSpanText.TryParse(row.Year, out var years)) { Errors[$"Targets[{i}].Year"] = "indicator.badYear"; continue; }
            var (year, averagedFrom) = (years.To, years.IsSpan ? years.From : (FiscalYear?)null);
            if (string.IsNullOrWhiteSpace(row.Value)) { Errors[$"Targets[{i}].Value"] = "indicator.targetEmpty"; continue; }
            var text = row.Value.Normalize(System.Text.NormalizationForm.FormKC).Trim();
            // A target starting with a digit is a number (and must read as one); words are a qualitative target (全国平均以上).
            if (char.IsAsciiDigit(text[0]))
            {
                if (Number(text) is { } value) targets.Add(new IndicatorTarget(year, value, null, null, averagedFrom));
                else Errors[$"Targets[{i}].Value"] = NumberError(text);
            }
            else targets.Add(new IndicatorTarget(year, null, text, null, averagedFrom));
        }
        if (Input.MonitoringOnly && targets.Count > 0) Errors["Targets[0].Year"] = "indicator.monitoringWithTargets";
        else if (!Input.MonitoringOnly && targets.Count == 0 && !Errors.Keys.Any(k => k.StartsWith("Targets"))) Errors["Targets[0].Year"] = "indicator.targetMissing";
        int? places = null;
        if (!string.IsNullOrWhiteSpace(Input.DecimalPlaces))
        {
            if (int.TryParse(Input.DecimalPlaces.Normalize(System.Text.NormalizationForm.FormKC).Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p)
                && p <= Domain.Indicator.MaxDecimalPlaces) places = p;
            else Errors[nameof(Form.DecimalPlaces)] = "indicator.decimalPlaces";
        }
        var scale = 1m;
        if (Input.NumeratorId is not null || Input.DenominatorId is not null)
        {
            if (Plan.Indicators.All(i => i.Id != Input.NumeratorId) || Plan.Indicators.All(i => i.Id != Input.DenominatorId)) Errors[nameof(Form.NumeratorId)] = "indicator.ratioParts";
            if (!string.IsNullOrWhiteSpace(Input.RatioScale) && !decimal.TryParse(Input.RatioScale, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out scale)) Errors[nameof(Form.RatioScale)] = "indicator.ratioScale";
        }
        return Errors.Count > 0 ? null : (from, to, baseline, targets, scale, places);
    }

    private string UnitTyped => Input.Unit?.Trim() ?? "";

    private decimal? Number(string text) => Domain.Indicator.TryParseValue(text, UnitTyped, out var value, out _) ? value : null;

    private string NumberError(string text) => Domain.Indicator.TryParseValue(text, UnitTyped, out _, out var error) ? "indicator.refused" : error!;

    /// <summary>The field a refused rule is about, so that its message stands beside it.</summary>
    private string FieldOf(DomainException e) => e.Key switch
    {
        "indicator.targetOutsidePeriod" or "indicator.targetTwice" or "indicator.targetSpan" or "indicator.averagedCumulative" =>
            $"Targets[{Math.Max(0, Input.Targets.FindIndex(t => YearSpanText.TryParse(t.Year, out var y) && e.Arguments.Count > 1 && y.To.ToJapanese() == (string)e.Arguments[1]))}].Year",
        "indicator.baselineMissing" or "indicator.baselineSpan" => nameof(Form.BaselineFrom),
        "indicator.percentCumulative" or "indicator.kindHasActuals" or "indicator.ratioCumulative" => nameof(Form.Kind),
        "indicator.unitHasActuals" => nameof(Form.Unit),
        "indicator.ratioParts" or "indicator.ratioOfRatio" or "indicator.ratioHasActuals" => nameof(Form.NumeratorId),
        "indicator.ratioScale" => nameof(Form.RatioScale),
        "indicator.decimalPlaces" => nameof(Form.DecimalPlaces),
        "indicator.monitoringWithTargets" => "Targets[0].Year",
        _ => nameof(Form.Name),
    };

    private async Task<IActionResult?> LoadAsync(int id, int? indicatorId, CancellationToken ct)
    {
        var plan = await db.Plans.Include(p => p.Organisation).ThenInclude(o => o.Departments)
            .Include(p => p.Nodes).Include(p => p.Measures).Include(p => p.Indicators)
            .AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null) return NotFound();
        var me = await current.GetAsync(ct);
        if (!me.CanManage(plan.OrganisationId)) return Forbid();
        Plan = plan;
        if (indicatorId is { } existing)
        {
            Indicator = plan.Indicators.FirstOrDefault(i => i.Id == existing);
            if (Indicator is null) return NotFound();
        }
        return null;
    }
}
