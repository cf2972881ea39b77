using Ayumi.Domain;
using Ayumi.Domain.WrittenForms;
using Ayumi.Features.Import.Layout;
using Ayumi.Features.Import.Reading;

namespace Ayumi.Features.Import.Stages;

/// <summary>
/// Finds each sheet's layout (from the header vocabulary or a saved mapping), binds its columns
/// to fields and fiscal years, and lists the columns that will not be imported.
/// </summary>
internal static class LayoutStage
{
    public static SheetLayout? Find(ImportContext import, Sheet sheet) =>
        import.Options.Profile is { } profile ? SheetLayout.FromProfile(sheet, profile, import.Options.Year) : SheetLayout.Recognise(sheet);

    public static SheetContext Bind(ImportContext import, Sheet sheet, SheetLayout layout)
    {
        var context = new SheetContext(import, sheet, layout)
        {
            Code = layout.Find(ImportField.Code),
            Goal = layout.Find(ImportField.Goal),
            Policy = layout.Find(ImportField.Policy),
            Description = layout.Find(ImportField.Description),
            Department = layout.Find(ImportField.Department),
            NextTitle = layout.Find(ImportField.NextPlanTitle),
            NextDescription = layout.Find(ImportField.NextPlanDescription),
        };
        ChooseTitleAndCode(context);
        var grade = layout.Find(ImportField.Grade);
        context.GradeYear = grade is null ? null : grade.Year ?? import.Options.Year;
        BindYearlyColumns(context);
        context.CodesRestart = CodesRestart(context);
        ListUnimported(context);
        return context;
    }

    /// <summary>
    /// Ena's header names two title columns (具体的な取り組み, 事業); the one holding only
    /// short numbers is the measure's number.
    /// </summary>
    private static void ChooseTitleAndCode(SheetContext context)
    {
        var titles = context.Layout.All(ImportField.Title).ToList();
        if (titles.Count < 2)
        {
            context.Title = titles.FirstOrDefault();
            return;
        }
        var numeric = titles.FirstOrDefault(t => context.DataRows.Select(r => r[t.Column]).Where(c => c.Length > 0).All(c => c.Length <= 8 && MeasureCode.TryParse(c, out _)));
        context.Title = titles.First(t => t != numeric);
        context.Code ??= numeric;
    }

    private static void BindYearlyColumns(SheetContext context)
    {
        var layout = context.Layout;
        var named = layout.Columns.Where(c => c.Year is not null).Select(c => c.Year!.Value).ToList();
        var fallback = context.Import.Options.Year ?? (named.Count > 0 ? named.Max() : (FiscalYear?)null);
        foreach (var column in layout.Columns.Where(c => c.Field.IsYearly()))
        {
            var year = column.Year ?? fallback;
            if (year is null)
            {
                context.Import.Error(context.Where(layout.FirstHeaderRow, column.Column), "import.noYear",
                    $"Column '{column.Heading}' holds yearly data but neither it nor any other heading names a fiscal year; choose the year on the import screen (--year).", column.Heading);
                continue;
            }
            // An evaluation sheet's plan for the following year is the department's "next year's plan" of the evaluated year.
            if (column.Field == ImportField.PlannedWork && context.GradeYear is { } graded && year == graded.Next)
                context.Columns.Add(new BoundColumn(column, ImportField.NextYearPlan, graded));
            else context.Columns.Add(new BoundColumn(column, column.Field, year));
        }
    }

    private static bool CodesRestart(SheetContext context)
    {
        if (context.Code is not { } code || context.Title is not { } title) return false;
        var codes = context.DataRows
            .Where(r => r[title.Column].Length > 0 && !SheetMarks.IsRelisting(r[title.Column]) && !context.Layout.IsRepeatedHeader(context.Sheet, r) && r[code.Column].Length > 0)
            .Select(r => r[code.Column]).ToList();
        return codes.Count != codes.Distinct().Count()
            && (context.Goal is not null || context.Policy is not null || context.DataRows.Any(r => RowClassifier.SingleText(r) is { } t && NodeCell.ParseSection(t) is not null));
    }

    /// <summary>Every headed column that no field reads (国庫, 県費, 人件費…), so that the preview can say so.</summary>
    private static void ListUnimported(SheetContext context)
    {
        var read = context.Layout.Columns.Select(c => c.Column).ToHashSet();
        for (var column = 0; column < context.Headings.Count; column++)
            if (context.Headings[column].Length > 0 && !read.Contains(column))
                context.Import.Report.NotImported.Add(new UnimportedColumn(context.Sheet.Name, column, context.Headings[column]));
    }
}
