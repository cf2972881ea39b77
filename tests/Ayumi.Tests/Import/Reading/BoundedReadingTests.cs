using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Ayumi.Benchmarks;
using Ayumi.Features.Import.Reading;
using static Ayumi.Tests.Import.Reading.Reading;

namespace Ayumi.Tests.Import.Reading;

/// <summary>
/// Files crafted to tie up the server (issue 15, failure 9) are refused within a second or two,
/// with the limit in the message; a reader can be cancelled between rows; a large legitimate
/// workbook is still read.
/// </summary>
public class BoundedReadingTests
{
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(3);

    [Theory]
    [InlineData("encryptioninfo", "encryptedpackage")]
    [InlineData("ENCRYPTIONINFO", "ENCRYPTEDPACKAGE")]
    [InlineData("encryptionInfo", "encryptedPackage")]
    public void An_encrypted_workbook_is_refused_as_password_protected_whatever_the_case_of_its_stream_names(string info, string package)
    {
        // Excel's own spin count is 100,000; the crafted file asks for 100 million hashes, minutes of a core.
        var file = CraftedUploads.EncryptedWorkbook(info, package, spinCount: 100_000_000);
        var clock = Stopwatch.StartNew();

        var problem = Refusal("locked.xlsx", file);

        Assert.Equal("import.passwordProtected", problem.Key);
        Assert.True(clock.Elapsed < Quickly, $"refused after {clock.Elapsed}");
    }

    [Theory]
    [InlineData("encryptedpackage")]
    [InlineData("EncryptionInfo")]
    public void One_of_the_two_encryption_streams_is_enough_to_tell_an_encrypted_workbook(string stream)
    {
        var file = CraftedUploads.CompoundFile((stream, new byte[16]));
        Assert.Equal("import.passwordProtected", Refusal("locked.xlsx", file).Key);
    }

    [Fact]
    public void A_legacy_xls_is_read_whatever_the_case_of_its_workbook_stream()
    {
        var xls = LibreOffice.ConvertToXls(new XlsxBuilder().Sheet("進行管理", s => s.Row(1, "番号", "事業名").Row(2, "1", "就労支援")).ToBytes());

        foreach (var name in new[] { "workbook", "WORKBOOK" })
        {
            var sheet = Read("old.xls", CraftedUploads.RenameCompoundEntry(xls, "Workbook", name)).Sheets.Single();
            Assert.Equal(["1", "就労支援"], sheet.Rows[1].Cells);
        }
    }

    [Fact]
    public void A_small_workbook_that_expands_to_200_MB_is_refused_within_seconds_with_the_limit()
    {
        var bomb = CraftedUploads.ExpandingWorkbook();
        Assert.True(bomb.Length < 1024 * 1024, $"the crafted file is {bomb.Length} bytes");
        var clock = Stopwatch.StartNew();

        var problem = Refusal("expanding.xlsx", bomb);

        Assert.True(clock.Elapsed < Quickly, $"refused after {clock.Elapsed}");
        Assert.Equal("import.zipBomb", problem.Key);
        Assert.Equal(64d, problem.Arguments[1]);
    }

    [Fact]
    public void A_part_that_declares_fewer_bytes_than_it_holds_is_refused_as_damaged()
    {
        var xlsx = new XlsxBuilder().Sheet("進行管理", s =>
        {
            for (var row = 1; row <= 2000; row++) s.Row(row, $"{row}", "就労支援の取組");
        }).ToBytes();

        var problem = Refusal("lying.xlsx", DeclareSize(xlsx, "xl/worksheets/sheet1.xml", 1000));

        Assert.Equal("import.corruptWorkbook", problem.Key);
    }

    [Fact]
    public void Cells_are_counted_as_they_are_read_when_a_sheet_declares_a_smaller_used_range()
    {
        var rows = string.Concat(Enumerable.Range(1, 3000).Select(r => $"<row r=\"{r}\"><c r=\"A{r}\" t=\"inlineStr\"><is><t>就労</t></is></c></row>"));
        var xlsx = MinimalXlsx($"<dimension ref=\"A1\"/><sheetData>{rows}</sheetData>");

        var problem = Refusal("small-range.xlsx", xlsx, new ReadLimits(MaxCells: 1000));

        Assert.Equal("import.tooManyCells", problem.Key);
        Assert.Equal(1000L, problem.Arguments[4]);
    }

    [Fact]
    public void Empty_rows_count_as_cells_so_a_million_of_them_is_refused()
    {
        var xlsx = MinimalXlsx("<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>番号</t></is></c></row><row r=\"1048576\"/></sheetData>");

        Assert.Equal("import.tooManyCells", Refusal("tall.xlsx", xlsx, new ReadLimits(MaxCells: 100_000)).Key);
    }

    [Fact]
    public void A_text_row_of_more_empty_cells_than_the_limit_is_refused_with_the_limit()
    {
        var commas = Encoding.UTF8.GetBytes("番号,事業名\n" + new string(',', 5000) + "\n");

        var problem = Refusal("commas.csv", commas, new ReadLimits(MaxCells: 1000));

        Assert.Equal("import.tooManyCells", problem.Key);
        Assert.Equal(2, problem.Arguments[2]);
    }

    [Theory]
    [InlineData("book.xlsx")]
    [InlineData("sheet.csv")]
    public void A_cancelled_read_stops(string fileName)
    {
        var content = fileName.EndsWith(".csv")
            ? Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(1, 2000).Select(r => $"{r},就労支援\n")))
            : new XlsxBuilder().Sheet("進行管理", s =>
            {
                for (var row = 1; row <= 2000; row++) s.Row(row, $"{row}", "就労支援");
            }).ToBytes();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            WorkbookReader.Read(fileName, new MemoryStream(content), ReadLimits.Default, cancellationToken: cancelled.Token));
    }

    [Fact]
    public void The_import_benchmarks_10000_measure_workbook_is_read_under_the_default_limits()
    {
        var workbook = Read(ImportWorkbook.FileName, ImportWorkbook.Create());

        Assert.Equal(ImportWorkbook.HeaderRow + 10_000, workbook.Sheets.Single().Rows.Count);
    }

    /// <summary>Rewrites the uncompressed size an entry declares, in its local header and in the central directory.</summary>
    private static byte[] DeclareSize(byte[] zip, string entryName, uint size)
    {
        var bytes = zip.ToArray();
        var name = Encoding.UTF8.GetBytes(entryName);
        for (var at = 0; at + 46 < bytes.Length; at++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at));
            var (sizeAt, nameAt) = signature switch
            {
                0x04034B50 => (22, 30),
                0x02014B50 => (24, 46),
                _ => (-1, -1),
            };
            if (sizeAt < 0 || !bytes.AsSpan(at + nameAt).StartsWith(name)) continue;
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + sizeAt), size);
        }
        return bytes;
    }

    /// <summary>An .xlsx of one sheet whose worksheet element holds exactly <paramref name="sheetContent"/>.</summary>
    private static byte[] MinimalXlsx(string sheetContent)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create))
        {
            void Part(string name, string content)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(content);
            }
            Part("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Part("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " +
                "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"進行管理\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            Part("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
            Part("xl/worksheets/sheet1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" +
                sheetContent + "</worksheet>");
        }
        return memory.ToArray();
    }
}
