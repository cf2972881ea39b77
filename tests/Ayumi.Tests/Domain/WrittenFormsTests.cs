using System.Globalization;
using Ayumi.Domain;
using Ayumi.Domain.WrittenForms;
using Ayumi.Features.Import.Layout;

namespace Ayumi.Tests.Domain;

/// <summary>The written forms of the sheets, each with the real strings of the five seeds and the forms people write.</summary>
public class WrittenFormsTests
{
    [Theory]
    [InlineData("令6評価", 2024, "評価")]
    [InlineData("R.6評価", 2024, "評価")]
    [InlineData("R6評価", 2024, "評価")]
    [InlineData("R6実施内容", 2024, "実施内容")]          // Ena
    [InlineData("R7実施予定", 2025, "実施予定")]          // Ena
    [InlineData("令和3年度取組予定", 2021, "取組予定")]    // Akita
    [InlineData("R5年度 最終予算額 【単位：千円】", 2023, "最終予算額")] // Miyagi
    [InlineData("R6年度の計画", 2024, "の計画")]          // Miyagi
    [InlineData("2024年度 評価", 2024, "評価")]
    [InlineData("FY2024評価", 2024, "評価")]
    [InlineData("Ｒ６評価", 2024, "評価")]
    public void A_heading_leading_with_a_fiscal_year_gives_the_year_and_its_field(string heading, int startYear, string rest)
    {
        var text = HeaderVocabulary.Normalise(heading);
        Assert.True(FiscalYearText.TryParseLeading(text, out var year, out var length));
        Assert.Equal(new FiscalYear(startYear), year);
        Assert.Equal(HeaderVocabulary.Normalise(rest), text[length..]);
        Assert.Equal(new FiscalYear(startYear), HeaderVocabulary.Recognise(heading)!.Year);
    }

    [Theory]
    [InlineData("令6", 2024)]
    [InlineData("R.6", 2024)]
    [InlineData("R6", 2024)]
    [InlineData("H29", 2017)]                 // Hyogo's baseline
    [InlineData("2017 (H29)", 2017)]
    [InlineData("2024年度", 2024)]
    [InlineData("FY2024", 2024)]
    [InlineData("令和元年度", 2019)]
    [InlineData("令和６年度", 2024)]
    [InlineData("Ｒ６", 2024)]
    public void A_whole_fiscal_year_is_read_in_every_form(string text, int startYear)
    {
        var whole = text.Split(' ')[0];
        Assert.True(FiscalYearText.TryParse(whole, out var year));
        Assert.Equal(new FiscalYear(startYear), year);
        Assert.Equal(year, FiscalYear.Parse(whole));
    }

    public static TheoryData<string> ExportedHeadings => new(
        // Progress toward a target (取組目標に対する実績) is Ayumi's reckoning, not a column the importer reads.
        ReportTemplate.BuiltIn.SelectMany(t => t.Columns).Where(c => c.IsYearly && c.Field != ReportField.TargetProgress && c.Heading.Contains(":R}")).Select(c => c.Heading).Distinct());

    /// <summary>Every yearly heading the export writes ({0:R}評価 → R6評価) is read back with its year.</summary>
    [Theory, MemberData(nameof(ExportedHeadings))]
    public void An_exported_heading_is_read_back_with_its_fiscal_year(string format)
    {
        var years = new object[] { new FiscalYear(2024), new FiscalYear(2025), new FiscalYear(2026), new FiscalYear(2023), "次期計画" };
        var heading = string.Format(CultureInfo.InvariantCulture, format, years);
        var offset = format.Contains("{1:") ? 1 : format.Contains("{2:") ? 2 : format.Contains("{3:") ? -1 : 0;
        Assert.Equal(new FiscalYear(2024 + offset), HeaderVocabulary.Recognise(heading)?.Year);
    }

    [Theory]
    [InlineData("事業終期のため、R3以降廃止", MeasureStatus.Ended, 2021)]                  // Miyagi
    [InlineData("事業組替(別財源の活用)に伴いR3以降廃止", MeasureStatus.Reorganised, 2021)] // Miyagi
    [InlineData("事業終期(組替)のため、R5以降廃止", MeasureStatus.Reorganised, 2023)]      // Miyagi
    [InlineData("令和元年度以降廃止", MeasureStatus.Discontinued, 2019)]
    [InlineData("H30以降終了", MeasureStatus.Discontinued, 2018)]
    [InlineData("Ｒ３以降廃止", MeasureStatus.Discontinued, 2021)]
    public void An_end_note_gives_the_status_and_the_year(string text, MeasureStatus status, int startYear) =>
        Assert.Equal(new EndNote(status, new FiscalYear(startYear)), SheetMarks.ReadEnd(text));

    [Theory]
    [InlineData("令和3年度取組予定")]
    [InlineData("事業推進上の課題・今後(令和7年度以降5か年)の方向性について")] // Miyagi's heading: a period, not an end
    [InlineData("令和6年度から令和8年度までの3か年、圏域ごとの雇用情勢に応じた求職者及び企業支援を集中的に実施する。")]
    public void Text_that_notes_no_end_is_no_end_note(string text) => Assert.Null(SheetMarks.ReadEnd(text));

    [Theory]
    [InlineData("精神保健福祉に関する相談※再掲", "精神保健福祉に関する相談")] // Akita
    [InlineData("薬物乱用防止教育※再掲", "薬物乱用防止教育")]
    [InlineData("就労支援(再掲)", "就労支援")]                                   // Miyagi
    [InlineData("就労支援（再掲）", "就労支援")]
    [InlineData("就労支援【再掲】", "就労支援")]
    public void A_relisting_mark_is_recognised_and_removed(string written, string title)
    {
        Assert.True(SheetMarks.IsRelisting(written));
        Assert.Equal(title, SheetMarks.WithoutRelisting(written));
        Assert.True(SheetMarks.IsRelisting(SheetMarks.Relisting(title)));
    }

    [Theory]
    [InlineData("(再掲) 相談支援")] // Komae writes the mark first, inside a text: not a relisted title
    [InlineData("再掲された事業の一覧")]
    public void A_title_merely_mentioning_再掲_is_no_relisting(string written) => Assert.False(SheetMarks.IsRelisting(written));

    [Theory]
    [InlineData("【県事業】秋田県が実施する事業", true)] // Akita
    [InlineData("県の事業と連携する", false)]
    public void The_prefecture_mark_is_recognised(string text, bool prefecture) => Assert.Equal(prefecture, SheetMarks.IsPrefectureRun(text));

    [Theory]
    [InlineData("A(予定通り進行) 9事業", "A(予定通り進行)", 9)]                 // Ena
    [InlineData("B(予定を変更、修正して進行) 0事業", "B(予定を変更、修正して進行)", 0)]
    [InlineData("D(その他) 3 事業", "D(その他)", 3)]
    [InlineData("12事業", null, 12)]
    [InlineData("合計 12事業", null, 12)]
    [InlineData("計 １２事業", null, 12)]
    public void A_tally_line_gives_its_grade_and_count(string text, string? grade, int count) =>
        Assert.Equal(new Tally(grade, count), SheetMarks.ReadTally(text));

    [Theory]
    [InlineData("合計", true)]
    [InlineData("計", true)]
    [InlineData("小計", true)]
    [InlineData("総計", true)]
    [InlineData("合　計", true)]
    [InlineData("計：", true)]
    [InlineData("計画", false)]
    [InlineData("会計年度任用職員の雇用", false)]
    public void A_total_label_is_recognised(string text, bool total) => Assert.Equal(total, SheetMarks.IsTotal(text));

    [Theory]
    [InlineData("(1)", 1)]
    [InlineData("（２）人件費", 2)]
    [InlineData("(3) 委託料", 3)]
    [InlineData("1-(1)-①", null)] // Akita's code
    [InlineData("協力雇用主の支援・拡大", null)]
    public void A_sub_item_line_gives_its_number(string text, int? number) => Assert.Equal(number, SheetMarks.SubItemNumber(text));

    [Theory]
    [InlineData("-", true)]   // Miyagi's "no budget"
    [InlineData("－", true)]
    [InlineData("―", true)]
    [InlineData("", true)]
    [InlineData("0", false)]
    [InlineData("143,082", false)]
    public void A_dash_means_nothing(string text, bool dash) => Assert.Equal(dash, SheetMarks.IsDash(text));

    [Theory]
    [InlineData("商工課", "商工課")]                                    // Ena
    [InlineData("社会福祉課(団体指導班)", "社会福祉課(団体指導班)")]      // Miyagi
    [InlineData("商工課\n社会福祉課", "商工課|社会福祉課")]               // a line-broken cell
    [InlineData("人事課、社会福祉課", "人事課|社会福祉課")]
    [InlineData("商工課・社会福祉課", "商工課|社会福祉課")]
    [InlineData("福祉総務課 障がい福祉課", "福祉総務課|障がい福祉課")]    // Akita
    [InlineData("社会福祉課・保護係", "社会福祉課・保護係")]               // one department: section and unit
    [InlineData("子ども未来センター・少年指導センター", "子ども未来センター・少年指導センター")] // Akita: one department
    public void A_department_cell_names_its_departments(string cell, string departments)
    {
        var paths = DepartmentList.Parse(cell);
        Assert.Equal(departments.Split('|'), paths.Select(p => p.Written));
        Assert.Equal(departments.Replace("|", "、"), DepartmentList.Format(paths.Select(p => p.Written)));
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(5, "F")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(27, "AB")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    public void Column_letters_go_both_ways(int column, string letters)
    {
        Assert.Equal(letters, ColumnLetters.Format(column));
        Assert.Equal(column, ColumnLetters.Parse(letters));
        Assert.Equal(column, ColumnLetters.Parse(letters.ToLowerInvariant()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("A1")]
    [InlineData("列")]
    public void Column_letters_refuse_anything_else(string text) => Assert.False(ColumnLetters.TryParse(text, out _));
}
