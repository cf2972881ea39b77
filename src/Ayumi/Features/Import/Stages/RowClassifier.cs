using Ayumi.Domain;
using Ayumi.Domain.WrittenForms;
using Ayumi.Features.Import.Layout;
using Ayumi.Features.Import.Reading;

namespace Ayumi.Features.Import.Stages;

/// <summary>What a row of a sheet is.</summary>
internal enum RowKind { Skipped, Note, Hidden, Unreadable, Tally, Measure }

/// <summary>A row classified: for a measure, where it sits (its chain of goal, policy and section) and its titles.</summary>
internal sealed record ClassifiedRow(SheetRow Row, RowKind Kind, string Text = "", IReadOnlyList<NodeCell>? Chain = null, string Title = "", string NextTitle = "");

/// <summary>
/// Tells each row of a sheet for what it is: titles and notes above the header, the header
/// and its repetitions, section rows, tallies, total and subtotal rows (合計, 計, 小計, 総計),
/// sub-item lines ((1) (2) (3) under a measure), hidden and unreadable rows, and measures,
/// with the goal and policy filled down from the rows above. Totals and sub-items go to the
/// sheet's context for <see cref="TotalsCheck"/>; no row is imported here.
/// </summary>
internal sealed class RowClassifier
{
    private readonly SheetContext _sheet;
    private readonly HashSet<string> _headerTexts;
    private readonly HashSet<string> _furniture = [];
    private readonly List<SheetRow> _allMeasures = [];
    private readonly List<SheetRow> _blockMeasures = [];
    private readonly List<string> _sections = [];
    private NodeCell? _section;
    private string _goalText = "", _policyText = "";
    private (SheetRow Row, string Title, List<SheetRow> Items)? _openMeasure;

    private RowClassifier(SheetContext sheet)
    {
        _sheet = sheet;
        var layout = sheet.Layout;
        _headerTexts = sheet.Sheet.Rows.Where(r => r.Number >= layout.FirstHeaderRow && r.Number <= layout.LastHeaderRow).Select(Signature).ToHashSet();
    }

    public static List<ClassifiedRow> Classify(SheetContext sheet)
    {
        var classifier = new RowClassifier(sheet);
        var rows = new List<ClassifiedRow>(sheet.Sheet.Rows.Count);
        foreach (var row in sheet.Sheet.Rows)
        {
            sheet.Import.CancellationToken.ThrowIfCancellationRequested();
            rows.Add(classifier.Classify(row));
        }
        classifier.CloseSubItems();
        sheet.Import.Report.Sheets.Add(classifier.Facts(rows));
        return rows;
    }

    public static string? SingleText(SheetRow row)
    {
        var texts = row.Cells.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct().ToList();
        return texts.Count == 1 ? texts[0] : null;
    }

    private static string Signature(SheetRow row) => string.Join("\t", row.Cells.Select(c => HeaderVocabulary.Normalise(c)));

    private ClassifiedRow Classify(SheetRow row)
    {
        var layout = _sheet.Layout;
        if (row.Number < layout.FirstHeaderRow)
            return SingleText(row) is { } written ? BeforeHeader(row, written) : new ClassifiedRow(row, RowKind.Skipped);
        if (row.Number <= layout.LastHeaderRow || row.IsBlank) return new ClassifiedRow(row, RowKind.Skipped);
        if (row.IsHidden) return new ClassifiedRow(row, RowKind.Hidden);
        if (_headerTexts.Contains(Signature(row)) || layout.IsRepeatedHeader(_sheet.Sheet, row)) return new ClassifiedRow(row, RowKind.Skipped);
        var single = SingleText(row);
        if (single is not null && Furniture(row, single) is { } furniture) return furniture;
        // A tally is often spread over cells: the grade, a COUNTIF and the unit (A(予定通り進行) | 9 | 事業).
        if (single is null && SheetMarks.ReadTally(Joined(row)) is not null) return new ClassifiedRow(row, RowKind.Tally, Joined(row));
        if (IsTotal(row, out var label)) return Total(row, label);
        if (IsSubItem(row)) return new ClassifiedRow(row, RowKind.Skipped);
        var title = _sheet.Cell(row, _sheet.Title);
        var nextTitle = _sheet.Cell(row, _sheet.NextTitle);
        if (title.Length == 0 && nextTitle.Length == 0) return new ClassifiedRow(row, RowKind.Unreadable, single ?? string.Join(" ", row.Cells.Where(c => c.Trim().Length > 0)));
        return Measure(row, title, nextTitle);
    }

    private static string Joined(SheetRow row) => string.Join(" ", row.Cells.Select(c => c.Trim()).Where(c => c.Length > 0));

    private ClassifiedRow BeforeHeader(SheetRow row, string text)
    {
        // "※下線部が更新箇所" explains that edition's underlining; it is not a note about the plan.
        if (text.StartsWith('※') && !text.Contains("下線")) return new ClassifiedRow(row, RowKind.Note, text);
        _furniture.Add(text);
        return new ClassifiedRow(row, RowKind.Skipped);
    }

    /// <summary>Section rows, tallies, notes and titles: single-text rows that are not measures. Null when the text is a measure's title.</summary>
    private ClassifiedRow? Furniture(SheetRow row, string text)
    {
        if (NodeCell.ParseSection(text) is { } section)
        {
            CloseSubItems();
            _section = section;
            _sections.Add(text);
            return new ClassifiedRow(row, RowKind.Skipped);
        }
        if (SheetMarks.ReadTally(text) is not null) return new ClassifiedRow(row, RowKind.Tally, text);
        if (text.StartsWith('※')) return text.Contains("下線") ? new ClassifiedRow(row, RowKind.Skipped) : new ClassifiedRow(row, RowKind.Note, text);
        if (_furniture.Contains(text)) return new ClassifiedRow(row, RowKind.Skipped); // the title repeated at the top of every printed page
        if (_sheet.Layout.Columns.Any(c => HeaderVocabulary.Normalise(c.Heading) == HeaderVocabulary.Normalise(text))) return new ClassifiedRow(row, RowKind.Skipped); // a header cell wrapped onto a line of its own
        if (_sheet.Cell(row, _sheet.Title) == text) return null;
        if (SheetMarks.IsTotal(text)) return Total(row, text);
        return new ClassifiedRow(row, RowKind.Unreadable, text);
    }

    /// <summary>合計, 計, 小計 or 総計 in the row's first written cell or its title cell.</summary>
    private bool IsTotal(SheetRow row, out string label)
    {
        label = row.Cells.Select(c => c.Trim()).FirstOrDefault(c => c.Length > 0) ?? "";
        if (SheetMarks.IsTotal(label)) return true;
        label = _sheet.Cell(row, _sheet.Title);
        return SheetMarks.IsTotal(label);
    }

    private ClassifiedRow Total(SheetRow row, string label)
    {
        CloseSubItems();
        var normalised = FiscalYearText.Normalise(label);
        var kind = normalised.StartsWith("合計", StringComparison.Ordinal) || normalised.StartsWith("総", StringComparison.Ordinal) ? StatedTotalKind.Total : StatedTotalKind.Subtotal;
        _sheet.Totals.Add(new TotalRow(row, label, kind, kind == StatedTotalKind.Total ? [.. _allMeasures] : [.. _blockMeasures]));
        _blockMeasures.Clear();
        return new ClassifiedRow(row, RowKind.Skipped);
    }

    /// <summary>(1), (2), (3)… in order, right under a measure, with no department of their own.</summary>
    private bool IsSubItem(SheetRow row)
    {
        if (_openMeasure is not { } open || _sheet.Cell(row, _sheet.Department).Length > 0) return false;
        var number = SheetMarks.SubItemNumber(_sheet.Cell(row, _sheet.Code)) ?? SheetMarks.SubItemNumber(_sheet.Cell(row, _sheet.Title));
        if (number != open.Items.Count + 1) return false;
        open.Items.Add(row);
        return true;
    }

    private void CloseSubItems()
    {
        if (_openMeasure is { Items.Count: > 0 } open) _sheet.SubItems.Add(new SubItems(open.Row, open.Title, open.Items));
        _openMeasure = null;
    }

    private ClassifiedRow Measure(SheetRow row, string title, string nextTitle)
    {
        CloseSubItems();
        FillDown(row);
        if (!SheetMarks.IsRelisting(title.Length > 0 ? title : nextTitle))
        {
            _allMeasures.Add(row);
            _blockMeasures.Add(row);
        }
        _openMeasure = (row, title.Length > 0 ? title : nextTitle, []);
        return new ClassifiedRow(row, RowKind.Measure, Chain: Chain(_sheet.Cell(row, _sheet.Code)), Title: title, NextTitle: nextTitle);
    }

    private void FillDown(SheetRow row)
    {
        if (_sheet.Cell(row, _sheet.Goal) is { Length: > 0 } goal)
        {
            _goalText = goal;
            _policyText = "";
        }
        if (_sheet.Cell(row, _sheet.Policy) is { Length: > 0 } policy) _policyText = policy;
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
        for (var i = 1; i < segments.Length; i++) chain.Add(new NodeCell(string.Join('-', segments[..i]), ""));
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

    private SheetFacts Facts(List<ClassifiedRow> rows)
    {
        var measures = rows.Where(r => r.Kind == RowKind.Measure).Select(r => r.Row).ToList();
        var grades = _sheet.Columns.Where(c => c.Field == ImportField.Grade)
            .SelectMany(c => measures.Select(r => r[c.Mapping.Column])).Where(g => g.Length > 0).Distinct().ToList();
        var levels = new[] { _sheet.Goal, _sheet.Policy, _sheet.Title }.OfType<ColumnMapping>().Select(c => c.Heading).ToList();
        var depth = rows.FirstOrDefault(r => r.Kind == RowKind.Measure)?.Chain?.Count ?? 0;
        return new SheetFacts(_sheet.Sheet.Name, _sheet.Columns.Select(c => c.Year!.Value).Distinct().Order().ToList(), levels,
            measures.Select(r => _sheet.Cell(r, _sheet.Code)).Where(c => c.Length > 0).ToList(), _sections, grades, PlanChoice.LevelsFrom(_sheet.Layout, depth));
    }
}
