using Ayumi.Domain;
using Ayumi.Domain.WrittenForms;
using Ayumi.Features.Import.Layout;

namespace Ayumi.Features.Import.Stages;

/// <summary>
/// Builds the plan from a sheet's classified rows, in order: the nodes of each measure's chain,
/// the measure (matched by key, then by title, or created), its relistings (再掲) and its
/// counterpart in the next plan; warns of hidden and unreadable rows and keeps notes and tallies.
/// The entries are filled by <see cref="EntryFiller"/>, the departments and lifecycle by <see cref="MeasureDetails"/>.
/// </summary>
internal sealed class MeasureBuilder(SheetContext sheet)
{
    private readonly ImportContext _import = sheet.Import;
    private readonly EntryFiller _entries = new(sheet);
    private readonly MeasureDetails _details = new(sheet);

    public void Build(IReadOnlyList<ClassifiedRow> rows)
    {
        foreach (var row in rows)
        {
            Build(row);
            _import.RowDone();
        }
    }

    private void Build(ClassifiedRow classified)
    {
        var row = classified.Row;
        switch (classified.Kind)
        {
            case RowKind.Hidden:
                _import.Warning(sheet.Where(row.Number), "import.hiddenRow", $"Row {row.Number} is hidden in the workbook and was not imported.", row.Number);
                return;
            case RowKind.Unreadable:
                var text = classified.Text.Length <= 60 ? classified.Text : classified.Text[..60] + "…";
                _import.Warning(sheet.Where(row.Number), "import.unreadableRow",
                    $"Row {row.Number} is neither a measure, a section, a tally nor a title, and was not imported: '{text}'.", row.Number, text);
                return;
            case RowKind.Note:
                _import.Plans.AddNote(classified.Text);
                return;
            case RowKind.Tally:
                sheet.Tallies.Add((row, SheetMarks.ReadTally(classified.Text)!));
                return;
            case RowKind.Measure:
                try { BuildMeasure(classified); }
                catch (DomainException e)
                {
                    // The rule's own words, in the user's language.
                    _import.Error(sheet.Where(row.Number), e.Key, $"Row {row.Number}: {e.Message}", [.. e.Arguments]);
                }
                return;
        }
    }

    private void BuildMeasure(ClassifiedRow classified)
    {
        var (row, chain, writtenTitle, nextTitle) = (classified.Row, classified.Chain!, classified.Title, classified.NextTitle);
        var code = sheet.Cell(row, sheet.Code);
        var state = _import.Plans.For(sheet, chain.Count);
        var parent = EnsureNodes(state, chain, next: false);
        Measure? measure = null;
        if (writtenTitle.Length > 0)
            measure = SheetMarks.IsRelisting(writtenTitle) ? Relist(state, parent, classified, code, writtenTitle, sheet.Description) : Import(state, parent, classified, code);
        if (nextTitle.Length == 0 || SheetMarks.IsEndNote(nextTitle)) return;
        var next = _import.Plans.NextFor(state, sheet.NextTitle!);
        var nextParent = EnsureNodes(next, chain, next: true);
        // The next plan's policy continues the current one, renumbered where the heading says so: 1 就労… (2 就労…).
        for (PlanNode? from = parent, to = nextParent; from is not null && to is not null; from = from.Parent, to = to.Parent)
            if (to.Origin is null) to.DeriveFrom(from);
        var nextMeasure = SheetMarks.IsRelisting(nextTitle)
            ? Relist(next, nextParent, classified, code, nextTitle, sheet.NextDescription)
            : ImportNext(next, nextParent, classified, code, measure);
        if (measure is not null && !SheetMarks.IsRelisting(writtenTitle) && !SheetMarks.IsRelisting(nextTitle) && measure.LinkBetween(nextMeasure) is null)
            measure.LinkTo(nextMeasure, LineageKindOf(measure, nextTitle), next.Plan.PeriodStart, SheetMarks.IsSuccessor(nextTitle) ? "後継事業" : null);
    }

    /// <summary>How the next plan's measure carries on the current one: its title names it the successor (後継事業), is another title, or the same.</summary>
    private static LineageKind LineageKindOf(Measure current, string nextTitle) =>
        SheetMarks.IsSuccessor(nextTitle) ? LineageKind.Succeeded : nextTitle != current.Title ? LineageKind.Renamed : LineageKind.Continued;

    private PlanNode EnsureNodes(PlanState state, IReadOnlyList<NodeCell> chain, bool next)
    {
        var plan = state.Plan;
        // A sheet that names no policy puts its measures under a placeholder called after it, to be sorted into policies later.
        var placeholder = chain.Count == 0;
        if (placeholder) chain = [new NodeCell(sheet.Sheet.Name, sheet.Sheet.Name)];
        if (chain.Count != plan.NodeDepth)
            throw new DomainException($"the measure sits {chain.Count} level(s) below the top, but {plan.Name} has {plan.NodeDepth} level(s) above its measures ({string.Join(" / ", plan.Levels.Select(l => l.Name))}).",
                "import.levelsDiffer", chain.Count, plan.Name, plan.NodeDepth, string.Join(" / ", plan.Levels.Select(l => l.Name)));
        PlanNode? parent = null;
        for (var depth = 0; depth < chain.Count; depth++)
        {
            var cell = chain[depth];
            var code = next && cell.NextCode is not null ? cell.NextCode : cell.Code;
            var title = next && cell.NextTitle is not null ? cell.NextTitle : cell.Title;
            if (!state.Nodes.TryGetValue(code, out var node))
            {
                node = plan.AddNode(parent, code, title.Length > 0 ? title : $"{plan.Levels[depth].Name}{code}");
                node.IsPlaceholder = placeholder;
                state.Nodes[code] = node;
                _import.Report.Counts.NodesCreated++;
            }
            parent = node;
        }
        return parent!;
    }

    private string KeyOf(PlanNode parent, string code, string title) =>
        code.Length == 0 ? title : sheet.CodesRestart ? $"{parent.Code}-{code}" : code;

    private Measure Import(PlanState state, PlanNode parent, ClassifiedRow classified, string code)
    {
        var (row, writtenTitle) = (classified.Row, classified.Title);
        var key = KeyOf(parent, code, writtenTitle);
        if (sheet.KeysSeen.TryGetValue(key, out var firstRow))
            throw new DomainException($"code {key} was already used on row {firstRow}; each measure needs its own code.", "import.codeTwice", key, firstRow);
        sheet.KeysSeen[key] = row.Number;
        var description = Optional(sheet.Cell(row, sheet.Description));
        var (measure, action) = MatchOrCreate(state, parent, key, code, writtenTitle, description, warnOfTitle: classified);
        sheet.Measures.Add(measure);
        if (_details.Read(measure, row, writtenTitle, state) && action == RowAction.Unchanged) action = RowAction.Updated;
        if (_entries.Fill(measure, row) && action == RowAction.Unchanged) action = RowAction.Updated;
        Record(row, state, measure, measure.Title, action);
        return measure;
    }

    private Measure ImportNext(PlanState state, PlanNode parent, ClassifiedRow classified, string code, Measure? current)
    {
        var (row, writtenTitle) = (classified.Row, classified.NextTitle);
        var key = KeyOf(parent, code, writtenTitle);
        var (measure, action) = MatchOrCreate(state, parent, key, code, writtenTitle, Optional(sheet.Cell(row, sheet.NextDescription)), warnOfTitle: null);
        // A measure with no counterpart in the current plan is new in the next one (the current plan's cells are empty).
        if (action == RowAction.Created) measure.IsNew = current is null;
        if (_details.AssignDepartments(measure, row) && action == RowAction.Unchanged) action = RowAction.Updated;
        // A measure new in the next plan has only its direction on this sheet, written in the current plan's last year.
        if (current is null && _entries.Fill(measure, row, only: ImportField.IssuesAndDirection) && action == RowAction.Unchanged) action = RowAction.Updated;
        Record(row, state, measure, measure.Title, action);
        return measure;
    }

    /// <summary>The measure the row means, rewritten where the sheet says otherwise, or a new one.</summary>
    private (Measure Measure, RowAction Action) MatchOrCreate(PlanState state, PlanNode parent, string key, string code, string title, string? description, ClassifiedRow? warnOfTitle)
    {
        var measure = state.Match(key, title);
        var action = RowAction.Unchanged;
        if (measure is null)
        {
            if (warnOfTitle is { } row && state.HasTitle(title))
                _import.Warning(sheet.Where(row.Row.Number, sheet.Title!.Column), "import.looksLikeRelisting",
                    $"Row {row.Row.Number}: '{title}' has the title of another measure but no 再掲 mark; it is imported as a measure of its own.", row.Row.Number, title);
            measure = state.AddMeasure(key, parent, code.Length > 0 ? code : key, title, description);
            action = RowAction.Created;
        }
        else if (measure.Title != title || (description is not null && measure.Description != description))
        {
            state.Rewrite(measure, title, description ?? measure.Description);
            action = RowAction.Updated;
        }
        state.Matched.Add(measure);
        return (measure, action);
    }

    private Measure Relist(PlanState state, PlanNode parent, ClassifiedRow classified, string code, string writtenTitle, ColumnMapping? descriptionColumn)
    {
        var title = SheetMarks.WithoutRelisting(writtenTitle);
        var original = state.FindRelisted(title)
            ?? throw new DomainException($"'{writtenTitle}' is marked 再掲 but no measure of {state.Plan.Name} listed earlier is titled '{title}'.", "import.relistedUnknown", writtenTitle, state.Plan.Name, title);
        var description = Optional(sheet.Cell(classified.Row, descriptionColumn));
        var action = RowAction.Unchanged;
        if (original.Placements.All(p => p.Node != parent))
        {
            original.ListUnder(parent, code.Length > 0 ? code : original.Key, isRelisting: true, writtenTitle, description == original.Description ? null : description);
            _import.Report.Counts.RelistingsCreated++;
            action = RowAction.Relisted;
        }
        if (SheetMarks.IsPrefectureRun(description) && !original.IsPrefectureRun) original.IsPrefectureRun = true;
        Record(classified.Row, state, original, writtenTitle, action);
        return original;
    }

    private void Record(Reading.SheetRow row, PlanState state, Measure measure, string title, RowAction action)
    {
        var counts = _import.Report.Counts;
        switch (action)
        {
            case RowAction.Created: counts.MeasuresCreated++; break;
            case RowAction.Updated: counts.MeasuresUpdated++; break;
            case RowAction.Unchanged: counts.MeasuresUnchanged++; break;
        }
        _import.Report.Rows.Add(new RowOutcome(sheet.Where(row.Number), state.Plan.Name, measure.Key, title, action));
    }

    private static string? Optional(string text) => text.Length > 0 ? text : null;
}
