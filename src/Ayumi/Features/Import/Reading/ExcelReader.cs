using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using ExcelDataReader;
using ExcelDataReader.Exceptions;

namespace Ayumi.Features.Import.Reading;

/// <summary>Reads .xlsx and legacy .xls workbooks with ExcelDataReader, after the checks it does not make itself.</summary>
internal static class ExcelReader
{
    /// <summary>Bombs compress far better than spreadsheets: 1 GB of zeros fits in 1 MB.</summary>
    private const int MaxCompressionRatio = 100;

    /// <summary>Small parts (styles, an empty sheet) legitimately compress that well; only large ones are judged by their ratio.</summary>
    private const long RatioCheckedFromBytes = 10 * 1024 * 1024;

    public static Workbook ReadXlsx(string fileName, byte[] bytes, ReadLimits limits, IProgress<int>? rowsRead, CancellationToken cancellationToken)
    {
        CheckZip(fileName, bytes, limits.MaxExpandedBytes, cancellationToken);
        return Read(fileName, "xlsx", bytes, limits, rowsRead, cancellationToken);
    }

    public static Workbook ReadXls(string fileName, byte[] bytes, ReadLimits limits, IProgress<int>? rowsRead, CancellationToken cancellationToken)
    {
        // Excel encrypts an .xlsx by wrapping it in a compound file beside an "EncryptionInfo"
        // stream; ExcelDataReader would first derive a key from the default password, hashing as
        // many times as the file says (minutes, for a crafted file), and could not be stopped.
        if (CompoundFile.IsEncryptedPackage(bytes)) throw ReadProblems.PasswordProtected(fileName);
        return Read(fileName, "xls", bytes, limits, rowsRead, cancellationToken);
    }

    private static void CheckZip(string fileName, byte[] bytes, long maxExpandedBytes, CancellationToken cancellationToken)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            long declared = 0;
            var hasWorkbook = false;
            foreach (var entry in zip.Entries)
            {
                declared += entry.Length;
                if (declared > maxExpandedBytes) throw ReadProblems.ZipBomb(fileName, maxExpandedBytes);
                if (entry.Length >= RatioCheckedFromBytes && entry.Length > entry.CompressedLength * MaxCompressionRatio)
                    throw ReadProblems.OverCompressed(fileName, entry.FullName, MaxCompressionRatio);
                hasWorkbook |= entry.FullName == "xl/workbook.xml";
            }
            // A .docx, an .ods or a plain archive is a zip too, but not one ExcelDataReader reads.
            if (!hasWorkbook) throw ReadProblems.NotSpreadsheet(fileName);
            CountInflatedBytes(fileName, zip, maxExpandedBytes, cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException)
        {
            throw ReadProblems.CorruptWorkbook(fileName, e);
        }
    }

    /// <summary>
    /// The sizes above are the zip's own word. Inflating every part once, into nothing, holds the
    /// bytes that really come out to the same limit, whatever the zip library does with a size
    /// that lies: a part that does not hold what it declares is damaged. This costs about a
    /// tenth of reading the XML, and nothing stays in memory.
    /// </summary>
    private static void CountInflatedBytes(string fileName, ZipArchive zip, long maxExpandedBytes, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            long inflated = 0;
            foreach (var entry in zip.Entries)
            {
                using var part = entry.Open();
                long inPart = 0;
                int read;
                while ((read = part.Read(buffer)) > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    inPart += read;
                    inflated += read;
                    if (inflated > maxExpandedBytes) throw ReadProblems.ZipBomb(fileName, maxExpandedBytes);
                }
                if (inPart != entry.Length)
                    throw ReadProblems.CorruptWorkbook(fileName, new InvalidDataException($"The part {entry.FullName} declares {entry.Length} bytes and holds {inPart}."));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static Workbook Read(string fileName, string format, byte[] bytes, ReadLimits limits, IProgress<int>? rowsRead, CancellationToken cancellationToken)
    {
        try
        {
            // Old .xls files without a code page record were written by Japanese Excel here, not Western European.
            var configuration = new ExcelReaderConfiguration { FallbackEncoding = Encoding.GetEncoding(932) };
            using var reader = ExcelReaderFactory.CreateReader(new MemoryStream(bytes), configuration);
            var sheets = new List<Sheet>();
            var rowsSoFar = 0;
            var cells = new CellCount(fileName, limits.MaxCells);
            for (var more = reader.ResultsCount > 0; more; more = reader.NextResult())
            {
                cancellationToken.ThrowIfCancellationRequested();
                // ExcelDataReader hands over every cell of the used range, empty or not.
                cells.Expect(reader.Name, reader.RowCount, reader.FieldCount);
                sheets.Add(ReadSheet(reader, cells, ref rowsSoFar, rowsRead, cancellationToken));
            }
            rowsRead?.Report(rowsSoFar);
            return new Workbook(fileName, format, sheets);
        }
        catch (InvalidPasswordException e)
        {
            throw ReadProblems.PasswordProtected(fileName, e);
        }
        catch (Exception e) when (e is not ImportFileException and not OperationCanceledException)
        {
            // Damaged files make ExcelDataReader fail in many ways (header, XML, index, end of stream).
            throw ReadProblems.CorruptWorkbook(fileName, e);
        }
    }

    private static Sheet ReadSheet(IExcelDataReader reader, CellCount cellCount, ref int rowsSoFar, IProgress<int>? rowsRead, CancellationToken cancellationToken)
    {
        var rows = new List<SheetRow>();
        // Read() also yields the empty rows before and between the stored ones, so the count is the sheet's row number.
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The used range a sheet declares may be smaller than what it holds, so the rows read count too.
            cellCount.Add(reader.Name, rows.Count + 1, reader.FieldCount);
            var cells = new string[reader.FieldCount];
            for (var column = 0; column < cells.Length; column++) cells[column] = CellText(reader.GetValue(column));
            rows.Add(SheetRows.Of(rows.Count + 1, reader.RowHeight == 0, cells));
            if (++rowsSoFar % WorkbookReader.ProgressEvery == 0) rowsRead?.Report(rowsSoFar);
        }
        // Read after the rows: an .xlsx stores its merges after the cells.
        var merges = (reader.MergeCells ?? [])
            .Select(m => new CellRange(m.FromRow + 1, m.ToRow + 1, m.FromColumn, m.ToColumn))
            .ToArray();
        return new Sheet(SheetRows.Clean(reader.Name), SheetRows.WithoutTrailingBlanks(rows), merges) { IsHidden = reader.VisibleState != "visible" };
    }

    private static readonly DateTime FirstDay = new(1900, 1, 1);

    private static string CellText(object? value) => value switch
    {
        null => "",
        string text => text.Replace("\r\n", "\n").Replace('\r', '\n'),
        double number => Number(number),
        bool flag => flag ? "TRUE" : "FALSE",
        // Excel keeps a time of day alone as a fraction of its day zero (1899-12-30); a date
        // shows as its day, as date formats show it, even when a time is stored with it.
        DateTime date => date.ToString(date < FirstDay ? "H:mm" : "yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>
    /// 15 significant digits and no exponent, as Excel shows a number: 0.1 + 0.2 is 0.3, not
    /// 0.30000000000000004. A tiny negative rounding error would print as "-0".
    /// </summary>
    private static string Number(double number)
    {
        var text = number.ToString("0.###############", CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }
}
