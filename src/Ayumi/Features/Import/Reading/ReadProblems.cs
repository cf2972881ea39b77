using Ayumi.Domain.WrittenForms;

namespace Ayumi.Features.Import.Reading;

/// <summary>
/// The reasons a file cannot be read at all. Each key has its text in Localization/ja.json and
/// en.json; the English here is the same text, for logs.
/// </summary>
internal static class ReadProblems
{
    public static ImportFileException NotSpreadsheet(string file) => Fail(new(file), "import.notSpreadsheet",
        $"The file {file} cannot be read as an Excel or CSV file. Choose an Excel workbook (.xlsx, .xls), a CSV file or a tab-separated text file.", [file]);

    public static ImportFileException CorruptWorkbook(string file, Exception cause) => Fail(new(file), "import.corruptWorkbook",
        $"The file {file} is damaged and cannot be read. Check that Excel opens it, save it again, then try again.", [file], cause);

    public static ImportFileException PasswordProtected(string file, Exception? cause = null) => Fail(new(file), "import.passwordProtected",
        $"The file {file} is protected by a password and cannot be read. Remove the password in Excel, save the file, then try again.", [file], cause);

    public static ImportFileException ZipBomb(string file, long maxBytes)
    {
        var megabytes = Megabytes(maxBytes);
        return Fail(new(file), "import.zipBomb", FormattableString.Invariant(
            $"The file {file} expands to more than {megabytes} MB when unpacked, the most a workbook may. Delete unneeded sheets or formatting, then try again."), [file, megabytes]);
    }

    public static ImportFileException OverCompressed(string file, string part, int maxRatio) => Fail(new(file), "import.overCompressed",
        $"The file {file} holds a part ({part}) that expands more than {maxRatio} times, as no spreadsheet does. Save the workbook again in Excel, then try again.", [file, part, maxRatio]);

    public static ImportFileException FileTooLarge(string file, long maxBytes)
    {
        var megabytes = Megabytes(maxBytes);
        return Fail(new(file), "import.fileTooLarge", FormattableString.Invariant(
            $"The file {file} is too large. Choose a file of at most {megabytes} MB."), [file, megabytes]);
    }

    public static ImportFileException EmptyFile(string file) => Fail(new(file), "import.emptyFile",
        $"The file {file} contains no data. Check its contents.", [file]);

    public static ImportFileException UndecodableText(string file, int line) => Fail(new(file, Row: line), "import.undecodableText",
        $"Line {line} of the file {file} contains characters that cannot be read. Save the file as UTF-8 or Shift_JIS, then try again.", [file, line]);

    public static ImportFileException UnclosedQuote(string file, int line, int column)
    {
        var letters = ColumnLetters.Format(column);
        return Fail(new(file, Row: line, Column: column), "import.unclosedQuote",
            $"The quotation mark (\") that starts the cell in line {line}, column {letters} of the file {file} is never closed. Close or remove it, then try again.", [file, line, letters]);
    }

    public static ImportFileException TooManyCells(string file, string sheet, int rows, int columns, long maxCells) => Fail(new(file, sheet), "import.tooManyCells",
        FormattableString.Invariant($"The sheet {sheet} in the file {file} spans too many cells to be read ({rows} rows × {columns} columns; a workbook may span at most {maxCells:N0} cells). Delete the unused rows and columns, then try again."),
        [file, sheet, rows, columns, maxCells]);

    public static ImportFileException Busy(string file, int maxConcurrent) => Fail(new(file), "import.busy",
        $"The file {file} was not read: other files are being read, and at most {maxConcurrent} are read at once. Try again in a minute.", [file, maxConcurrent]);

    public static ImportFileException TimedOut(string file, int seconds) => Fail(new(file), "import.timedOut",
        $"Reading the file {file} was stopped after {seconds} seconds, the most one file may take; nothing was saved. Delete unneeded sheets or rows, or split the file, then try again.", [file, seconds]);

    private static double Megabytes(long bytes) => Math.Round(bytes / (1024d * 1024d), 1);

    private static ImportFileException Fail(SourceLocation where, string key, string english, object[] arguments, Exception? cause = null) =>
        new(ImportProblem.Error(where, key, english, arguments), cause);
}
