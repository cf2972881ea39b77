using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Ayumi.Benchmarks;

/// <summary>
/// Writes a large progress sheet in the Miyagi layout the importer recognises, the same bytes
/// every time (a fixed seed): a title row, a blank row, the header
/// <c>番号 | 施策の方向性 | 事業名 | 事業の内容 | R5年度 最終予算額 | R5年度 事業実施状況 | R6年度 当初予算額 | R6年度の計画 | 課題・今後の方向性 | 担当課・係名</c>
/// and one row per measure: codes 1..n, 10 policy directions in blocks, 40 departments
/// (one in ten rows names two), budgets as numbers (one in twenty left empty) and four texts
/// of 80–200 characters made of phrases like the Miyagi seed's. Text goes through the shared
/// string table, as Excel writes it. The worksheet is streamed with <see cref="OpenXmlWriter"/>.
/// </summary>
public static class ImportWorkbook
{
    public const string FileName = "bench-10000.xlsx";
    public const string OrganisationCode = "040002";
    public const string OrganisationName = "宮城県";

    /// <summary>The row of the header; the measures start on the next row.</summary>
    public const int HeaderRow = 3;

    private static readonly string[] Header =
        ["番号", "施策の方向性", "事業名", "事業の内容", "R5年度 最終予算額", "R5年度 事業実施状況", "R6年度 当初予算額", "R6年度の計画", "課題・今後の方向性", "担当課・係名"];

    private static readonly string[] Directions =
    [
        "1 就労の確保に関する支援", "2 住居の確保に関する支援", "3 保健医療・福祉サービスの利用の促進", "4 非行の防止・学校等と連携した修学支援",
        "5 犯罪をした者等の特性に応じた効果的な指導", "6 民間協力者の活動の促進", "7 地域による包摂の推進", "8 広報・啓発活動の推進",
        "9 関係機関との連携体制の整備", "10 再犯防止に向けた人材の育成",
    ];

    private static readonly string[] Sections =
    [
        "社会福祉課", "保健福祉総務課", "障害福祉課", "精神保健推進室", "子ども・家庭支援課", "雇用対策課", "住宅課", "義務教育課", "高校教育課", "生涯学習課",
        "消費生活・文化課", "共同参画社会推進課", "長寿社会政策課", "医療政策課", "薬務課", "産業人材対策課", "商工金融課", "地域福祉課", "私学・公益法人課", "総務課",
    ];

    private static readonly string[] Units = ["企画班", "団体指導班"];

    private static readonly string[] Qualifiers =
    [
        "地域における", "県内全域での", "市町村と連携した", "民間団体と協働した", "関係機関と連携した", "早期からの", "継続的な", "重点的な", "総合的な", "広域的な",
        "相談窓口での", "学校と連携した", "就労先と連携した", "家族を含めた", "出所後の", "在宅での", "施設入所者への", "若年者への", "高齢者への", "障害のある者への",
    ];

    private static readonly string[] Targets =
    [
        "保護観察対象者の", "刑務所出所者等の", "非行少年の", "生活困窮者の", "薬物依存者の", "高齢受刑者の", "障害のある出所者の", "協力雇用主の", "更生保護施設の",
        "保護司の", "ひきこもり状態にある者の", "ひとり親家庭の", "中退した生徒の", "外国人住民の", "依存症の家族の", "DV被害者の", "犯罪被害者の", "地域住民の",
        "学校関係者の", "福祉事業者の", "医療機関の", "自立準備ホームの", "就労継続支援事業所の", "地域生活定着支援センターの", "民生委員の",
    ];

    private static readonly string[] Actions =
    [
        "職業定着支援", "就労準備支援事業", "住居確保給付金の支給", "居住支援", "相談支援事業", "修学支援", "自立支援", "社会参加促進事業", "研修会の開催",
        "啓発事業", "連携会議の開催", "個別支援計画の作成", "アウトリーチ支援", "居場所づくり事業", "生活指導", "家計改善支援事業", "職場体験事業", "ネットワーク構築事業",
        "人材育成事業", "情報提供事業",
    ];

    /// <summary>Sentences in the style of the Miyagi seed's descriptions, results, plans and directions.</summary>
    private static readonly string[] Phrases =
    [
        "保護観察対象少年を会計年度任用職員として雇用し、職の定着に必要なスキルの習得を促す。",
        "直ちに一般就労が困難な者に対し、生活習慣形成のための指導・訓練を行う。",
        "就労の前段階として必要な社会的能力の習得を支援する。",
        "事業所での就労体験の場の提供や一般雇用への就職活動に向けた技法や知識の取得等の支援を行う。",
        "対象者6人に対し、就労準備支援(生活リズム改善、事業所への職場体験や見学等)を実施した。",
        "○任用内容 労働時間：週5日勤務 5.75時間/日 業務内容：文書の発送・整理、執務室等の環境整備等。",
        "関係機関と連携を強化する必要がある。",
        "保護観察所と共に対象者の安定的な雇用に努める。",
        "対象者の自立や社会復帰を促すためにも、事業を継続する必要がある。",
        "市町村や社会福祉協議会と連携し、相談窓口の周知を図る。",
        "研修会を2回開催し、延べ120人が参加した。",
        "地域生活定着支援センターを通じて、矯正施設退所予定者の福祉サービス利用を調整した。",
        "協力雇用主の登録数は前年度より12社増加した。",
        "県営住宅の入居に際し、保証人の要件を緩和する取扱いを継続する。",
        "薬物依存症者とその家族を対象とした相談会を毎月開催する。",
        "学校、警察、児童相談所が参加する連絡会議を開催し、情報共有を行った。",
        "支援対象者の把握が難しく、関係機関からの情報提供の在り方が課題である。",
        "令和7年度以降も引き続き事業を実施する予定である。",
        "更生保護ボランティアの高齢化が進んでおり、担い手の確保が課題となっている。",
        "ホームページや広報誌等を活用し、社会を明るくする運動の周知を行う。",
        "高齢又は障害により自立が困難な者に対し、出所後の支援を調整する。",
        "個別の事情に応じた支援計画を作成し、定期的に見直しを行う。",
        "相談件数は延べ345件で、前年度と比べて増加した。",
        "コロナ禍で中止していた交流事業を再開した。",
        "民間団体が行う居場所づくりの取組に対し、補助金を交付した。",
    ];

    /// <summary>Writes the workbook for <paramref name="measures"/> rows; the same bytes for the same count.</summary>
    public static byte[] Create(int measures = 10_000)
    {
        var random = new Random(20261125);
        var strings = new Dictionary<string, int>();
        var order = new List<string>();
        int Shared(string text)
        {
            if (!strings.TryGetValue(text, out var index))
            {
                strings[text] = index = order.Count;
                order.Add(text);
            }
            return index;
        }

        using var memory = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(memory, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook(new Sheets());
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(worksheetPart))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                WriteRow(writer, 1, [Shared("「宮城県再犯防止推進計画」の進行管理")]);
                WriteRow(writer, HeaderRow, Header.Select(h => (object)Shared(h)).ToArray());
                for (var i = 0; i < measures; i++)
                {
                    var code = i + 1;
                    var direction = Directions[(int)((long)i * Directions.Length / measures)];
                    var title = Qualifiers[i / 500 % Qualifiers.Length] + Targets[i % Targets.Length] + Actions[i / Targets.Length % Actions.Length];
                    var department = Department(random);
                    if (random.Next(10) == 0) department += "、" + Department(random);
                    WriteRow(writer, HeaderRow + code,
                    [
                        (double)code, Shared(direction), Shared(title), Shared(Text(random)), Budget(random), Shared(Text(random)),
                        Budget(random), Shared(Text(random)), Shared(Text(random)), Shared(department),
                    ]);
                }
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            workbookPart.Workbook.Sheets!.Append(new Sheet { Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = 1, Name = "進行管理" });

            var sharedPart = workbookPart.AddNewPart<SharedStringTablePart>();
            using (var writer = OpenXmlWriter.Create(sharedPart))
            {
                writer.WriteStartElement(new SharedStringTable { Count = (uint)order.Count, UniqueCount = (uint)order.Count });
                foreach (var text in order)
                {
                    writer.WriteStartElement(new SharedStringItem());
                    writer.WriteElement(new Text(text));
                    writer.WriteEndElement();
                }
                writer.WriteEndElement();
            }
        }
        return memory.ToArray();
    }

    private static string Department(Random random) => $"{Sections[random.Next(Sections.Length)]}({Units[random.Next(Units.Length)]})";

    /// <summary>A budget in thousand yen, or no cell.</summary>
    private static object? Budget(Random random) => random.Next(20) == 0 ? null : (double)random.Next(100, 60_000);

    /// <summary>80–200 characters of phrases, cut at the length and closed with 。.</summary>
    private static string Text(Random random)
    {
        var length = random.Next(80, 201);
        var text = new System.Text.StringBuilder(length + 80);
        while (text.Length < length) text.Append(Phrases[random.Next(Phrases.Length)]);
        text.Length = length - 1;
        return text.Append('。').ToString();
    }

    /// <summary>Cells from column A on: an <see cref="int"/> is a shared string index, a <see cref="double"/> a number, null no cell.</summary>
    private static void WriteRow(OpenXmlWriter writer, int number, object?[] cells)
    {
        writer.WriteStartElement(new Row { RowIndex = (uint)number });
        for (var column = 0; column < cells.Length; column++)
        {
            var reference = (char)('A' + column) + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            switch (cells[column])
            {
                case int index:
                    writer.WriteElement(new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(index) });
                    break;
                case double value:
                    writer.WriteElement(new Cell { CellReference = reference, CellValue = new CellValue(value) });
                    break;
            }
        }
        writer.WriteEndElement();
    }
}
