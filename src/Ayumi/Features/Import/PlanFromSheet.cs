using System.Text;
using Ayumi.Domain;
using Ayumi.Features.Plans;

namespace Ayumi.Features.Import;

/// <summary>
/// A plan created from its first sheet, when no stored plan's period holds the sheet's years: the
/// wizard's proposal of what the sheet cannot say (period, levels, grade scale) from what it does
/// say (its years, its codes and section rows, the grades found), and the import options that
/// create the plan as answered and read the sheet into it in one save.
/// </summary>
public static class PlanFromSheet
{
    /// <summary>Local plans mostly run five fiscal years (R6–R10): a sheet of one year proposes that.</summary>
    public const int UsualYears = 5;

    /// <summary>The answers proposed for <paramref name="report"/>'s sheets, to be confirmed or changed.</summary>
    /// <param name="name">A name given on the upload page, if any.</param>
    /// <param name="fallbackYear">The year chosen on the upload page, for a sheet whose headings name none.</param>
    public static PlanSettingsForm Propose(Organisation organisation, IReadOnlyCollection<Plan> plans, ImportReport report, string? name, FiscalYear? fallbackYear, FiscalYear today)
    {
        var years = report.Sheets.SelectMany(s => s.Years).Distinct().Order().ToList();
        var start = years.Count > 0 ? years[0] : fallbackYear ?? today;
        var end = years.Count > 0 && years[^1] > start.Offset(UsualYears - 1) ? years[^1] : start.Offset(UsualYears - 1);
        var levels = report.Sheets.Count > 0 ? report.Sheets[0].Levels : [new PlanLevel("施策"), new PlanLevel("取組")];
        var generation = plans.Count == 0 ? 1 : plans.Max(p => p.Generation) + 1;
        var form = new PlanSettingsForm
        {
            Name = name ?? FreeName(organisation, plans, generation),
            Generation = generation,
            PeriodStart = start.ToJapanese(),
            PeriodEnd = end.ToJapanese(),
            Levels = string.Join("、", levels.SkipLast(1).Select(l => l.Name)),
            MeasureLevel = levels[^1].Name,
            PredecessorId = plans.Where(p => p.PeriodEnd < start).OrderByDescending(p => p.PeriodEnd).FirstOrDefault()?.Id,
        };
        ProposeScale(form, report.Sheets.SelectMany(s => s.Grades).Distinct().ToList());
        return form;
    }

    /// <summary>How many levels a sheet has above its measures: a plan with another number could not hold its rows.</summary>
    public static int LevelsAboveMeasures(ImportReport report) => report.Sheets.Count > 0 ? report.Sheets[0].Levels.Count - 1 : 1;

    /// <summary>The import options that create the plan as <paramref name="settings"/> say and read the sheet into it.</summary>
    public static (string PlanName, NewPlanSettings NewPlan) Options(PlanSettings settings) =>
        (settings.Name.Trim(), new NewPlanSettings(settings.Generation, settings.PeriodStart, settings.PeriodEnd, settings.Levels,
            GradeScale: settings.GradeScale, Predecessor: settings.Predecessor?.Name));

    private static string FreeName(Organisation organisation, IReadOnlyCollection<Plan> plans, int generation)
    {
        var plain = $"{organisation.Name}再犯防止推進計画";
        return plans.Any(p => p.Name == plain) ? $"第{generation}次{plain}" : plain;
    }

    /// <summary>
    /// The first ready-made scale that reads every grade found; with none found, Ena's A–D; with
    /// grades that no ready-made scale reads, a scale of those grades whose meanings are asked.
    /// </summary>
    private static void ProposeScale(PlanSettingsForm form, IReadOnlyList<string> cells)
    {
        var readyMade = cells.Count == 0 ? ReadyMadeGradeScale.EnaAtoD : ReadyMadeGradeScale.ReadingAll(cells);
        if (readyMade is not null)
        {
            form.Scale = readyMade.Key;
            form.Grades = readyMade.Scale.Grades.Select(g => new PlanSettingsForm.GradeRow { Symbol = g.Symbol, Label = g.Label, Meaning = g.Meaning }).ToList();
            return;
        }
        form.Scale = PlanSettingsForm.CustomScale;
        form.Grades = cells.Select(Written).DistinctBy(g => g.Symbol).OrderBy(g => g.Symbol, StringComparer.Ordinal).ToList();
    }

    /// <summary>A grade as a sheet writes it: <c>◎</c>, or <c>A(予定通り進行)</c> with its label (full-width brackets too).</summary>
    private static PlanSettingsForm.GradeRow Written(string cell)
    {
        var text = cell.Normalize(NormalizationForm.FormKC).Trim();
        var open = text.IndexOf('(');
        return open < 0
            ? new PlanSettingsForm.GradeRow { Symbol = text, Label = text }
            : new PlanSettingsForm.GradeRow { Symbol = text[..open].Trim(), Label = text[(open + 1)..].TrimEnd(')').Trim() };
    }
}
