using System.Text;

namespace Ayumi.Features.Import.Reading;

/// <summary>
/// Reads an uploaded file into a <see cref="Workbook"/>, whatever its format. The format is
/// told by the content, because users rename files and Excel saves tab-separated text as .xls;
/// the extension only chooses the delimiter of a text file.
/// </summary>
public static class WorkbookReader
{
    /// <summary>How often the number of rows read so far is reported.</summary>
    internal const int ProgressEvery = 500;

    static WorkbookReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <exception cref="ImportFileException">The file cannot be read; its problem says where and why.</exception>
    /// <exception cref="OperationCanceledException">The reading was cancelled: the reader looks at the token between rows.</exception>
    public static Workbook Read(string fileName, Stream content, ReadLimits limits, IProgress<int>? rowsRead = null, CancellationToken cancellationToken = default)
    {
        var bytes = ReadAtMost(fileName, content, limits.MaxFileBytes);
        if (bytes.Length == 0) throw ReadProblems.EmptyFile(fileName);
        var workbook = Kind(bytes) switch
        {
            FileKind.Zip => ExcelReader.ReadXlsx(fileName, bytes, limits, rowsRead, cancellationToken),
            FileKind.Compound => ExcelReader.ReadXls(fileName, bytes, limits, rowsRead, cancellationToken),
            FileKind.Text => TextTableReader.Read(fileName, bytes, limits.MaxCells, rowsRead, cancellationToken),
            _ => throw ReadProblems.NotSpreadsheet(fileName),
        };
        if (workbook.Sheets.All(s => s.Rows.All(r => r.IsBlank))) throw ReadProblems.EmptyFile(fileName);
        return workbook;
    }

    /// <summary>Copies the content, refusing it as soon as it passes the limit so that a huge upload is never held in memory.</summary>
    private static byte[] ReadAtMost(string fileName, Stream content, long maxBytes)
    {
        if (content.CanSeek && content.Length - content.Position > maxBytes) throw ReadProblems.FileTooLarge(fileName, maxBytes);
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = content.Read(buffer, 0, (int)Math.Min(buffer.Length, maxBytes + 1 - copy.Length))) > 0)
        {
            copy.Write(buffer, 0, read);
            if (copy.Length > maxBytes) throw ReadProblems.FileTooLarge(fileName, maxBytes);
        }
        return copy.ToArray();
    }

    private enum FileKind { Zip, Compound, Text, Binary }

    private static ReadOnlySpan<byte> CompoundSignature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private static FileKind Kind(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("PK\x03\x04"u8) || bytes.StartsWith("PK\x05\x06"u8)) return FileKind.Zip;
        if (bytes.StartsWith(CompoundSignature)) return FileKind.Compound;
        if (TextTableReader.HasUtf16Mark(bytes)) return FileKind.Text;
        // A NUL byte near the start marks binary data (git's own test): text in UTF-8 or
        // Shift_JIS never holds one. A PDF may start with a few lines of plain ASCII, so it is named.
        if (bytes[..Math.Min(bytes.Length, 8000)].Contains((byte)0) || bytes.StartsWith("%PDF-"u8)) return FileKind.Binary;
        return FileKind.Text;
    }
}
