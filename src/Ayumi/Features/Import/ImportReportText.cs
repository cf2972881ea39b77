using Ayumi.Localization;
using Ayumi.Domain.WrittenForms;

namespace Ayumi.Features.Import;

/// <summary>An import's preview and problems in the reader's language, for the screen and the command line.</summary>
public static class ImportReportText
{
    /// <summary>
    /// "ena.xlsx・シート「進行管理」・12行目・G列" / "ena.xlsx, sheet 進行管理, row 12, column G";
    /// without the file where the page already names it, unless the file is all there is to say.
    /// </summary>
    public static string Location(SourceLocation where, UiText text, bool withFile = true)
    {
        var parts = new List<string>();
        if (withFile || (where.Sheet, where.Row, where.Column) is (null, null, null)) parts.Add(where.File);
        if (where.Sheet is not null) parts.Add(text.Format("import.where.sheet", where.Sheet));
        if (where.Row is not null) parts.Add(text.Format("import.where.row", where.Row));
        if (where.Column is not null) parts.Add(text.Format("import.where.column", ColumnLetters.Format(where.Column.Value)));
        return string.Join(text["import.where.separator"], parts);
    }

    /// <summary>"取り込まない列: 国庫 (F列), 県費 (G列)" / "not imported: 国庫 (column F), 県費 (column G)".</summary>
    public static string NotImported(ImportReport report, UiText text) =>
        text.Format("import.notImported", string.Join(text["import.notImportedSeparator"],
            report.NotImported.Select(c => text.Format("import.notImportedColumn", c.Heading, ColumnLetters.Format(c.Column)))));

    public static string Message(ImportProblem problem, UiText text) => text.Format(problem.Key, [.. problem.Arguments]);

    public static IEnumerable<string> Lines(ImportReport report, UiText text, bool committed)
    {
        yield return report.HasErrors ? text.Format("import.result.refused", report.FileName)
            : committed ? text.Format("import.result.committed", report.FileName)
            : text.Format("import.result.preview", report.FileName);
        var c = report.Counts;
        if (!report.HasErrors || c.MeasuresCreated + c.MeasuresUpdated + c.MeasuresUnchanged > 0)
        {
            if (report.PlanNames.Count > 0) yield return text.Format("import.summary.plans", string.Join("、", report.PlanNames));
            yield return text.Format("import.summary.created", c.PlansCreated, c.NodesCreated, c.MeasuresCreated, c.RelistingsCreated, c.EntriesCreated, c.DepartmentsCreated);
            yield return text.Format("import.summary.updated", c.MeasuresUpdated, c.EntriesUpdated);
            yield return text.Format("import.summary.unchanged", c.MeasuresUnchanged, c.EntriesUnchanged);
        }
        if (report.NotImported.Count > 0) yield return NotImported(report, text);
        foreach (var problem in report.Problems)
            yield return $"{text[problem.Severity == ProblemSeverity.Error ? "import.severity.error" : "import.severity.warning"]} {Location(problem.Where, text)}: {Message(problem, text)}";
    }
}
