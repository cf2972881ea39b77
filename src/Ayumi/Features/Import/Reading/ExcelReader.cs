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

    public static Workbook ReadXlsx(string fileName, byte[] bytes, ReadLimits limits, IProgress<int>? rowsRead)
    {
        CheckZip(fileName, bytes, limits.MaxExpandedBytes);
        return Read(fileName, "xlsx", bytes, limits, rowsRead);
    }

    public static Workbook ReadXls(string fileName, byte[] bytes, ReadLimits limits, IProgress<int>? rowsRead)
    {
        // Excel encrypts an .xlsx by wrapping it in a compound file beside an "EncryptionInfo"
        // stream; ExcelDataReader would first spend a long key derivation trying the default password.
        if (CompoundFile.HasEntry(bytes, "EncryptionInfo")) throw ReadProblems.PasswordProtected(fileName);
        return Read(fileName, "xls", bytes, limits, rowsRead);
    }

    private static void CheckZip(string fileName, byte[] bytes, long maxExpandedBytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            // ZipArchive stops inflating an entry at its declared length, so the declared
            // lengths bound what ExcelDataReader can expand.
            long expanded = 0;
            var hasWorkbook = false;
            foreach (var entry in zip.Entries)
            {
                expanded += entry.Length;
                var large = entry.Length >= RatioCheckedFromBytes && entry.Length > entry.CompressedLength * MaxCompressionRatio;
                if (expanded > maxExpandedBytes || large) throw ReadProblems.ZipBomb(fileName);
                hasWorkbook |= entry.FullName == "xl/workbook.xml";
            }
            // A .docx, an .ods or a plain archive is a zip too, but not one ExcelDataReader reads.
            if (!hasWorkbook) throw ReadProblems.NotSpreadsheet(fileName);
        }
        catch (InvalidDataException e)
        {
            throw ReadProblems.CorruptWorkbook(fileName, e);
        }
    }

    private static Workbook Read(string fileName, string format, byte[] bytes, ReadLimits limits, IProgress<int>? rowsRead)
    {
        try
        {
            // Old .xls files without a code page record were written by Japanese Excel here, not Western European.
            var configuration = new ExcelReaderConfiguration { FallbackEncoding = Encoding.GetEncoding(932) };
            using var reader = ExcelReaderFactory.CreateReader(new MemoryStream(bytes), configuration);
            var sheets = new List<Sheet>();
            var rowsSoFar = 0;
            long cells = 0;
            for (var more = reader.ResultsCount > 0; more; more = reader.NextResult())
            {
                // ExcelDataReader hands over every cell of the used range, empty or not.
                cells += (long)reader.RowCount * reader.FieldCount;
                if (cells > limits.MaxCells) throw ReadProblems.TooManyCells(fileName, reader.Name, reader.RowCount, reader.FieldCount);
                sheets.Add(ReadSheet(reader, ref rowsSoFar, rowsRead));
            }
            rowsRead?.Report(rowsSoFar);
            return new Workbook(fileName, format, sheets);
        }
        catch (InvalidPasswordException e)
        {
            throw ReadProblems.PasswordProtected(fileName, e);
        }
        catch (Exception e) when (e is not ImportFileException)
        {
            // Damaged files make ExcelDataReader fail in many ways (header, XML, index, end of stream).
            throw ReadProblems.CorruptWorkbook(fileName, e);
        }
    }

    private static Sheet ReadSheet(IExcelDataReader reader, ref int rowsSoFar, IProgress<int>? rowsRead)
    {
        var rows = new List<SheetRow>();
        // Read() also yields the empty rows before and between the stored ones, so the count is the sheet's row number.
        while (reader.Read())
        {
            var cells = new string[reader.FieldCount];
            for (var column = 0; column < cells.Length; column++) cells[column] = CellText(reader.GetValue(column));
            rows.Add(SheetRows.Of(rows.Count + 1, reader.RowHeight == 0, cells));
            if (++rowsSoFar % WorkbookReader.ProgressEvery == 0) rowsRead?.Report(rowsSoFar);
        }
        // Read after the rows: an .xlsx stores its merges after the cells.
        var merges = (reader.MergeCells ?? [])
            .Select(m => new CellRange(m.FromRow + 1, m.ToRow + 1, m.FromColumn, m.ToColumn))
            .ToArray();
        return new Sheet(reader.Name, SheetRows.WithoutTrailingBlanks(rows), merges) { IsHidden = reader.VisibleState != "visible" };
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
