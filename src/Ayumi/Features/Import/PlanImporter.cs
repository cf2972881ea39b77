using Ayumi.Domain;
using Ayumi.Features.Import.Reading;
using Ayumi.Features.Import.Stages;

namespace Ayumi.Features.Import;

/// <summary>
/// Reads the sheets of a workbook into an organisation's plan, in stages that pass an
/// <see cref="ImportContext"/> (the workbook's) and a <see cref="SheetContext"/> (each sheet's)
/// from one to the next: find the layout (<see cref="LayoutStage"/>), choose the plan
/// (<see cref="PlanChoice"/>), classify the rows (<see cref="RowClassifier"/>), build the measures
/// (<see cref="MeasureBuilder"/>, which fills the entries through <see cref="EntryFiller"/>), and check
/// the sheet's tallies and stated totals (<see cref="TotalsCheck"/>). It changes the domain objects
/// only; the caller saves them when <see cref="ImportReport.HasErrors"/> is false, and throws them
/// away otherwise, so that an import is all or nothing.
/// </summary>
public static class PlanImporter
{
    /// <summary>Imports <paramref name="workbook"/> into <paramref name="organisation"/> and says what it did and what is wrong.</summary>
    /// <exception cref="OperationCanceledException">Cancelled: the importer looks at the token after every row.</exception>
    public static ImportReport Run(Organisation organisation, Workbook workbook, ImportOptions options, CancellationToken cancellationToken = default)
    {
        var import = new ImportContext(organisation, workbook, options, cancellationToken);
        var sheets = FindLayouts(import, workbook);
        if (sheets.Count == 0 || !import.Plans.Choose(sheets)) return import.Report;
        foreach (var sheet in sheets)
        {
            var rows = RowClassifier.Classify(sheet);
            new MeasureBuilder(sheet).Build(rows);
            TotalsCheck.Run(sheet);
        }
        import.Plans.PublishYearsRead();
        import.Finish();
        return import.Report;
    }

    /// <summary>The sheets with a recognised header, bound to fields and years; the others are reported.</summary>
    private static List<SheetContext> FindLayouts(ImportContext import, Workbook workbook)
    {
        var layouts = workbook.Sheets.Select(s => (Sheet: s, Layout: LayoutStage.Find(import, s))).ToList();
        if (layouts.All(l => l.Layout is null))
        {
            foreach (var sheet in workbook.Sheets.Where(s => s.Rows.Any(r => !r.IsBlank)))
                import.Error(import.Where(sheet), "import.noHeader", $"No header row naming a measure's title and at least two other known columns (番号, 取組, 所管課, 評価…) was found in sheet '{sheet.Name}'.", sheet.Name);
            if (!import.Report.HasErrors) import.Error(import.File, "import.noData", $"{workbook.FileName} holds no data.", workbook.FileName);
            return [];
        }
        var sheets = new List<SheetContext>();
        foreach (var (sheet, layout) in layouts)
        {
            import.Report.RowsRead += sheet.Rows.Count;
            if (layout is not null) sheets.Add(LayoutStage.Bind(import, sheet, layout));
            else if (sheet.Rows.Any(r => !r.IsBlank))
                import.Warning(import.Where(sheet), "import.sheetSkipped", $"Sheet '{sheet.Name}' has no recognisable header and was skipped.", sheet.Name);
        }
        return sheets;
    }
}
