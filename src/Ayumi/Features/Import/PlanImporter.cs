using System.Text.RegularExpressions;
using Ayumi.Domain;
using Ayumi.Features.Import.Layout;
using Ayumi.Features.Import.Reading;

namespace Ayumi.Features.Import;

/// <summary>
/// Reads the sheets of a workbook into an organisation's plan: recognises each sheet's layout,
/// builds the plan's tree from goal/policy columns, section rows or the measures' codes,
/// matches measures by code and then by title, and fills the yearly entries. It changes the
/// domain objects only; the caller saves them when <see cref="ImportReport.HasErrors"/> is
/// false, and throws them away otherwise, so that an import is all or nothing.
/// </summary>
public sealed partial class PlanImporter
{
    private const int ProgressEvery = 200;

    private readonly Organisation _organisation;
    private readonly ImportOptions _options;
    private readonly ImportReport _report;
    private readonly bool _organisationHadDepartments;
    private readonly HashSet<string> _warnedDepartments = [];
    private readonly int _departmentsBefore;
    private PlanState? _plan;
    private PlanState? _nextPlan;
    private int _rowsDone;
    private int _rowsTotal;

    private readonly CancellationToken _cancellationToken;

    private PlanImporter(Organisation organisation, ImportOptions options, string fileName, CancellationToken cancellationToken)
    {
        _organisation = organisation;
        _options = options;
        _cancellationToken = cancellationToken;
        _report = new ImportReport { FileName = fileName };
        _organisationHadDepartments = organisation.Departments.Count > 0;
        _departmentsBefore = organisation.Departments.Count;
    }

    /// <summary>Imports <paramref name="workbook"/> into <paramref name="organisation"/> and says what it did and what is wrong.</summary>
    /// <exception cref="OperationCanceledException">Cancelled: the importer looks at the token after every row.</exception>
    public static ImportReport Run(Organisation organisation, Workbook workbook, ImportOptions options, CancellationToken cancellationToken = default)
    {
        var importer = new PlanImporter(organisation, options, workbook.FileName, cancellationToken);
        importer.ImportWorkbook(workbook);
        return importer._report;
    }

    private void ImportWorkbook(Workbook workbook)
    {
        _rowsTotal = workbook.Sheets.Sum(s => s.Rows.Count);
        var layouts = workbook.Sheets.Select(s => (Sheet: s, Layout: LayoutOf(s))).ToList();
        if (layouts.All(l => l.Layout is null))
        {
            foreach (var sheet in workbook.Sheets.Where(s => s.Rows.Any(r => !r.IsBlank)))
                Error(Where(sheet), "import.noHeader", $"No header row naming a measure's title and at least two other known columns (番号, 取組, 所管課, 評価…) was found in sheet '{sheet.Name}'.", sheet.Name);
            if (!_report.HasErrors) Error(new SourceLocation(workbook.FileName), "import.noData", $"{workbook.FileName} holds no data.", workbook.FileName);
            return;
        }
        foreach (var (sheet, layout) in layouts)
        {
            _report.RowsRead += sheet.Rows.Count;
            if (layout is null)
            {
                if (sheet.Rows.Any(r => !r.IsBlank))
                    Warning(Where(sheet), "import.sheetSkipped", $"Sheet '{sheet.Name}' has no recognisable header and was skipped.", sheet.Name);
                continue;
            }
            new SheetImport(this, sheet, layout).Run();
        }
        _report.Counts.DepartmentsCreated = _organisation.Departments.Count - _departmentsBefore;
        _options.Progress?.Report(new ImportProgress(_rowsTotal, _rowsTotal));
    }

    private SheetLayout? LayoutOf(Sheet sheet) =>
        _options.Profile is { } profile ? SheetLayout.FromProfile(sheet, profile, _options.Year) : SheetLayout.Recognise(sheet);

    private SourceLocation Where(Sheet sheet, int? row = null, int? column = null) => new(_report.FileName, sheet.Name, row, column);

    private void Error(SourceLocation where, string key, string english, params object[] arguments) =>
        _report.Problems.Add(ImportProblem.Error(where, key, english, arguments));

    private void Warning(SourceLocation where, string key, string english, params object[] arguments) =>
        _report.Problems.Add(ImportProblem.Warning(where, key, english, arguments));

    private void RowDone()
    {
        _cancellationToken.ThrowIfCancellationRequested();
        _rowsDone++;
        if (_rowsDone % ProgressEvery == 0) _options.Progress?.Report(new ImportProgress(_rowsDone, _rowsTotal));
    }

    /// <summary>A plan being imported into, with indexes for matching measures by key and by title.</summary>
    private sealed class PlanState
    {
        public PlanState(Plan plan, bool isNew)
        {
            Plan = plan;
            IsNew = isNew;
            foreach (var measure in plan.Measures)
            {
                ByKey[measure.Key] = measure;
                if (!ByTitle.TryAdd(measure.Title, measure)) AmbiguousTitles.Add(measure.Title);
                CountTitle(measure.Title, 1);
            }
            foreach (var node in plan.Nodes) Nodes[node.Code] = node;
        }

        /// <summary>How many of the plan's measures bear each title now, so that a new row's title is not compared with every measure.</summary>
        private readonly Dictionary<string, int> _titles = [];

        private void CountTitle(string title, int change) => _titles[title] = _titles.GetValueOrDefault(title) + change;

        /// <summary>True when a measure of the plan (created before or during this import) has this title.</summary>
        public bool HasTitle(string title) => _titles.GetValueOrDefault(title) > 0;

        public Measure AddMeasure(string key, PlanNode parent, string code, string title, string? description)
        {
            var measure = Plan.AddMeasure(key, parent, code, title, description);
            ByKey[key] = measure;
            CountTitle(measure.Title, 1);
            return measure;
        }

        public void Rewrite(Measure measure, string title, string? description)
        {
            CountTitle(measure.Title, -1);
            measure.Rewrite(title, description);
            CountTitle(measure.Title, 1);
        }

        public Plan Plan { get; }
        public bool IsNew { get; }
        public Dictionary<string, Measure> ByKey { get; } = [];
        /// <summary>Measures that existed before this import, by title, for matching a row whose code changed.</summary>
        public Dictionary<string, Measure> ByTitle { get; } = [];
        public HashSet<string> AmbiguousTitles { get; } = [];
        public HashSet<Measure> Matched { get; } = [];
        public Dictionary<string, PlanNode> Nodes { get; } = [];

        public Measure? Match(string key, string title)
        {
            if (ByKey.TryGetValue(key, out var byKey)) return byKey;
            if (!AmbiguousTitles.Contains(title) && ByTitle.TryGetValue(title, out var byTitle) && !Matched.Contains(byTitle)) return byTitle;
            return null;
        }

        /// <summary>The measure a relisting (再掲) points at: the one with that title, or the only one whose title starts with it.</summary>
        public Measure? FindRelisted(string title)
        {
            var exact = Plan.Measures.Where(m => m.Title == title).ToList();
            if (exact.Count == 1) return exact[0];
            var prefixed = Plan.Measures.Where(m => m.Title.StartsWith(title, StringComparison.Ordinal)).ToList();
            return prefixed.Count == 1 ? prefixed[0] : null;
        }
    }

    [GeneratedRegex(@"\s*(?:※再掲|[(（【]再掲[)）】])$")]
    private static partial Regex RelistMark();

    [GeneratedRegex(@"(?<year>(?:令和|平成|[RHＲＨ])\s*[\d０-９]+(?:年度)?)以降(?:廃止|終了)")]
    private static partial Regex EndNote();

    [GeneratedRegex(@"「(?<name>[^」]+)」")]
    private static partial Regex QuotedName();

    /// <summary>A tally line: the grade it counts, or 合計, 計 or nothing for the total.</summary>
    [GeneratedRegex(@"^(?:(?<grade>[A-Za-zＡ-Ｚ]\s*[(（][^)）]*[)）])|合?計)?\s*(?<count>[\d０-９]+)\s*事業$")]
    private static partial Regex TallyLine();

    private const string PrefectureMark = "【県事業】";
}
