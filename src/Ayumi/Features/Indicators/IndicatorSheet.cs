using System.Text.RegularExpressions;
using Ayumi.Domain;
using Ayumi.Domain.WrittenForms;
using Ayumi.Features.Import;
using Ayumi.Features.Import.Reading;

namespace Ayumi.Features.Indicators;

/// <summary>A value an indicator sheet sets for a year: what is stored now (null if nothing) and what the sheet says.</summary>
public sealed record IndicatorSheetChange(Indicator Indicator, FiscalYear Year, decimal? Stored, decimal Value, SourceLocation Where);

/// <summary>
/// An indicator sheet: one row per indicator (named by its code, as ①, or its name), one column
/// per fiscal year (2019, R1, 令和元年度, 2019年度実績), before the baseline included. Columns of targets
/// (目標, 令和9年度末, R4〜R8の平均) are left alone; the column of a single baseline year, or of the baseline's
/// span (H29〜R3平均), must repeat the baseline. Every cell is checked before anything is applied, and
/// <see cref="Apply"/> records either every value or none.
/// </summary>
public sealed partial class IndicatorSheet
{
    private const int HeaderSearchRows = 10;

    public List<IndicatorSheetChange> Changes { get; } = [];
    public List<ImportProblem> Problems { get; } = [];
    public int Unchanged { get; private set; }
    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);

    /// <param name="plan">With its indicators and their actuals.</param>
    public static IndicatorSheet Read(Workbook workbook, Plan plan)
    {
        var result = new IndicatorSheet();
        var read = false;
        foreach (var sheet in workbook.Sheets.Where(s => !s.IsHidden))
            read |= result.ReadSheet(workbook.FileName, sheet, plan);
        if (!read)
            result.Problems.Add(ImportProblem.Error(new(workbook.FileName), "import.indicator.noHeader",
                "No row names an indicator column (指標, 番号) and fiscal years (2019, R1, 令和元年度)."));
        return result;
    }

    /// <summary>Records every change as a submitted actual; on the first refusal, the problem is added and false returned (the caller discards the changes).</summary>
    public bool Apply()
    {
        foreach (var change in Changes)
        {
            try { change.Indicator.RecordActual(change.Year, change.Value, null); }
            catch (DomainException e)
            {
                Problems.Add(ImportProblem.Error(change.Where, e.Key, e.Message, [.. e.Arguments]));
                return false;
            }
        }
        return true;
    }

    private bool ReadSheet(string file, Sheet sheet, Plan plan)
    {
        foreach (var header in sheet.Rows.Take(HeaderSearchRows))
        {
            var years = YearColumns(header);
            var spans = SpanColumns(header);
            var nameColumn = Enumerable.Range(0, header.Cells.Count).FirstOrDefault(c => header[c].Contains("指標"), -1);
            var codeColumn = Enumerable.Range(0, header.Cells.Count).FirstOrDefault(c => header[c] is "番号" or "No." or "No" or "コード", -1);
            if (years.Count == 0 || (nameColumn < 0 && codeColumn < 0)) continue;
            foreach (var row in sheet.Rows.Where(r => r.Number > header.Number && !r.IsBlank && !r.IsHidden))
            {
                var where = new SourceLocation(file, sheet.Name, row.Number);
                var indicator = Find(plan, codeColumn < 0 ? "" : row[codeColumn], nameColumn < 0 ? "" : row[nameColumn]);
                if (indicator is null)
                {
                    Problems.Add(ImportProblem.Error(where with { Column = nameColumn < 0 ? codeColumn : nameColumn }, "import.indicator.unknown",
                        $"No indicator of the plan is named '{row[nameColumn < 0 ? codeColumn : nameColumn]}'.", row[nameColumn < 0 ? codeColumn : nameColumn]));
                    continue;
                }
                foreach (var (column, year) in years)
                    ReadCell(indicator, year, row[column], where with { Column = column });
                foreach (var (column, span) in spans)
                    ReadSpanCell(indicator, span, row[column], where with { Column = column });
            }
            return true;
        }
        return false;
    }

    private void ReadCell(Indicator indicator, FiscalYear year, string text, SourceLocation where)
    {
        if (SheetMarks.IsDash(text)) return;
        var parsed = indicator.TryParseValue(BaselineMark().Replace(text, ""), out var value, out var error);
        // Years before the baseline are actuals like any other; only a single baseline year repeats the baseline.
        if (indicator is { BaselineFrom: { } baseYear, BaselineTo: null, BaselineValue: { } baseline } && year == baseYear)
        {
            // The baseline as the sheet repeats it, often with notes (89.0% (全国 85.8%)): only a different number is a problem.
            if (parsed && year == baseYear && value != baseline)
                Problems.Add(ImportProblem.Error(where, "import.indicator.baselineDiffers",
                    $"Indicator {indicator.Code}: the sheet's {value} for the baseline year differs from the baseline {baseline}.",
                    indicator.Code, Plans.IndicatorText.Value(value, indicator.Unit), Plans.IndicatorText.Value(baseline, indicator.Unit)));
            return;
        }
        if (!parsed)
        {
            Problems.Add(ImportProblem.Error(where, error!, $"'{text}' is not a value of indicator {indicator.Code} in {indicator.Unit}.", indicator.Code, year.ToJapanese(), indicator.Unit));
            return;
        }
        if (year > indicator.Plan.PeriodEnd)
        {
            Problems.Add(ImportProblem.Error(where, "indicator.actualYear", $"Indicator {indicator.Code}: {year.ToJapanese()} is after the plan's last year.", indicator.Code, year.ToJapanese()));
            return;
        }
        var stored = indicator.ActualIn(year);
        if (stored is { State: ActualState.Submitted } && stored.Value == value) Unchanged++;
        else Changes.Add(new IndicatorSheetChange(indicator, year, stored?.Value, value, where));
    }

    /// <summary>
    /// A cell of a span column (H29〜R3平均): the baseline's span repeats the baseline (only a different number is a problem);
    /// a target's span is the definition's, left alone; any other span is named, since it is not recorded.
    /// </summary>
    private void ReadSpanCell(Indicator indicator, YearSpan span, string text, SourceLocation where)
    {
        if (SheetMarks.IsDash(text) || string.IsNullOrWhiteSpace(text)) return;
        if (indicator.Targets.Any(t => t.Years == span)) return;
        var parsed = indicator.TryParseValue(BaselineMark().Replace(text, ""), out var value, out _);
        if (indicator is { BaselineFrom: { } from, BaselineTo: { } to } && new YearSpan(from, to) == span)
        {
            var baseline = indicator.Assess(indicator.Plan.PeriodEnd).Baseline;
            if (parsed && baseline is { } stated && value != stated)
                Problems.Add(ImportProblem.Error(where, "import.indicator.baselineDiffers",
                    $"Indicator {indicator.Code}: the sheet's {value} for the baseline differs from the baseline {stated}.",
                    indicator.Code, Plans.IndicatorText.Value(value, indicator), Plans.IndicatorText.Value(stated, indicator)));
            return;
        }
        Problems.Add(ImportProblem.Warning(where, "import.indicator.spanNotRecorded",
            $"Indicator {indicator.Code}: the average over {span} is neither its baseline nor a target, and is not recorded.", indicator.Code, span.ToString()));
    }

    /// <summary>The columns whose heading is a span averaged (H29〜R3平均, 基準値（H29〜R3平均）, 目標値 R4〜R8の平均).</summary>
    private static List<(int Column, YearSpan Span)> SpanColumns(SheetRow header)
    {
        var columns = new List<(int, YearSpan)>();
        for (var c = 0; c < header.Cells.Count; c++)
            if (YearSpanText.TryParse(SpanLabel().Replace(FiscalYearText.Normalise(header[c]), ""), out var span) && span.IsSpan) columns.Add((c, span));
        return columns;
    }

    /// <summary>The columns whose heading is a fiscal year (2017 (H29), R1実績, 令和元年度); target columns (2021 目標) are not actuals.</summary>
    private static List<(int Column, FiscalYear Year)> YearColumns(SheetRow header)
    {
        var columns = new List<(int, FiscalYear)>();
        for (var c = 0; c < header.Cells.Count; c++)
        {
            var heading = header[c];
            if (heading.Contains("目標")) continue;
            var text = FiscalYearText.Normalise(heading);
            if (FiscalYearText.TryParseLeading(text, out var year, out var length) && ActualsNote().IsMatch(text[length..])) columns.Add((c, year));
        }
        return columns;
    }

    /// <summary>By code (① in its own column, or leading the name as Hyogo writes 「①まちづくり防犯グループの結成数」), else by the name the cell contains.</summary>
    private static Indicator? Find(Plan plan, string code, string name)
    {
        if (code.Length > 0 && plan.Indicators.FirstOrDefault(i => i.Code == code) is { } byCode) return byCode;
        if (name.Length == 0) return null;
        return plan.Indicators.FirstOrDefault(i => name.StartsWith(i.Code, StringComparison.Ordinal) && name.Contains(i.Name, StringComparison.Ordinal))
            ?? plan.Indicators.Where(i => name.Contains(i.Name, StringComparison.Ordinal)).MaxBy(i => i.Name.Length);
    }

    /// <summary>What may follow the year in an actuals heading: nothing, a bracketed note ((H29)), 実績.</summary>
    [GeneratedRegex(@"^(?:\(.*\))?(?:実績|\(実績\))?$")]
    private static partial Regex ActualsNote();

    /// <summary>The words around a span heading: 基準値（…）, 目標値 ….</summary>
    [GeneratedRegex(@"^(?:基準値|基準|目標値|目標|実績)[(]?|[)]$")]
    private static partial Regex SpanLabel();

    /// <summary>The mark some plans put after a value (2,329グループ*).</summary>
    [GeneratedRegex(@"[*＊※]+$")]
    private static partial Regex BaselineMark();
}
