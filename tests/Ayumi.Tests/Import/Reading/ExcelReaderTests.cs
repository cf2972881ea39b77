using Ayumi.Features.Import.Reading;
using static Ayumi.Tests.Import.Reading.Reading;

namespace Ayumi.Tests.Import.Reading;

/// <summary>One workbook, written as .xlsx with shared strings, with inline strings, and converted to a legacy .xls: all three read alike.</summary>
public sealed class SampleWorkbooks
{
    public const string Measure = "保護観察少年に対する\n職業定着支援";

    public SampleWorkbooks()
    {
        Xlsx = Build(inlineStrings: false);
        Files = new Dictionary<string, byte[]>
        {
            ["sample.xlsx"] = Xlsx,
            ["inline.xlsx"] = Build(inlineStrings: true),
            ["sample.xls"] = LibreOffice.ConvertToXls(Xlsx),
        };
    }

    public byte[] Xlsx { get; }

    public IReadOnlyDictionary<string, byte[]> Files { get; }

    private static byte[] Build(bool inlineStrings) => new XlsxBuilder(inlineStrings)
        .Sheet("進行管理", s =>
        {
            s.Row(1, "恵那市 進行管理シート");
            s.Row(3, "番号", "事業名", "予算", "評価", "備考", "日時");
            s.Row(4, 1d, Measure, 2362d, true, new DateTime(2024, 4, 1), new DateTime(2024, 4, 1, 9, 30, 0));
            s.Row(5, 0.5, "=SUM(A1)", 0.1 + 0.2, false, "a\r\nb", DateTime.FromOADate(9.5 / 24));
            s.Row(6, "隠れた行");
            s.Row(7, 1234567.25, "-5", "@x", "+1");
            s.Formula("C8", "SUM(C4:C7)", 2362.3);
            s.Formula("D8", "\"計\"&\"画\"", "計画");
            s.Merge("A1:D1");
            s.Merge("E4:E5");
            s.Hide(6);
        })
        .Sheet("空", _ => { })
        .Sheet("リスト", s => s.Row(1, "A(予定通り進行)").Row(2, "B(予定を変更、修正して進行)"), hidden: true)
        .Sheet("第2表", s => s.Row(2, "2枚目"))
        .ToBytes();
}

public class ExcelReaderTests(SampleWorkbooks samples) : IClassFixture<SampleWorkbooks>
{
    public static TheoryData<string> Files => ["sample.xlsx", "inline.xlsx", "sample.xls"];

    private Workbook ReadSample(string file) => Read(file, samples.Files[file]);

    private Sheet Progress(string file) => ReadSample(file).Sheets[0];

    [Theory, MemberData(nameof(Files))]
    public void Every_sheet_is_read_in_order_with_its_name(string file)
    {
        var book = ReadSample(file);

        Assert.Equal(Path.GetExtension(file)[1..], book.Format);
        Assert.Equal(["進行管理", "空", "リスト", "第2表"], book.Sheets.Select(s => s.Name));
        Assert.Equal([false, false, true, false], book.Sheets.Select(s => s.IsHidden));
        Assert.Empty(book.Sheets[1].Rows);
        Assert.Equal("2枚目", book.Sheets[3].Rows.Single(r => !r.IsBlank)[0]);
    }

    [Theory, MemberData(nameof(Files))]
    public void Row_numbers_are_the_sheet_row_numbers_even_after_empty_rows(string file)
    {
        var rows = Progress(file).Rows;

        Assert.Equal(Enumerable.Range(1, 8), rows.Select(r => r.Number));
        Assert.True(rows[1].IsBlank);
        Assert.Equal("番号", rows[2][0]);
        Assert.Equal(2, ReadSample(file).Sheets[3].Rows.Single(r => !r.IsBlank).Number);
    }

    [Theory, MemberData(nameof(Files))]
    public void Cells_read_as_a_user_sees_them(string file)
    {
        var rows = Progress(file).Rows;

        Assert.Equal(["1", SampleWorkbooks.Measure, "2362", "TRUE", "2024-04-01", "2024-04-01"], rows[3].Cells);
        Assert.Equal(["0.5", "=SUM(A1)", "0.3", "FALSE", "a\nb", "9:30"], rows[4].Cells);
        Assert.Equal(["1234567.25", "-5", "@x", "+1"], rows[6].Cells);
    }

    [Theory, MemberData(nameof(Files))]
    public void Formulas_give_their_cached_value(string file)
    {
        var total = Progress(file).Rows[7];

        Assert.Equal("2362.3", total[2]);
        Assert.Equal("計画", total[3]);
    }

    [Theory, MemberData(nameof(Files))]
    public void Merged_ranges_use_sheet_rows_and_zero_based_columns(string file)
    {
        var sheet = Progress(file);

        Assert.Equal([new CellRange(1, 1, 0, 3), new CellRange(4, 5, 4, 4)], sheet.Merges.OrderBy(m => m.FirstRow));
        Assert.Equal(new CellRange(4, 5, 4, 4), sheet.MergeAt(5, 4));
        Assert.Null(sheet.MergeAt(2, 0));
    }

    [Theory, MemberData(nameof(Files))]
    public void Hidden_rows_are_flagged(string file)
    {
        var rows = Progress(file).Rows;

        Assert.Equal([6], rows.Where(r => r.IsHidden).Select(r => r.Number));
        Assert.Equal("隠れた行", rows[5][0]);
    }

    [Fact]
    public void The_extension_does_not_decide_the_format()
    {
        var book = Read("renamed.csv", samples.Xlsx);
        Assert.Equal("xlsx", book.Format);
    }

    [Fact]
    public void Progress_is_reported_every_500_rows_and_at_the_end()
    {
        var bytes = new XlsxBuilder().Sheet("a", s =>
        {
            for (var row = 1; row <= 700; row++) s.Row(row, row);
        }).Sheet("b", s =>
        {
            for (var row = 1; row <= 500; row++) s.Row(row, "x");
        }).ToBytes();
        var reports = new Reports();

        Read("long.xlsx", bytes, rowsRead: reports);

        Assert.Equal([500, 1000, 1200], reports.Values);
    }
}
