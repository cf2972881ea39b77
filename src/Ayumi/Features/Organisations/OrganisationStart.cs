using Ayumi.Domain;
using Ayumi.Features.Import;

namespace Ayumi.Features.Organisations;

/// <summary>
/// A local government of the national list that starts in Ayumi with its first sheet, from the
/// command line: the organisation, and the new plan's period, grade scale and levels, which a
/// sheet cannot say (<c>--period R6-R10 --scale A-D --levels 基本目標,施策</c>).
/// </summary>
public static class OrganisationStart
{
    private static readonly char[] PeriodSeparators = ['-', '～', '~', '〜', '－', '–'];

    /// <summary>The options the command line needs, with an example of each, for the message that asks for them.</summary>
    public static readonly IReadOnlyList<(string Option, string Example)> Options =
    [
        ("--period", "R6-R10"),
        ("--scale", string.Join("|", ReadyMadeGradeScale.All.Select(s => s.Key))),
        ("--levels", "基本目標,施策"),
    ];

    /// <summary>
    /// The organisation and its new plan's settings; null with <paramref name="problem"/> saying
    /// which options are missing or cannot be read.
    /// </summary>
    /// <param name="levels">The levels above the measures, top first; the measures' level is 取組.</param>
    public static (Organisation Organisation, NewPlanSettings Plan)? Read(LocalGovernment listed, string? period, string? scale, string? levels, out string? problem)
    {
        var missing = Options.Where(o => (o.Option switch { "--period" => period, "--scale" => scale, _ => levels }) is null).ToList();
        if (missing.Count > 0)
        {
            problem = $"{listed.FullName} ({listed.Code}) is not in Ayumi yet. To create it with its plan, give "
                + string.Join(", ", missing.Select(m => $"{m.Option} {m.Example}")) + ".";
            return null;
        }
        var years = period!.Split(PeriodSeparators, 2, StringSplitOptions.TrimEntries);
        if (years.Length != 2 || !FiscalYear.TryParse(years[0], out var start) || !FiscalYear.TryParse(years[1], out var end) || end < start)
        {
            problem = $"--period '{period}' is not a period of fiscal years from first to last (R6-R10, 令和6年度～令和10年度, 2024-2028).";
            return null;
        }
        if (ReadyMadeGradeScale.Find(scale) is not { } gradeScale)
        {
            problem = $"--scale '{scale}' is not a ready-made grade scale ({Options[1].Example}).";
            return null;
        }
        var above = PlanLevel.ParseNames(levels);
        if (above.Count == 0)
        {
            problem = $"--levels '{levels}' names no level (基本目標,施策).";
            return null;
        }
        problem = null;
        return (Organisation.From(listed), new NewPlanSettings(PeriodStart: start, PeriodEnd: end, Levels: [.. above, new PlanLevel("取組")], GradeScale: gradeScale.Scale));
    }
}
