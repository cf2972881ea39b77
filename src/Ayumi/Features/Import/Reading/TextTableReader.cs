using System.Text;

namespace Ayumi.Features.Import.Reading;

/// <summary>
/// Reads CSV, TSV and tab-separated text (such as the seeds) into a one-sheet workbook. The
/// encoding is found, never asked: users do not know whether Excel saved UTF-8 or Shift_JIS.
/// </summary>
internal static class TextTableReader
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Encoding Utf16 = new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly Encoding Utf16BigEndian = new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);
    private static Encoding ShiftJis => Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    /// <summary>How many lines are looked at to tell a tab-separated file from a comma-separated one.</summary>
    private const int DelimiterSampleLines = 50;

    public static Workbook Read(string fileName, byte[] bytes, long maxCells, IProgress<int>? rowsRead, CancellationToken cancellationToken)
    {
        var text = Decode(fileName, bytes).Replace("\r\n", "\n").Replace('\r', '\n');
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var delimiter = Delimiter(extension, text);
        var sheetName = Path.GetFileNameWithoutExtension(fileName);
        var rows = Parse(fileName, text, delimiter, new TableBounds(sheetName, new CellCount(fileName, maxCells), rowsRead, cancellationToken));
        var format = extension == ".txt" ? "text" : delimiter == '\t' ? "tsv" : "csv";
        return new Workbook(fileName, format, [new Sheet(sheetName, rows, [])]);
    }

    /// <summary>What a parse reports to and is held to: progress, the cell limit (20 MB of commas are 20 million cells) and cancellation.</summary>
    private sealed record TableBounds(string SheetName, CellCount Cells, IProgress<int>? RowsRead, CancellationToken CancellationToken);

    private static ReadOnlySpan<byte> Utf8Mark => [0xEF, 0xBB, 0xBF];
    private static ReadOnlySpan<byte> Utf16Mark => [0xFF, 0xFE];
    private static ReadOnlySpan<byte> Utf16BigEndianMark => [0xFE, 0xFF];

    /// <summary>Excel's "Unicode text" is UTF-16 with a byte order mark.</summary>
    public static bool HasUtf16Mark(ReadOnlySpan<byte> bytes) => bytes.StartsWith(Utf16Mark) || bytes.StartsWith(Utf16BigEndianMark);

    private static string Decode(string fileName, byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith(Utf8Mark)) return DecodeOrFail(fileName, Utf8, bytes[Utf8Mark.Length..]);
        if (bytes.AsSpan().StartsWith(Utf16Mark)) return DecodeOrFail(fileName, Utf16, bytes[Utf16Mark.Length..]);
        if (bytes.AsSpan().StartsWith(Utf16BigEndianMark)) return DecodeOrFail(fileName, Utf16BigEndian, bytes[Utf16BigEndianMark.Length..]);
        var utf8 = TryDecode(Utf8, bytes);
        if (utf8.Text is not null) return utf8.Text;
        var shiftJis = TryShiftJis(bytes);
        if (shiftJis.Text is not null) return shiftJis.Text;
        // Neither fits. The encoding that got further is most likely the one the file was
        // written in, so the line where it failed is the one worth pointing at.
        throw ReadProblems.UndecodableText(fileName, Math.Max(utf8.BadLine, shiftJis.BadLine));
    }

    private static string DecodeOrFail(string fileName, Encoding encoding, byte[] bytes)
    {
        var result = TryDecode(encoding, bytes);
        return result.Text ?? throw ReadProblems.UndecodableText(fileName, result.BadLine);
    }

    private static (string? Text, int BadLine) TryDecode(Encoding encoding, byte[] bytes)
    {
        try
        {
            return (encoding.GetString(bytes), 0);
        }
        catch (DecoderFallbackException e)
        {
            // Only the message needs the text before the bad byte, so it is decoded leniently.
            var lenient = Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
            return (null, LineAt(lenient.GetString(bytes, 0, Math.Clamp(e.Index, 0, bytes.Length)), int.MaxValue));
        }
    }

    private static (string? Text, int BadLine) TryShiftJis(byte[] bytes)
    {
        var result = TryDecode(ShiftJis, bytes);
        // .NET turns the bytes 80, A0, FD, FE and FF, which Shift_JIS never uses, into
        // characters instead of failing; text holding them is not Shift_JIS.
        var unused = result.Text?.IndexOfAny(['\u0080', '\uF8F0', '\uF8F1', '\uF8F2', '\uF8F3']) ?? -1;
        return unused < 0 ? result : (null, LineAt(result.Text!, unused));
    }

    /// <summary>The 1-based line of a position in the text (line breaks not yet normalised).</summary>
    private static int LineAt(string text, int position)
    {
        var before = text.AsSpan(0, Math.Min(position, text.Length));
        return before.Count('\n') + before.Count('\r') - before.Count("\r\n") + 1;
    }

    /// <summary>
    /// The extension says which delimiter to expect, but files are often misnamed (Excel's
    /// "text" export saved as .csv), so the other delimiter wins when only it appears.
    /// </summary>
    private static char Delimiter(string extension, string text)
    {
        var end = 0;
        for (var n = 0; n < DelimiterSampleLines && end < text.Length; n++)
        {
            var next = text.IndexOf('\n', end);
            end = next < 0 ? text.Length : next + 1;
        }
        var sample = text.AsSpan(0, end);
        bool tabs = sample.Contains('\t'), commas = sample.Contains(',');
        var expected = extension switch
        {
            ".csv" => ',',
            ".tsv" or ".txt" => '\t',
            _ => tabs ? '\t' : ',',
        };
        return expected switch
        {
            ',' when tabs && !commas => '\t',
            '\t' when commas && !tabs => ',',
            _ => expected,
        };
    }

    /// <summary>
    /// RFC 4180: a cell that starts with a quote runs to the closing quote, with "" for a quote
    /// and line breaks kept; a row is numbered by the line it starts on.
    /// </summary>
    private static List<SheetRow> Parse(string fileName, string text, char delimiter, TableBounds bounds)
    {
        var rows = new List<SheetRow>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var atCellStart = true;

        void EndCell()
        {
            bounds.Cells.AddCell(bounds.SheetName, recordLine, cells.Count + 1);
            cells.Add(cell.ToString());
            cell.Clear();
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (atCellStart && c == '"')
            {
                i = ReadQuoted(fileName, text, i + 1, cell, ref line, cells.Count);
                atCellStart = false;
            }
            else if (c == delimiter)
            {
                EndCell();
                atCellStart = true;
            }
            else if (c == '\n')
            {
                EndCell();
                rows.Add(SheetRows.Of(recordLine, false, cells));
                cells.Clear();
                bounds.CancellationToken.ThrowIfCancellationRequested();
                if (rows.Count % WorkbookReader.ProgressEvery == 0) bounds.RowsRead?.Report(rows.Count);
                recordLine = ++line;
                atCellStart = true;
            }
            else
            {
                cell.Append(c);
                atCellStart = false;
            }
        }
        if (!atCellStart || cells.Count > 0)
        {
            EndCell();
            rows.Add(SheetRows.Of(recordLine, false, cells));
        }
        bounds.RowsRead?.Report(rows.Count);
        return SheetRows.WithoutTrailingBlanks(rows);
    }

    /// <returns>The index of the closing quote.</returns>
    private static int ReadQuoted(string fileName, string text, int start, StringBuilder cell, ref int line, int column)
    {
        var startLine = line;
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                if (i + 1 < text.Length && text[i + 1] == '"') cell.Append(text[++i]);
                else return i;
            }
            else
            {
                if (text[i] == '\n') line++;
                cell.Append(text[i]);
            }
        }
        throw ReadProblems.UnclosedQuote(fileName, startLine, column);
    }
}
