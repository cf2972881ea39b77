namespace Ayumi.Features.Demo;

/// <summary>A tab-separated line of a seed document, with its 1-based line number.</summary>
internal sealed record SeedRow(int Line, string[] Cells)
{
    public string this[int column] => column < Cells.Length ? Cells[column].Trim() : "";

    /// <summary>The cell's text, or null for an empty cell.</summary>
    public string? Optional(int column) => this[column] is { Length: > 0 } text ? text : null;
    public bool IsBlank => Cells.All(string.IsNullOrWhiteSpace);
    public string Joined => string.Join(" ", Cells.Select(c => c.Trim()).Where(c => c.Length > 0));
}

/// <summary>Reading a seed or plan file failed; says which file, which line and why.</summary>
public sealed class SeedFormatException(string file, int line, string reason)
    : Exception($"{file}:{line}: {reason}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public string Reason { get; } = reason;
}

/// <summary>The text of a seed document: text extracted from a published sheet, tab-separated.</summary>
internal sealed class SeedText
{
    private SeedText(string fileName, IReadOnlyList<SeedRow> rows)
    {
        FileName = fileName;
        Rows = rows;
    }

    public string FileName { get; }
    public IReadOnlyList<SeedRow> Rows { get; }

    public static SeedText Read(string path)
    {
        var fileName = Path.GetFileName(path);
        var strict = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var rows = new List<SeedRow>();
        var lineNumber = 0;
        foreach (var bytes in SplitLines(File.ReadAllBytes(path)))
        {
            lineNumber++;
            string text;
            try { text = strict.GetString(bytes).TrimEnd('\r').TrimStart('\uFEFF'); }
            catch (System.Text.DecoderFallbackException)
            {
                throw new SeedFormatException(fileName, lineNumber, "the line is not UTF-8 text (Shift_JIS files must be converted or imported through the importer).");
            }
            rows.Add(new SeedRow(lineNumber, text.Split('\t')));
        }
        return new SeedText(fileName, rows);
    }

    private static IEnumerable<byte[]> SplitLines(byte[] content)
    {
        var start = 0;
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] != (byte)'\n') continue;
            yield return content[start..i];
            start = i + 1;
        }
        if (start < content.Length) yield return content[start..];
    }

    /// <summary>Lines that could not be read but do not stop the load, e.g. rows lost in extraction.</summary>
    public List<string> Warnings { get; } = [];

    public void Warn(SeedRow row, string message) => Warnings.Add($"{FileName}:{row.Line}: {message}");

    public SeedFormatException Error(SeedRow row, string reason) => new(FileName, row.Line, reason);
    public SeedFormatException Error(int line, string reason) => new(FileName, line, reason);
}
