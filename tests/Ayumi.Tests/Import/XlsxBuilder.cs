using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Ayumi.Features.Import;
using Ayumi.Domain.WrittenForms;

namespace Ayumi.Tests.Import;

/// <summary>
/// Writes small .xlsx workbooks for tests, so that no binary fixture is committed:
/// <code>
/// new XlsxBuilder().Sheet("進行管理", s =>
/// {
///     s.Row(1, "番号", "事業名");
///     s.Row(3, "1", 2362d);
///     s.Merge("A1:B1");
///     s.Hide(4);
///     s.Formula("C5", "SUM(C3:C4)", 2362d);
/// }).ToBytes();
/// </code>
/// Cell values: <see cref="string"/> is text (a leading <c>=</c> stays text), <see cref="double"/>
/// or <see cref="int"/> a number, <see cref="bool"/> a boolean, <see cref="DateTime"/> a date,
/// <c>null</c> no cell.
/// </summary>
/// <param name="inlineStrings">Write text as inline strings instead of the shared string table (both occur in real files).</param>
public sealed class XlsxBuilder(bool inlineStrings = false)
{
    private readonly List<SheetBuilder> _sheets = [];

    public XlsxBuilder Sheet(string name, Action<SheetBuilder> build, bool hidden = false)
    {
        var sheet = new SheetBuilder(name, hidden);
        build(sheet);
        _sheets.Add(sheet);
        return this;
    }

    public byte[] ToBytes()
    {
        using var memory = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(memory, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook(new Sheets());
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sharedStrings = new SharedStrings(inlineStrings ? null : workbookPart.AddNewPart<SharedStringTablePart>());
            uint sheetId = 1;
            foreach (var sheet in _sheets)
            {
                var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
                worksheetPart.Worksheet = sheet.ToWorksheet(sharedStrings);
                workbookPart.Workbook.Sheets!.Append(new DocumentFormat.OpenXml.Spreadsheet.Sheet
                {
                    Id = workbookPart.GetIdOfPart(worksheetPart),
                    SheetId = sheetId++,
                    Name = sheet.Name,
                    State = sheet.Hidden ? SheetStateValues.Hidden : null,
                });
            }
            sharedStrings.Save();
        }
        return memory.ToArray();
    }

    /// <summary>Style 0 is the default, style 1 shows a date (built-in format 14), which is how Excel marks a number as a date.</summary>
    private static Stylesheet Styles() => new(
        new Fonts(new Font()) { Count = 1 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0 },
            new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }) { Count = 2 });

    internal const uint DateStyle = 1;

    /// <summary>The rows, cells, merges and hidden rows of one sheet; rows are numbered as in Excel (1-based).</summary>
    public sealed class SheetBuilder(string name, bool hidden)
    {
        private readonly SortedDictionary<int, SortedDictionary<int, Func<SharedStrings, Cell>>> _rows = [];
        private readonly HashSet<int> _hiddenRows = [];
        private readonly List<string> _merges = [];

        public string Name { get; } = name;
        public bool Hidden { get; } = hidden;

        /// <summary>Puts the values in row <paramref name="number"/> from column A on.</summary>
        public SheetBuilder Row(int number, params object?[] values)
        {
            for (var column = 0; column < values.Length; column++)
                if (values[column] is { } value) Put(number, column, value);
            return this;
        }

        /// <summary>Puts one value at a reference such as <c>C5</c>.</summary>
        public SheetBuilder Cell(string reference, object value)
        {
            var (row, column) = Parse(reference);
            Put(row, column, value);
            return this;
        }

        /// <summary>A formula with the value Excel cached when it last calculated (a number or text).</summary>
        public SheetBuilder Formula(string reference, string formula, object cachedValue)
        {
            var (row, column) = Parse(reference);
            Cells(row)[column] = _ =>
            {
                var cell = new Cell { CellReference = reference, CellFormula = new CellFormula(formula) };
                if (cachedValue is string text)
                {
                    cell.DataType = CellValues.String;
                    cell.CellValue = new CellValue(text);
                }
                else cell.CellValue = new CellValue(Convert.ToDouble(cachedValue));
                return cell;
            };
            return this;
        }

        /// <summary>Merges a range such as <c>A1:B2</c>; its value is the one in the top-left cell.</summary>
        public SheetBuilder Merge(string range)
        {
            _merges.Add(range);
            return this;
        }

        /// <summary>Hides rows, as Excel's "Hide" does.</summary>
        public SheetBuilder Hide(params int[] rowNumbers)
        {
            _hiddenRows.UnionWith(rowNumbers);
            return this;
        }

        private void Put(int row, int column, object value)
        {
            var reference = ColumnLetters.Format(column) + row;
            Cells(row)[column] = value switch
            {
                string text => strings => strings.Cell(reference, text),
                double or int => _ => new Cell { CellReference = reference, CellValue = new CellValue(Convert.ToDouble(value)) },
                bool flag => _ => new Cell { CellReference = reference, DataType = CellValues.Boolean, CellValue = new CellValue(flag ? "1" : "0") },
                DateTime date => _ => new Cell { CellReference = reference, StyleIndex = DateStyle, CellValue = new CellValue(date.ToOADate()) },
                _ => throw new ArgumentException($"A cell cannot hold a {value.GetType().Name}.", nameof(value)),
            };
        }

        private SortedDictionary<int, Func<SharedStrings, Cell>> Cells(int row)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(row, 1);
            if (!_rows.TryGetValue(row, out var cells)) _rows[row] = cells = [];
            return cells;
        }

        internal Worksheet ToWorksheet(SharedStrings strings)
        {
            var data = new SheetData();
            foreach (var number in _rows.Keys.Union(_hiddenRows).Order())
            {
                var row = new Row { RowIndex = (uint)number };
                if (_hiddenRows.Contains(number)) row.Hidden = true;
                if (_rows.TryGetValue(number, out var cells))
                    foreach (var cell in cells.Values) row.Append(cell(strings));
                data.Append(row);
            }
            var worksheet = new Worksheet(data);
            if (_merges.Count > 0)
                worksheet.Append(new MergeCells(_merges.Select(r => new MergeCell { Reference = r })) { Count = (uint)_merges.Count });
            return worksheet;
        }

        private static (int Row, int Column) Parse(string reference)
        {
            var letters = new string(reference.TakeWhile(char.IsAsciiLetterUpper).ToArray());
            return (int.Parse(reference[letters.Length..]), ColumnLetters.Parse(letters));
        }
    }

    /// <summary>Text cells, either through the shared string table or inline.</summary>
    internal sealed class SharedStrings(SharedStringTablePart? part)
    {
        private readonly Dictionary<string, int> _index = [];
        private readonly SharedStringTable _table = new();

        public Cell Cell(string reference, string text)
        {
            if (part is null)
                return new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(Text(text)) };
            if (!_index.TryGetValue(text, out var index))
            {
                index = _index[text] = _index.Count;
                _table.Append(new SharedStringItem(Text(text)));
            }
            return new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(index) };
        }

        public void Save()
        {
            if (part is null) return;
            _table.Count = _table.UniqueCount = (uint)_index.Count;
            part.SharedStringTable = _table;
        }

        /// <summary>Keeps leading and trailing spaces and line breaks, as Excel does with xml:space="preserve".</summary>
        private static Text Text(string text) => new(text) { Space = SpaceProcessingModeValues.Preserve };
    }
}
