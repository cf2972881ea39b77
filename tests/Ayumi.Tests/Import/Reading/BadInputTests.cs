using System.IO.Compression;
using System.Text;
using Ayumi.Features.Import.Reading;
using static Ayumi.Tests.Import.Reading.Reading;

namespace Ayumi.Tests.Import.Reading;

/// <summary>A file that cannot be read is refused with its own message and the place it went wrong, never with a library's exception.</summary>
public class BadInputTests
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(20240401).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Zip(params (string Name, Action<Stream> Write)[] entries)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create))
            foreach (var (name, write) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                write(stream);
            }
        return memory.ToArray();
    }

    [Fact]
    public void A_png_is_not_a_spreadsheet()
    {
        byte[] png = [0x89, .. "PNG\r\n\x1A\n"u8, 0, 0, 0, 13, .. "IHDR"u8, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];
        Assert.Equal("import.notSpreadsheet", Refusal("photo.png", png).Key);
    }

    [Fact]
    public void A_pdf_is_not_a_spreadsheet_even_when_named_csv()
    {
        var pdf = Utf8("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        Assert.Equal("import.notSpreadsheet", Refusal("report.csv", pdf).Key);
    }

    [Fact]
    public void Random_binary_is_not_a_spreadsheet_even_when_named_xlsx()
    {
        Assert.Equal("import.notSpreadsheet", Refusal("data.xlsx", RandomBytes(4096)).Key);
    }

    [Fact]
    public void A_zip_without_a_workbook_is_not_a_spreadsheet()
    {
        var docx = Zip(("word/document.xml", s => s.Write("<w:document/>"u8)));
        Assert.Equal("import.notSpreadsheet", Refusal("letter.xlsx", docx).Key);
    }

    [Fact]
    public void A_truncated_xlsx_is_a_corrupt_workbook()
    {
        var xlsx = new XlsxBuilder().Sheet("進行管理", s => s.Row(1, "番号")).ToBytes();
        var problem = Refusal("truncated.xlsx", xlsx[..(xlsx.Length / 2)]);
        Assert.Equal("import.corruptWorkbook", problem.Key);
    }

    [Fact]
    public void An_xlsx_whose_parts_are_not_xml_is_a_corrupt_workbook()
    {
        var xlsx = Zip(("[Content_Types].xml", s => s.Write("not xml"u8)), ("xl/workbook.xml", s => s.Write("not xml either"u8)));
        Assert.Equal("import.corruptWorkbook", Refusal("broken.xlsx", xlsx).Key);
    }

    [Fact]
    public void A_broken_compound_file_is_a_corrupt_workbook()
    {
        byte[] xls = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. RandomBytes(4088)];
        Assert.Equal("import.corruptWorkbook", Refusal("broken.xls", xls).Key);
    }

    [Fact]
    public void An_encrypted_xlsx_is_password_protected()
    {
        var problem = Refusal("locked.xlsx", CraftedUploads.EncryptedWorkbook("EncryptionInfo", "EncryptedPackage"));
        Assert.Equal("import.passwordProtected", problem.Key);
        Assert.Null(problem.Where.Row);
    }

    [Fact]
    public void A_zip_expanding_past_the_limit_is_a_zip_bomb_with_the_limit_in_megabytes()
    {
        var xlsx = Zip(("xl/workbook.xml", s => s.Write(new byte[1024 * 1024 + 1])));
        var problem = Refusal("bomb.xlsx", xlsx, new ReadLimits(MaxExpandedBytes: 1024 * 1024));
        Assert.Equal("import.zipBomb", problem.Key);
        Assert.Equal(1d, problem.Arguments[1]);
    }

    [Fact]
    public void A_large_entry_compressed_more_than_100_to_1_is_refused_with_its_name()
    {
        var zeros = new byte[64 * 1024];
        var xlsx = Zip(("xl/workbook.xml", _ => { }), ("xl/worksheets/sheet1.xml", s =>
        {
            for (var i = 0; i < 11 * 16; i++) s.Write(zeros);
        }));
        Assert.True(xlsx.Length < 100 * 1024);

        var problem = Refusal("dense.xlsx", xlsx);
        Assert.Equal("import.overCompressed", problem.Key);
        Assert.Equal("xl/worksheets/sheet1.xml", problem.Arguments[1]);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_with_the_limit_in_megabytes()
    {
        var problem = Refusal("big.csv", new byte[1024 * 1024 + 1], new ReadLimits(MaxFileBytes: 1024 * 1024));

        Assert.Equal("import.fileTooLarge", problem.Key);
        Assert.Equal(1d, problem.Arguments[1]);
    }

    [Fact]
    public void An_endless_upload_is_refused_after_reading_one_byte_past_the_limit()
    {
        var upload = new EndlessStream();

        var problem = Refusal("endless.csv", upload, new ReadLimits(MaxFileBytes: 100_000));

        Assert.Equal("import.fileTooLarge", problem.Key);
        Assert.Equal(100_001, upload.BytesRead);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x20, 0x0D, 0x0A, 0x09, 0x0A })]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF })]
    [InlineData(new byte[] { 0x2C, 0x2C, 0x0A, 0x2C, 0x2C, 0x0A })]
    public void A_text_file_without_data_is_empty(byte[] content)
    {
        Assert.Equal("import.emptyFile", Refusal("empty.csv", content).Key);
    }

    [Fact]
    public void A_workbook_without_sheets_is_empty()
    {
        Assert.Equal("import.emptyFile", Refusal("none.xlsx", new XlsxBuilder().ToBytes()).Key);
    }

    [Fact]
    public void A_workbook_of_empty_sheets_is_empty()
    {
        var xlsx = new XlsxBuilder().Sheet("Sheet1", _ => { }).Sheet("Sheet2", s => s.Row(3, "", " ")).ToBytes();
        Assert.Equal("import.emptyFile", Refusal("blank.xlsx", xlsx).Key);
    }

    [Fact]
    public void Text_in_neither_utf8_nor_shift_jis_names_its_line()
    {
        byte[] latin1 = [.. Utf8("番号,事業名\n1,就労\n"), .. "caf"u8, 0xE9, .. "\n"u8];

        var problem = Refusal("latin1.csv", latin1);

        Assert.Equal("import.undecodableText", problem.Key);
        Assert.Equal(3, problem.Where.Row);
        Assert.Equal(3, problem.Arguments[1]);
    }

    [Fact]
    public void A_damaged_utf8_file_names_the_damaged_line()
    {
        var good = Utf8(string.Concat(Enumerable.Repeat("就労支援,住居確保\n", 39)));
        byte[] damaged = [.. good, .. Utf8("相談")[..4], .. "\n"u8];

        Assert.Equal(40, Refusal("damaged.csv", damaged).Where.Row);
    }

    [Fact]
    public void Bytes_that_shift_jis_never_uses_are_not_taken_for_text()
    {
        byte[] text = [.. "a\r\nb\r\n"u8, 0xFD, 0xFE, .. "\r\n"u8];
        Assert.Equal(3, Refusal("odd.txt", text).Where.Row);
    }

    [Fact]
    public void An_unclosed_quote_names_the_line_and_column_where_it_starts()
    {
        var problem = Refusal("quote.csv", Utf8("番号,事業名\n1,\"就労支援\n2,住居確保\n"));

        Assert.Equal("import.unclosedQuote", problem.Key);
        Assert.Equal((2, 1), (problem.Where.Row, problem.Where.Column));
        Assert.Equal("B", problem.Arguments[2]);
    }

    [Fact]
    public void A_sheet_spanning_too_many_cells_is_refused_before_it_is_read()
    {
        var xlsx = new XlsxBuilder().Sheet("広い", s => s.Row(1, "番号").Cell("Z100", "遠いセル")).ToBytes();

        var problem = Refusal("wide.xlsx", xlsx, new ReadLimits(MaxCells: 1000));

        Assert.Equal("import.tooManyCells", problem.Key);
        Assert.Equal("広い", problem.Where.Sheet);
        Assert.Equal([100, 26, 1000L], problem.Arguments.Skip(2));
    }

    /// <summary>An upload that never ends and cannot tell its length, like a request body.</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'a');
            BytesRead += count;
            return count;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
