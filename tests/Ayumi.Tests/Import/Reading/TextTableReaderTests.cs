using System.Text;
using Ayumi.Features.Import.Reading;
using static Ayumi.Tests.Import.Reading.Reading;

namespace Ayumi.Tests.Import.Reading;

public class TextTableReaderTests
{
    private const string Measure = "保護観察少年に対する職業定着支援";

    static TextTableReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Utf8_with_a_byte_order_mark_is_read_without_the_mark()
    {
        var book = Read("計画.csv", [.. Encoding.UTF8.GetPreamble(), .. Utf8($"番号,事業名\n①,{Measure}\n")]);

        var sheet = Assert.Single(book.Sheets);
        Assert.Equal("計画", sheet.Name);
        Assert.Equal("csv", book.Format);
        Assert.Equal(["番号", "事業名"], sheet.Rows[0].Cells);
        Assert.Equal(["①", Measure], sheet.Rows[1].Cells);
    }

    [Fact]
    public void Utf8_without_a_byte_order_mark_is_read()
    {
        var book = Read("plan.csv", Utf8($"番号,事業名\n①,{Measure}\n"));
        Assert.Equal(Measure, book.Sheets[0].Rows[1][1]);
    }

    [Fact]
    public void Shift_jis_is_recognised_without_being_told()
    {
        var bytes = Encoding.GetEncoding(932).GetBytes($"番号,事業名\r\n①,{Measure}\r\n");
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(bytes));

        var rows = Read("shiftjis.csv", bytes).Sheets[0].Rows;

        Assert.Equal(["①", Measure], rows[1].Cells);
    }

    [Fact]
    public void Excel_unicode_text_in_utf16_is_read()
    {
        var book = Read("unicode.txt", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes($"番号\t事業名\r\n1\t{Measure}\r\n")]);
        Assert.Equal(["1", Measure], book.Sheets[0].Rows[1].Cells);
    }

    [Fact]
    public void Quoted_cells_keep_commas_quotes_and_line_breaks()
    {
        var text = "\"a,b\",\"say \"\"hi\"\"\",\"first\r\nsecond\"\r\nnext,row\r\n";

        var rows = Read("quoted.csv", Utf8(text)).Sheets[0].Rows;

        Assert.Equal(["a,b", "say \"hi\"", "first\nsecond"], rows[0].Cells);
        Assert.Equal(1, rows[0].Number);
        Assert.Equal(["next", "row"], rows[1].Cells);
        Assert.Equal(3, rows[1].Number);
    }

    [Fact]
    public void Cells_that_look_like_formulas_stay_text()
    {
        var rows = Read("formulas.csv", Utf8("=SUM(A1),+1,-2,@cmd\n")).Sheets[0].Rows;
        Assert.Equal(["=SUM(A1)", "+1", "-2", "@cmd"], rows[0].Cells);
    }

    [Fact]
    public void Row_numbers_are_line_numbers_with_blank_lines_kept()
    {
        var rows = Read("blank.csv", Utf8("a\r\n\r\nb\r\n\r\n\r\n")).Sheets[0].Rows;

        Assert.Equal([1, 2, 3], rows.Select(r => r.Number));
        Assert.True(rows[1].IsBlank);
    }

    [Fact]
    public void A_tsv_file_is_split_on_tabs_only()
    {
        var book = Read("plan.tsv", Utf8("番号\t事業名\n1\t就労支援, 住居確保\n"));

        Assert.Equal("tsv", book.Format);
        Assert.Equal(["1", "就労支援, 住居確保"], book.Sheets[0].Rows[1].Cells);
    }

    [Fact]
    public void A_csv_file_holding_only_tabs_is_read_as_tab_separated()
    {
        var book = Read("export.csv", Utf8("番号\t事業名\n1\t就労支援\n"));

        Assert.Equal("tsv", book.Format);
        Assert.Equal(["1", "就労支援"], book.Sheets[0].Rows[1].Cells);
    }

    [Fact]
    public void The_ena_city_seed_is_read_line_by_line()
    {
        using var file = File.OpenRead(TestPaths.Seed("ena-city.txt"));

        var book = WorkbookReader.Read("ena-city.txt", file, ReadLimits.Default);

        Assert.Equal("text", book.Format);
        var sheet = Assert.Single(book.Sheets);
        Assert.Equal("ena-city", sheet.Name);
        Assert.Equal(File.ReadAllLines(TestPaths.Seed("ena-city.txt")).Length, sheet.Rows.Count);
        Assert.Equal(28, sheet.Rows.Count);
        Assert.Equal("恵那市再犯防止推進計画 実施計画 進行管理シート", sheet.Rows[2][0]);
        var livelihood = sheet.Rows.Single(r => r[3] == "生活保護");
        Assert.Equal(11, livelihood.Number);
        Assert.Equal("A(予定通り進行)", livelihood[6]);
    }

    [Fact]
    public void Progress_is_reported_every_500_rows_and_at_the_end()
    {
        var reports = new Reports();
        var text = string.Concat(Enumerable.Range(1, 1200).Select(n => $"{n},row\n"));

        Read("long.csv", Utf8(text), rowsRead: reports);

        Assert.Equal([500, 1000, 1200], reports.Values);
    }
}
