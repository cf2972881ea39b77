using System.Text;
using Ayumi.Domain;
using Ayumi.Features.Import;
using Ayumi.Features.Import.Reading;
using Ayumi.Tests.Import;

namespace Ayumi.Tests.Domain;

/// <summary>
/// No step of the cycle loses a stored value: parts start from what the entry holds, split by
/// the rule that composes them again, and approval writes only what a department changed.
/// Run on Akita's real per-department texts.
/// </summary>
public class StoredValueRulesTests
{
    private static readonly DateTimeOffset Now = new(2021, 4, 1, 9, 0, 0, TimeSpan.FromHours(9));
    private static readonly FiscalYear R3 = FiscalYear.Parse("令和3年度");

    /// <summary>Akita's plan as imported, with results, grades and budgets stored for R3 as a filled-in sheet would have them.</summary>
    private static Plan AkitaWithResults()
    {
        var (organisation, report) = SeedFile.Akita.ImportText();
        Assert.Empty(report.Errors);
        var plan = organisation.Plans.Single();
        foreach (var entry in plan.Measures.SelectMany(m => m.Entries).Where(e => e.FiscalYear == R3))
        {
            entry.Results = entry.PlannedWork;
            entry.SetGrade("B");
            entry.Budget = BudgetLine.Of(BudgetAmount.Initial, new ThousandYen(1200)).With(BudgetAmount.Final, null, null, new ThousandYen(980));
        }
        return plan;
    }

    private static YearlyEntry Entry(Plan plan, string code) =>
        plan.Measures.Single(m => m.PrimaryPlacement.Code == code).Entries.Single(e => e.FiscalYear == R3);

    private static EntryPart Part(YearlyEntry entry, string department) => entry.Parts.Single(p => p.Department.Name == department);

    private static void SubmitAndApprove(EntryPart part, ReportingYear year, PartContent? content = null)
    {
        part.SaveDraft(content ?? part.Content, year);
        part.Submit(year, Now);
        part.Approve(year);
    }

    private static List<PlanSnapshot.EntryFacts> EntriesOf(Plan plan) =>
        PlanSnapshot.Of(plan.Organisation).OfType<PlanSnapshot.EntryFacts>().ToList();

    [Fact]
    public void Opening_a_year_that_has_stored_values_starts_every_part_from_them_split_by_department()
    {
        var plan = AkitaWithResults();
        plan.OpenYear(R3, null, Now);

        var shared = Entry(plan, "1-(1)-⑤");
        Assert.Equal(["福祉総務課", "保護第一課", "保護第二課"], shared.PartsInOrder().Select(p => p.Department.Name));
        var soumu = Part(shared, "福祉総務課");
        Assert.Equal("生活保護受給者等就労自立促進事業の活用等により、ハローワークとの連携を図りながら支援を実施する。", soumu.PlannedWork);
        Assert.Equal(soumu.PlannedWork, soumu.Results);
        Assert.Equal("関係機関との連携により、就職までのきめ細かな支援のほか、就職後の定着支援にも努めていく。", Part(shared, "保護第一課").Results);
        Assert.Equal(Part(shared, "保護第一課").Results, Part(shared, "保護第二課").Results);
        Assert.All(shared.Parts, p => Assert.Equal("B", p.Grade));
        // A total cannot be split: it starts on the lead department's part, and the others add their own.
        Assert.Equal((new ThousandYen(1200), new ThousandYen(980)), (soumu.InitialBudget, soumu.FinalBudget));
        Assert.All(shared.Parts.Where(p => p != soumu), p => Assert.Equal((null, null), (p.InitialBudget, p.FinalBudget)));

        // Half-width marks after a space, as Akita's 2-(1)-① writes them.
        var welfare = Entry(plan, "2-(1)-①");
        Assert.Equal("犯罪を犯した高齢者が福祉サービスを公平に利用できるよう、適切な相談・支援を実施する。", Part(welfare, "長寿福祉課").PlannedWork);
        Assert.StartsWith("要介護認定やサービス利用について", Part(welfare, "介護保険課").PlannedWork);

        // A measure run by one department starts with the whole text, parentheses and all.
        var single = Entry(plan, "1-(1)-④");
        Assert.Equal("ハローワーク求人情報（常用・パート）を市庁舎や市民サービスセンターに掲示し、最新の情報を提供する。", single.Parts.Single().Results);
        Assert.Equal(new ThousandYen(1200), single.Parts.Single().InitialBudget);
    }

    [Fact]
    public void Approving_every_part_untouched_leaves_every_stored_value_as_it_was()
    {
        var plan = AkitaWithResults();
        var before = EntriesOf(plan);
        var year = plan.OpenYear(R3, null, Now);
        // Texts come back from a browser with CRLF line endings and are still the same words.
        foreach (var part in plan.Measures.SelectMany(m => m.Entries).SelectMany(e => e.Parts).Where(p => p.Results is not null))
            SubmitAndApprove(part, year, part.Content with { Results = part.Results!.ReplaceLineEndings("\r\n") });
        // 4-(1)-③ names its second department with no words of its own, so only that department has to write its results.
        var unwritten = Assert.Single(plan.Measures.SelectMany(m => m.Entries).SelectMany(e => e.Parts), p => p.Results is null);
        Assert.Equal("子ども未来センター・少年指導センター", unwritten.Department.Name);
        SubmitAndApprove(unwritten, year, unwritten.Content with { Results = "補助金を交付した。" });

        var expected = before.Select(e => e.Measure == "4-(1)-③"
            ? e with { Results = "保護司会へ補助金を交付するとともに、市職員退職者に保護司への就任を促進する機会を提供する。（福祉総務課） 補助金を交付した。（子ども未来センター・少年指導センター）" }
            : e).ToList();
        Assert.Equal(expected, EntriesOf(plan));
    }

    [Fact]
    public void A_department_that_rewrites_its_share_changes_only_its_own_words()
    {
        var plan = AkitaWithResults();
        var year = plan.OpenYear(R3, null, Now);
        var entry = Entry(plan, "1-(1)-⑤");
        SubmitAndApprove(Part(entry, "福祉総務課"), year);
        SubmitAndApprove(Part(entry, "保護第一課"), year, Part(entry, "保護第一課").Content with { Results = "就職者は12人だった。" });
        SubmitAndApprove(Part(entry, "保護第二課"), year);

        Assert.Equal("生活保護受給者等就労自立促進事業の活用等により、ハローワークとの連携を図りながら支援を実施する。（福祉総務課） 就職者は12人だった。（保護第一課） "
            + "関係機関との連携により、就職までのきめ細かな支援のほか、就職後の定着支援にも努めていく。（保護第二課）", entry.Results);
        Assert.StartsWith("生活保護受給者等就労自立促進事業", entry.PlannedWork);
        Assert.Contains("（保護第一課、保護第二課）", entry.PlannedWork);
        Assert.Equal((new ThousandYen(1200), new ThousandYen(980), "B"), (entry.InitialBudget, entry.FinalBudget, entry.Grade));
    }

    [Fact]
    public void A_value_a_department_clears_is_cleared_and_one_nobody_touched_is_kept()
    {
        var plan = AkitaWithResults();
        var year = plan.OpenYear(R3, null, Now);
        var entry = Entry(plan, "1-(1)-①");
        SubmitAndApprove(entry.Parts.Single(), year, entry.Parts.Single().Content with { Budget = entry.Parts.Single().Budget.With(BudgetAmount.Final, null, null, null) });

        Assert.Null(entry.FinalBudget);
        Assert.Equal(new ThousandYen(1200), entry.InitialBudget);
        Assert.StartsWith("安定した就労先と職業体験機会の提供", entry.Results);
    }

    [Fact]
    public void Shared_budgets_start_on_the_lead_part_and_an_amount_another_department_enters_is_added()
    {
        var plan = AkitaWithResults();
        var year = plan.OpenYear(R3, null, Now);
        var entry = Entry(plan, "1-(1)-⑤");
        SubmitAndApprove(Part(entry, "福祉総務課"), year);
        SubmitAndApprove(Part(entry, "保護第一課"), year, Part(entry, "保護第一課").Content with { Budget = Part(entry, "保護第一課").Budget.With(BudgetAmount.Initial, null, null, new ThousandYen(300)) });
        SubmitAndApprove(Part(entry, "保護第二課"), year);

        Assert.Equal(new ThousandYen(1500), entry.InitialBudget);
        Assert.Equal(new ThousandYen(980), entry.FinalBudget);
    }

    [Fact]
    public void A_part_returned_after_approval_and_approved_again_unchanged_leaves_the_composed_entry_alone()
    {
        var plan = AkitaWithResults();
        var year = plan.OpenYear(R3, null, Now);
        var entry = Entry(plan, "2-(1)-①");
        SubmitAndApprove(Part(entry, "障がい福祉課"), year, Part(entry, "障がい福祉課").Content with { Results = "相談に12件応じた。" });
        SubmitAndApprove(Part(entry, "長寿福祉課"), year);
        SubmitAndApprove(Part(entry, "介護保険課"), year);
        var composed = EntriesOf(plan);

        Part(entry, "長寿福祉課").Return("件数を確認してください。", year);
        SubmitAndApprove(Part(entry, "長寿福祉課"), year);

        Assert.Equal(composed, EntriesOf(plan));
        Assert.StartsWith("相談に12件応じた。（障がい福祉課） 犯罪を犯した高齢者が", entry.Results);
    }

    [Fact]
    public void Split_and_join_are_inverse_on_every_shared_text_of_akitas_sheet()
    {
        var (organisation, _) = SeedFile.Akita.ImportText();
        var shared = organisation.Plans.Single().Measures.Where(m => m.Departments.Count > 1).ToList();
        Assert.Equal(3, shared.Count(m => m.Entries.Single().PlannedWork!.Contains('課')));
        foreach (var measure in shared)
        {
            var names = measure.Departments.OrderBy(d => d.Order).Select(d => d.Department.Name).ToList();
            var written = measure.Entries.Single().PlannedWork;
            // Each department's words, as the split reads them from the sheet.
            var words = names.Select(n => string.Join(" ", YearlyEntry.SplitByDepartment(written, names).Where(p => p.Departments.Contains(n) && p.Text.Length > 0).Select(p => p.Text))).ToList();
            var joined = YearlyEntry.JoinByDepartment(names.Zip(words, (n, w) => (n, (string?)w)).ToList());
            var again = names.Select(n => string.Join(" ", YearlyEntry.SplitByDepartment(joined, names).Where(p => p.Departments.Contains(n)).Select(p => p.Text))).ToList();
            Assert.Equal(words, again);
            Assert.Equal(joined, YearlyEntry.JoinByDepartment(names.Zip(again, (n, w) => (n, (string?)w)).ToList()));
        }
    }

    [Fact]
    public void Joined_text_with_its_own_parentheses_splits_back_into_each_departments_words()
    {
        string[] names = ["福祉総務課", "保護第一課", "保護第二課"];
        (string, string?)[] parts = [("福祉総務課", "求人情報（常用・パート）を掲示した。"), ("保護第一課", "面談を行った。"), ("保護第二課", "面談を行った。")];
        var joined = YearlyEntry.JoinByDepartment(parts);
        Assert.Equal("求人情報（常用・パート）を掲示した。（福祉総務課） 面談を行った。（保護第一課、保護第二課）", joined);
        var split = YearlyEntry.SplitByDepartment(joined, names);
        Assert.Equal([["福祉総務課"], ["保護第一課", "保護第二課"]], split.Select(p => p.Departments.ToArray()));
        Assert.Equal(["求人情報（常用・パート）を掲示した。", "面談を行った。"], split.Select(p => p.Text));
    }

    [Fact]
    public void Text_marked_with_the_name_the_sheet_wrote_a_department_under_goes_to_that_departments_part()
    {
        var miyagi = new Organisation(LocalGovernmentCode.Parse("040002"), "宮城県");
        var plan = miyagi.AddPlan("宮城県再犯防止推進計画", 1, FiscalYear.Parse("R2"), FiscalYear.Parse("R6"));
        plan.SetLevels([new("施策"), new("事業")]);
        var measure = plan.AddMeasure("1", plan.AddNode(null, "1", "就労"), "1", "就労支援", null);
        var welfare = miyagi.ResolveDepartment("社会福祉課・団体指導班");
        Assert.NotEqual("社会福祉課・団体指導班", welfare.Name);
        measure.AssignDepartment(welfare, "社会福祉課・団体指導班");
        measure.AssignDepartment(miyagi.ResolveDepartment("雇用対策課"));
        measure.EntryFor(FiscalYear.Parse("R5")).Results = "協力団体を支援した。（社会福祉課・団体指導班） 求人を開拓した。（雇用対策課）";

        plan.OpenYear(FiscalYear.Parse("R5"), null, Now);

        var parts = measure.Entries.Single().PartsInOrder();
        Assert.Equal(["協力団体を支援した。", "求人を開拓した。"], parts.Select(p => p.Results));
    }

    private static readonly string[] Header = ["番号", "取組", "所管課", "令和6年度評価", "令和6年度実施内容", "令和6年度最終予算額"];

    private static ImportReport ImportTsv(Organisation organisation, params string[][] rows) =>
        PlanImporter.Run(organisation, WorkbookReader.Read("sheet.tsv",
            new MemoryStream(Encoding.UTF8.GetBytes(string.Concat(rows.Select(r => string.Join('\t', r) + "\n")))), ReadLimits.Default), new ImportOptions());

    [Fact]
    public void An_empty_cell_in_a_reimported_sheet_never_clears_a_stored_value_but_a_dash_says_there_is_no_budget()
    {
        var organisation = new Organisation(LocalGovernmentCode.Parse("212105"), "恵那市");
        Assert.Empty(ImportTsv(organisation, Header, ["1-1", "就労支援", "商工課", "A", "説明会を2回開いた。", "1,200"]).Errors);
        var entry = organisation.Plans.Single().Measures.Single().Entries.Single();
        entry.IssuesAndDirection = "参加者を増やす。";

        var blank = ImportTsv(organisation, Header, ["1-1", "就労支援", "商工課", "", "", ""]);
        Assert.Empty(blank.Errors);
        Assert.Equal(("A", "説明会を2回開いた。", new ThousandYen(1200), "参加者を増やす。"), (entry.Grade, entry.Results, entry.FinalBudget, entry.IssuesAndDirection));
        Assert.Equal(1, blank.Counts.EntriesUnchanged);

        Assert.Empty(ImportTsv(organisation, Header, ["1-1", "就労支援", "商工課", "", "", "-"]).Errors);
        Assert.Null(entry.FinalBudget);
        Assert.Equal("説明会を2回開いた。", entry.Results);
    }
}
