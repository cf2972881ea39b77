using System.Globalization;
using System.Text;
using Ayumi.Domain;
using Ayumi.Features.Import.Layout;
using Ayumi.Features.Import.Reading;
using Ayumi.Domain.WrittenForms;

namespace Ayumi.Features.Import;

public sealed partial class PlanImporter
{
    /// <summary>One column in force for this sheet: its field and the fiscal year it belongs to.</summary>
    private sealed record BoundColumn(ColumnMapping Mapping, ImportField Field, FiscalYear? Year);

    /// <summary>The reading of one sheet, row by row.</summary>
    private sealed class SheetImport
    {
        private readonly PlanImporter _importer;
        private readonly Sheet _sheet;
        private readonly SheetLayout _layout;
        private readonly List<BoundColumn> _columns = [];
        private readonly FiscalYear? _gradeYear;
        private readonly HashSet<string> _furniture = [];
        private readonly HashSet<string> _headerTexts;
        private readonly Dictionary<string, int> _keysSeen = [];
        private readonly List<Measure> _measures = [];
        private readonly List<(SheetRow Row, string? Grade, int Count)> _tallies = [];
        private readonly bool _codesRestart;
        private readonly ColumnMapping? _code, _goal, _policy, _title, _description, _department, _nextTitle, _nextDescription;
        private NodeCell? _section;
        private string _goalText = "", _policyText = "";

        public SheetImport(PlanImporter importer, Sheet sheet, SheetLayout layout)
        {
            _importer = importer;
            _sheet = sheet;
            _layout = layout;
            _code = layout.Find(ImportField.Code);
            _goal = layout.Find(ImportField.Goal);
            _policy = layout.Find(ImportField.Policy);
            (_title, _code) = TitleAndCode(layout);
            _description = layout.Find(ImportField.Description);
            _department = layout.Find(ImportField.Department);
            _nextTitle = layout.Find(ImportField.NextPlanTitle);
            _nextDescription = layout.Find(ImportField.NextPlanDescription);
            _gradeYear = layout.Find(ImportField.Grade)?.Year ?? (layout.Find(ImportField.Grade) is null ? null : importer._options.Year);
            BindYearlyColumns();
            _headerTexts = sheet.Rows.Where(r => r.Number >= layout.FirstHeaderRow && r.Number <= layout.LastHeaderRow)
                .Select(Signature).ToHashSet();
            _codesRestart = CodesRestart();
        }

        private IEnumerable<SheetRow> DataRows => _sheet.Rows.Where(r => r.Number > _layout.LastHeaderRow);

        /// <summary>
        /// Ena's header names two title columns (具体的な取り組み, 事業); the one holding only
        /// short numbers is the measure's number.
        /// </summary>
        private (ColumnMapping? Title, ColumnMapping? Code) TitleAndCode(SheetLayout layout)
        {
            var titles = layout.All(ImportField.Title).ToList();
            if (titles.Count < 2) return (titles.FirstOrDefault(), _code);
            var numeric = titles.FirstOrDefault(t => DataRows.Select(r => r[t.Column]).Where(c => c.Length > 0).All(c => c.Length <= 8 && MeasureCode.TryParse(c, out _)));
            var title = titles.First(t => t != numeric);
            return (title, _code ?? numeric);
        }

        private void BindYearlyColumns()
        {
            var named = _layout.Columns.Where(c => c.Year is not null).Select(c => c.Year!.Value).ToList();
            var fallback = _importer._options.Year ?? (named.Count > 0 ? named.Max() : (FiscalYear?)null);
            foreach (var column in _layout.Columns.Where(c => c.Field.IsYearly()))
            {
                var year = column.Year ?? fallback;
                if (year is null)
                {
                    _importer.Error(_importer.Where(_sheet, _layout.FirstHeaderRow, column.Column), "import.noYear",
                        $"Column '{column.Heading}' holds yearly data but neither it nor any other heading names a fiscal year; choose the year on the import screen (--year).", column.Heading);
                    continue;
                }
                // An evaluation sheet's plan for the following year is the department's "next year's plan" of the evaluated year.
                if (column.Field == ImportField.PlannedWork && _gradeYear is { } graded && year == graded.Next)
                    _columns.Add(new BoundColumn(column, ImportField.NextYearPlan, graded));
                else _columns.Add(new BoundColumn(column, column.Field, year));
            }
        }

        private bool CodesRestart()
        {
            if (_code is null || _title is null) return false;
            var codes = DataRows.Where(r => r[_title.Column].Length > 0 && !IsRelisting(r[_title.Column]) && !_layout.IsRepeatedHeader(_sheet, r) && r[_code.Column].Length > 0)
                .Select(r => r[_code.Column]).ToList();
            return codes.Count != codes.Distinct().Count() && (_goal is not null || _policy is not null || DataRows.Any(r => SingleText(r) is { } t && NodeCell.ParseSection(t) is not null));
        }

        private static string Signature(SheetRow row) => string.Join("\t", row.Cells.Select(c => HeaderVocabulary.Normalise(c)));

        private static string? SingleText(SheetRow row)
        {
            var texts = row.Cells.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct().ToList();
            return texts.Count == 1 ? texts[0] : null;
        }

        private static bool IsRelisting(string title) => RelistMark().IsMatch(title);

        public void Run()
        {
            foreach (var row in _sheet.Rows)
            {
                if (row.Number < _layout.FirstHeaderRow)
                {
                    if (SingleText(row) is { } title) ReadFurniture(row, title, beforeHeader: true);
                    _importer.RowDone();
                    continue;
                }
                if (row.Number > _layout.LastHeaderRow) ReadRow(row);
                _importer.RowDone();
            }
            CheckTallies();
        }

        private void ReadRow(SheetRow row)
        {
            if (row.IsBlank) return;
            if (row.IsHidden)
            {
                _importer.Warning(_importer.Where(_sheet, row.Number), "import.hiddenRow", $"Row {row.Number} is hidden in the workbook and was not imported.", row.Number);
                return;
            }
            if (_headerTexts.Contains(Signature(row)) || _layout.IsRepeatedHeader(_sheet, row)) return;
            var single = SingleText(row);
            if (single is not null && ReadFurniture(row, single, beforeHeader: false)) return;
            // A tally is often spread over cells: the grade, a COUNTIF and the unit (A(予定通り進行) | 9 | 事業).
            if (single is null && ReadTally(row, string.Join(" ", row.Cells.Select(c => c.Trim()).Where(c => c.Length > 0)))) return;
            var title = _title is null ? "" : row[_title.Column];
            var nextTitle = _nextTitle is null ? "" : row[_nextTitle.Column];
            if (title.Length == 0 && nextTitle.Length == 0)
            {
                Unreadable(row, single ?? string.Join(" ", row.Cells.Where(c => c.Trim().Length > 0)));
                return;
            }
            FillDown(row);
            try { ReadMeasureRow(row, title, nextTitle); }
            catch (DomainException e)
            {
                // The rule's own words in the user's language when it names them; its English otherwise.
                if (e.Key is null) _importer.Error(_importer.Where(_sheet, row.Number), "import.rowRefused", $"Row {row.Number}: {e.Message}", row.Number, e.Message);
                else _importer.Error(_importer.Where(_sheet, row.Number), e.Key, $"Row {row.Number}: {e.Message}", [.. e.Arguments]);
            }
        }

        /// <summary>Titles, notes, section rows and tallies: rows that are not measures. False when the row is none of these.</summary>
        private bool ReadFurniture(SheetRow row, string text, bool beforeHeader)
        {
            if (NodeCell.ParseSection(text) is { } section && !beforeHeader)
            {
                _section = section;
                return true;
            }
            if (!beforeHeader && ReadTally(row, text)) return true;
            // "※下線部が更新箇所" explains that edition's underlining; it is not a note about the plan.
            if (text.StartsWith('※') && text.Contains("下線")) return true;
            if (text.StartsWith('※'))
            {
                AddPlanNote(text);
                return true;
            }
            if (beforeHeader)
            {
                _furniture.Add(text);
                return true;
            }
            if (_furniture.Contains(text)) return true; // the title repeated at the top of every printed page
            if (_layout.Columns.Any(c => HeaderVocabulary.Normalise(c.Heading) == HeaderVocabulary.Normalise(text))) return true; // a header cell wrapped onto a line of its own
            if (_title is not null && row[_title.Column] == text) return false;
            Unreadable(row, text);
            return true;
        }

        /// <summary>A closing tally (A(予定通り進行) 9事業, 合計 12事業), kept to be checked against the rows; false when the text is none.</summary>
        private bool ReadTally(SheetRow row, string text)
        {
            if (TallyLine().Match(text.Normalize(NormalizationForm.FormKC)) is not { Success: true } tally) return false;
            var grade = tally.Groups["grade"].Success ? tally.Groups["grade"].Value : null;
            _tallies.Add((row, grade, int.Parse(tally.Groups["count"].Value, CultureInfo.InvariantCulture)));
            return true;
        }

        private void Unreadable(SheetRow row, string text) =>
            _importer.Warning(_importer.Where(_sheet, row.Number), "import.unreadableRow",
                $"Row {row.Number} is neither a measure, a section, a tally nor a title, and was not imported: '{Shorten(text)}'.", row.Number, Shorten(text));

        private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";

        private void AddPlanNote(string note)
        {
            if (_importer._plan is { } state) { if (!state.Plan.Notes.Contains(note)) state.Plan.Notes.Add(note); }
            else _pendingNotes.Add(note);
        }

        private readonly List<string> _pendingNotes = [];

        private void FillDown(SheetRow row)
        {
            if (_goal is not null && row[_goal.Column] is { Length: > 0 } goal)
            {
                _goalText = goal;
                _policyText = "";
            }
            if (_policy is not null && row[_policy.Column] is { Length: > 0 } policy) _policyText = policy;
        }

        private List<NodeCell> Chain(string code)
        {
            var chain = new List<NodeCell>();
            if (_goalText.Length > 0) chain.Add(NodeCell.Parse(_goalText));
            if (_policyText.Length > 0) chain.Add(NodeCell.Parse(_policyText));
            if (_section is not null) chain.Add(_section);
            if (chain.Count > 0) return Qualified(chain);
            // No goal or policy on the sheet: the code says where the measure sits (1-(1)-① under 1 and 1-(1)).
            var segments = code.Split('-');
            for (var i = 1; i < segments.Length; i++)
            {
                var prefix = string.Join('-', segments[..i]);
                chain.Add(new NodeCell(prefix, ""));
            }
            return chain;
        }

        private static List<NodeCell> Qualified(List<NodeCell> chain)
        {
            for (var i = 1; i < chain.Count; i++)
                chain[i] = chain[i] with
                {
                    Code = $"{chain[i - 1].Code}-{chain[i].Code}",
                    NextCode = chain[i].NextCode is null || chain[i - 1].NextCode is null ? chain[i].NextCode : $"{chain[i - 1].NextCode}-{chain[i].NextCode}",
                };
            return chain;
        }

        private void ReadMeasureRow(SheetRow row, string writtenTitle, string nextTitle)
        {
            var code = _code is null ? "" : row[_code.Column];
            var chain = Chain(code);
            var state = _importer.PlanFor(_sheet, _layout, chain.Count, _columns, _pendingNotes);
            var parent = EnsureNodes(state, chain, next: false, row);
            Measure? measure = null;
            if (writtenTitle.Length > 0)
            {
                measure = IsRelisting(writtenTitle)
                    ? Relist(state, parent, row, code, writtenTitle, _description)
                    : ImportMeasure(state, parent, row, code, writtenTitle);
            }
            if (nextTitle.Length > 0 && EndNote().Match(nextTitle) is not { Success: true })
            {
                var next = _importer.NextPlanFor(state, _nextTitle!);
                var nextParent = EnsureNodes(next, chain, next: true, row);
                // The next plan's policy continues the current one, renumbered where the heading says so: 1 就労… (2 就労…).
                for (PlanNode? from = parent, to = nextParent; from is not null && to is not null; from = from.Parent, to = to.Parent)
                    if (to.Origin is null) to.DeriveFrom(from);
                var nextMeasure = IsRelisting(nextTitle)
                    ? Relist(next, nextParent, row, code, nextTitle, _nextDescription)
                    : ImportNextPlanMeasure(next, nextParent, row, code, nextTitle, measure);
                if (measure is not null && !IsRelisting(writtenTitle) && !IsRelisting(nextTitle) && measure.LinkBetween(nextMeasure) is null)
                    measure.LinkTo(nextMeasure, LineageKindOf(measure, nextTitle), next.Plan.PeriodStart, nextTitle.Contains("後継事業") ? "後継事業" : null);
            }
        }

        /// <summary>How the next plan's measure carries on the current one: its title names it the successor (後継事業), is another title, or the same.</summary>
        private static LineageKind LineageKindOf(Measure current, string nextTitle) =>
            nextTitle.Contains("後継事業") ? LineageKind.Succeeded : nextTitle != current.Title ? LineageKind.Renamed : LineageKind.Continued;

        private PlanNode EnsureNodes(PlanState state, List<NodeCell> chain, bool next, SheetRow row)
        {
            var plan = state.Plan;
            if (chain.Count == 0) chain = [new NodeCell(_sheet.Name, _sheet.Name)];
            if (chain.Count != plan.NodeDepth)
                throw new DomainException($"the measure sits {chain.Count} level(s) below the top, but {plan.Name} has {plan.NodeDepth} level(s) above its measures ({string.Join(" / ", plan.Levels.Select(l => l.Name))}).");
            PlanNode? parent = null;
            for (var depth = 0; depth < chain.Count; depth++)
            {
                var cell = chain[depth];
                var code = next && cell.NextCode is not null ? cell.NextCode : cell.Code;
                var title = next && cell.NextTitle is not null ? cell.NextTitle : cell.Title;
                if (!state.Nodes.TryGetValue(code, out var node))
                {
                    node = plan.AddNode(parent, code, title.Length > 0 ? title : $"{plan.Levels[depth].Name}{code}");
                    state.Nodes[code] = node;
                    _importer._report.Counts.NodesCreated++;
                }
                parent = node;
            }
            return parent!;
        }

        private string KeyOf(PlanNode parent, string code, string title) =>
            code.Length == 0 ? title : _codesRestart ? $"{parent.Code}-{code}" : code;

        private Measure ImportMeasure(PlanState state, PlanNode parent, SheetRow row, string code, string writtenTitle)
        {
            var key = KeyOf(parent, code, writtenTitle);
            if (_keysSeen.TryGetValue(key, out var firstRow))
                throw new DomainException($"code {key} was already used on row {firstRow}; each measure needs its own code.", "import.codeTwice", key, firstRow);
            _keysSeen[key] = row.Number;
            var description = _description is null ? null : Optional(row[_description.Column]);
            var measure = state.Match(key, writtenTitle);
            var action = RowAction.Unchanged;
            if (measure is null)
            {
                if (state.HasTitle(writtenTitle))
                    _importer.Warning(_importer.Where(_sheet, row.Number, _title!.Column), "import.looksLikeRelisting",
                        $"Row {row.Number}: '{writtenTitle}' has the title of another measure but no 再掲 mark; it is imported as a measure of its own.", row.Number, writtenTitle);
                measure = state.AddMeasure(key, parent, code.Length > 0 ? code : key, writtenTitle, description);
                action = RowAction.Created;
            }
            else if (measure.Title != writtenTitle || (description is not null && measure.Description != description))
            {
                state.Rewrite(measure, writtenTitle, description ?? measure.Description);
                action = RowAction.Updated;
            }
            state.Matched.Add(measure);
            _measures.Add(measure);
            if (ReadMeasureDetails(measure, row, writtenTitle, state) && action == RowAction.Unchanged) action = RowAction.Updated;
            if (ReadEntries(measure, row) && action == RowAction.Unchanged) action = RowAction.Updated;
            Count(action);
            _importer._report.Rows.Add(new RowOutcome(_importer.Where(_sheet, row.Number), state.Plan.Name, measure.Key, measure.Title, action));
            return measure;
        }

        private Measure ImportNextPlanMeasure(PlanState state, PlanNode parent, SheetRow row, string code, string writtenTitle, Measure? current)
        {
            var key = KeyOf(parent, code, writtenTitle);
            var description = _nextDescription is null ? null : Optional(row[_nextDescription.Column]);
            var measure = state.Match(key, writtenTitle);
            var action = RowAction.Unchanged;
            if (measure is null)
            {
                measure = state.AddMeasure(key, parent, code.Length > 0 ? code : key, writtenTitle, description);
                action = RowAction.Created;
                // A measure with no counterpart in the current plan is new in the next one (the current plan's cells are empty).
                measure.IsNew = current is null;
            }
            else if (measure.Title != writtenTitle || (description is not null && measure.Description != description))
            {
                state.Rewrite(measure, writtenTitle, description ?? measure.Description);
                action = RowAction.Updated;
            }
            state.Matched.Add(measure);
            if (AssignDepartments(measure, row) && action == RowAction.Unchanged) action = RowAction.Updated;
            // A measure new in the next plan has only its direction on this sheet, written in the current plan's last year.
            if (current is null && ReadEntries(measure, row, only: ImportField.IssuesAndDirection) && action == RowAction.Unchanged) action = RowAction.Updated;
            Count(action);
            _importer._report.Rows.Add(new RowOutcome(_importer.Where(_sheet, row.Number), state.Plan.Name, measure.Key, measure.Title, action));
            return measure;
        }

        private Measure Relist(PlanState state, PlanNode parent, SheetRow row, string code, string writtenTitle, ColumnMapping? descriptionColumn)
        {
            var title = RelistMark().Replace(writtenTitle, "").Trim();
            var original = state.FindRelisted(title)
                ?? throw new DomainException($"'{writtenTitle}' is marked 再掲 but no measure of {state.Plan.Name} listed earlier is titled '{title}'.");
            var description = descriptionColumn is null ? null : Optional(row[descriptionColumn.Column]);
            var action = RowAction.Unchanged;
            if (original.Placements.All(p => p.Node != parent))
            {
                original.ListUnder(parent, code.Length > 0 ? code : original.Key, isRelisting: true, writtenTitle, description == original.Description ? null : description);
                _importer._report.Counts.RelistingsCreated++;
                action = RowAction.Relisted;
            }
            if (description?.Contains(PrefectureMark) == true && !original.IsPrefectureRun) original.IsPrefectureRun = true;
            _importer._report.Rows.Add(new RowOutcome(_importer.Where(_sheet, row.Number), state.Plan.Name, original.Key, writtenTitle, action));
            return original;
        }

        private void Count(RowAction action)
        {
            var counts = _importer._report.Counts;
            switch (action)
            {
                case RowAction.Created: counts.MeasuresCreated++; break;
                case RowAction.Updated: counts.MeasuresUpdated++; break;
                case RowAction.Unchanged: counts.MeasuresUnchanged++; break;
            }
        }

        /// <summary>Departments, 【県事業】, successors and lifecycle notes; true when anything changed.</summary>
        private bool ReadMeasureDetails(Measure measure, SheetRow row, string writtenTitle, PlanState state)
        {
            var changed = AssignDepartments(measure, row);
            if (measure.Description?.Contains(PrefectureMark) == true && !measure.IsPrefectureRun)
            {
                measure.IsPrefectureRun = true;
                changed = true;
            }
            if (writtenTitle.Contains("の後継事業"))
            {
                foreach (System.Text.RegularExpressions.Match quoted in QuotedName().Matches(writtenTitle))
                {
                    var name = quoted.Groups["name"].Value;
                    var predecessor = state.Plan.Measures.FirstOrDefault(m => m.Title == name && m != measure)
                        ?? throw new DomainException($"'{writtenTitle}' names 「{name}」 as its predecessor, but no measure of {state.Plan.Name} has that name.");
                    if (predecessor.LinkBetween(measure) is not null) continue;
                    // The predecessor's work passes on when it ends (事業終期のため、R3以降廃止); else from the plan's first year.
                    predecessor.LinkTo(measure, LineageKind.Succeeded, predecessor.EndedIn ?? state.Plan.PeriodStart, "後継事業");
                    changed = true;
                }
            }
            foreach (var column in _columns.Where(c => c.Field is ImportField.Results or ImportField.PlannedWork or ImportField.NextYearPlan))
            {
                var text = row[column.Mapping.Column];
                if (EndNote().Match(text) is not { Success: true } end) continue;
                var status = text.Contains("組替") ? MeasureStatus.Reorganised : text.Contains("終期") ? MeasureStatus.Ended : MeasureStatus.Discontinued;
                var endedIn = FiscalYear.Parse(end.Groups["year"].Value);
                if (measure.Status == status && measure.EndedIn == endedIn && measure.LifecycleNote == text) break;
                measure.End(status, endedIn, text);
                changed = true;
                break;
            }
            return changed;
        }

        private bool AssignDepartments(Measure measure, SheetRow row)
        {
            if (_department is null || row[_department.Column] is not { Length: > 0 } cell) return false;
            var before = measure.Departments.Count;
            IReadOnlyList<DepartmentPath> paths;
            try { paths = DepartmentList.Parse(cell); }
            catch (FormatException e)
            {
                _importer.Error(_importer.Where(_sheet, row.Number, _department.Column), "import.badDepartment", $"Row {row.Number}: '{cell}' is not a department: {e.Message}", row.Number, cell);
                return false;
            }
            foreach (var path in paths)
            {
                var department = _importer.DepartmentFor(path, _importer.Where(_sheet, row.Number, _department.Column));
                measure.AssignDepartment(department, department.Name == path.Written ? null : path.Written);
            }
            return measure.Departments.Count != before;
        }

        /// <summary>Fills the yearly entries from the row's yearly columns; true when an entry was created or changed.</summary>
        private bool ReadEntries(Measure measure, SheetRow row, ImportField? only = null)
        {
            var changed = false;
            foreach (var year in _columns.Where(c => only is null || c.Field == only).GroupBy(c => c.Year!.Value))
            {
                var values = year.Select(c => (Column: c, Text: row[c.Mapping.Column]))
                    .Where(v => v.Text.Length > 0 && EndNote().Match(v.Text) is not { Success: true })
                    .ToList();
                var existing = measure.Entries.FirstOrDefault(e => e.FiscalYear == year.Key);
                if (existing is null && !values.Any(v => !(v.Column.Field.IsBudget() && ThousandYen.IsNone(v.Text)))) continue;
                var entry = existing ?? measure.EntryFor(year.Key);
                var entryChanged = false;
                foreach (var (column, text) in values) entryChanged |= Assign(entry, column, text, row);
                var counts = _importer._report.Counts;
                if (existing is null) counts.EntriesCreated++;
                else if (entryChanged) counts.EntriesUpdated++;
                else counts.EntriesUnchanged++;
                changed |= existing is null || entryChanged;
            }
            return changed;
        }

        private bool Assign(YearlyEntry entry, BoundColumn column, string text, SheetRow row)
        {
            var where = _importer.Where(_sheet, row.Number, column.Mapping.Column);
            switch (column.Field)
            {
                case ImportField.Grade:
                    string? grade;
                    try { grade = entry.Measure.Plan.GradeScale.ReadCell(text); }
                    catch (FormatException e)
                    {
                        _importer.Error(where, "import.badGrade", $"Row {row.Number}, column {ColumnLetters.Format(column.Mapping.Column)} ({column.Mapping.Heading}): {e.Message}",
                            text, string.Join(", ", entry.Measure.Plan.Grades.Select(g => g.Symbol)));
                        return false;
                    }
                    if (entry.Grade == grade) return false;
                    entry.SetGrade(grade);
                    return true;
                case ImportField.InitialBudget or ImportField.FinalBudget:
                    ThousandYen? amount;
                    try { amount = ThousandYen.ParseCell(text); }
                    catch (FormatException)
                    {
                        _importer.Error(where, "import.badBudget", $"Row {row.Number}, column {ColumnLetters.Format(column.Mapping.Column)} ({column.Mapping.Heading}): '{text}' is not an amount in thousand yen.", text);
                        return false;
                    }
                    return column.Field == ImportField.InitialBudget
                        ? Set(entry.InitialBudget, amount, v => entry.InitialBudget = v)
                        : Set(entry.FinalBudget, amount, v => entry.FinalBudget = v);
                case ImportField.Results: return Set(entry.Results, text, v => entry.Results = v);
                case ImportField.PlannedWork: return Set(entry.PlannedWork, text, v => entry.PlannedWork = v);
                case ImportField.NextYearPlan: return Set(entry.NextYearPlan, text, v => entry.NextYearPlan = v);
                case ImportField.IssuesAndDirection: return Set(entry.IssuesAndDirection, text, v => entry.IssuesAndDirection = v);
                case ImportField.Target: return Set(entry.Target, text, v => entry.Target = v);
                case ImportField.Notes: return Set(entry.Notes, text, v => entry.Notes = v);
                default: return false;
            }
        }

        private static bool Set<T>(T current, T value, Action<T> set)
        {
            if (EqualityComparer<T>.Default.Equals(current, value)) return false;
            set(value);
            return true;
        }

        private static string? Optional(string text) => text.Length > 0 ? text : null;

        private void CheckTallies()
        {
            if (_tallies.Count == 0) return;
            var counted = _measures.Distinct().ToList();
            foreach (var (row, written, count) in _tallies)
            {
                if (written is null)
                {
                    if (count != counted.Count)
                        _importer.Error(_importer.Where(_sheet, row.Number), "import.tallyTotalMismatch",
                            $"Row {row.Number}: the tally says {count} measures in all, but the sheet lists {counted.Count}.", row.Number, count, counted.Count);
                    continue;
                }
                if (_gradeYear is not { } year || _importer._plan is not { } state) continue;
                string? grade;
                try { grade = state.Plan.GradeScale.ReadCell(written); }
                catch (FormatException e)
                {
                    _importer.Error(_importer.Where(_sheet, row.Number), "import.badGrade", $"Row {row.Number}: {e.Message}", written, string.Join(", ", state.Plan.Grades.Select(g => g.Symbol)));
                    continue;
                }
                var actual = counted.Count(m => m.Entries.Any(e => e.FiscalYear == year && e.Grade == grade));
                if (actual != count)
                    _importer.Error(_importer.Where(_sheet, row.Number), "import.tallyMismatch",
                        $"Row {row.Number}: the tally says {count} measures graded {grade}, but the sheet grades {actual}.", row.Number, count, grade!, actual);
            }
        }
    }
}
