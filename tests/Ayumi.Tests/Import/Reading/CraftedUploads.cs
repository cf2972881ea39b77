using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Ayumi.Tests.Import.Reading;

/// <summary>
/// The two uploads an attacker with a secretariat account crafted to tie up the server (issue 15,
/// failure 9), made here so that no binary is committed. The import benchmark's <c>uploads</c>
/// mode writes them to disk with this same code, to time them against the command line.
/// </summary>
public static class CraftedUploads
{
    /// <summary>
    /// An .xlsx encrypted as Excel encrypts it (Agile Encryption in a compound file), with its
    /// stream names in lower case. The password key derivation hashes <paramref name="spinCount"/>
    /// times (Excel writes 100,000; the file decides), so a reader that does not see the file is
    /// encrypted and tries the default password spends minutes in it.
    /// </summary>
    public static byte[] LowerCaseEncryptedWorkbook(int spinCount = 100_000_000) =>
        EncryptedWorkbook("encryptioninfo", "encryptedpackage", spinCount);

    public static byte[] EncryptedWorkbook(string infoName, string packageName, int spinCount = 100_000)
    {
        var salt = Convert.ToBase64String(Enumerable.Range(1, 16).Select(i => (byte)i).ToArray());
        var block = Convert.ToBase64String(new byte[16]);
        var hash = Convert.ToBase64String(new byte[64]);
        var key = Convert.ToBase64String(new byte[32]);
        var xml =
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n" +
            "<encryption xmlns=\"http://schemas.microsoft.com/office/2006/encryption\" xmlns:p=\"http://schemas.microsoft.com/office/2006/keyEncryptor/password\">" +
            $"<keyData saltSize=\"16\" blockSize=\"16\" keyBits=\"256\" hashSize=\"64\" cipherAlgorithm=\"AES\" cipherChaining=\"ChainingModeCBC\" hashAlgorithm=\"SHA512\" saltValue=\"{salt}\"/>" +
            $"<dataIntegrity encryptedHmacKey=\"{hash}\" encryptedHmacValue=\"{hash}\"/>" +
            "<keyEncryptors><keyEncryptor uri=\"http://schemas.microsoft.com/office/2006/keyEncryptor/password\">" +
            $"<p:encryptedKey spinCount=\"{spinCount}\" saltSize=\"16\" blockSize=\"16\" keyBits=\"256\" hashSize=\"64\" cipherAlgorithm=\"AES\" cipherChaining=\"ChainingModeCBC\" hashAlgorithm=\"SHA512\" " +
            $"saltValue=\"{salt}\" encryptedVerifierHashInput=\"{block}\" encryptedVerifierHashValue=\"{hash}\" encryptedKeyValue=\"{key}\"/>" +
            "</keyEncryptor></keyEncryptors></encryption>";
        // Version 4.4 (Agile), flags 0x40; then the XML. The package: its length, then AES blocks.
        byte[] info = [4, 0, 4, 0, 0x40, 0, 0, 0, .. Encoding.UTF8.GetBytes(xml)];
        var package = new byte[8 + 8192];
        BinaryPrimitives.WriteInt64LittleEndian(package, 8192);
        return CompoundFile((infoName, info), (packageName, package));
    }

    /// <summary>
    /// A compound file (MS-CFB, version 3, 512-byte sectors) holding the streams under a root
    /// storage. Streams shorter than the 4,096-byte mini-stream cutoff are padded with spaces up
    /// to it, so that every stream lives in ordinary sectors and no mini stream is needed.
    /// </summary>
    public static byte[] CompoundFile(params (string Name, byte[] Content)[] streams)
    {
        const int sector = 512, cutoff = 4096;
        const uint free = 0xFFFFFFFF, endOfChain = 0xFFFFFFFE, fatSector = 0xFFFFFFFD, noStream = 0xFFFFFFFF;
        var contents = streams.Select(s => s.Content.Length >= cutoff ? s.Content : [.. s.Content, .. Enumerable.Repeat((byte)' ', cutoff - s.Content.Length)]).ToArray();
        var directorySectors = (streams.Length + 1 + 3) / 4;
        var streamSectors = contents.Select(c => (c.Length + sector - 1) / sector).ToArray();
        var sectors = 1 + directorySectors + streamSectors.Sum();
        if (sectors > sector / 4) throw new ArgumentException("One allocation table sector is all this writer makes: keep the streams under 60 KB.");
        var file = new byte[sector * (1 + sectors)];

        var header = file.AsSpan(0, sector);
        ((byte[])[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[24..], 0x3E);
        BinaryPrimitives.WriteUInt16LittleEndian(header[26..], 3);
        BinaryPrimitives.WriteUInt16LittleEndian(header[28..], 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(header[30..], 9);
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], 6);
        BinaryPrimitives.WriteUInt32LittleEndian(header[44..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header[48..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header[56..], cutoff);
        BinaryPrimitives.WriteUInt32LittleEndian(header[60..], endOfChain);
        BinaryPrimitives.WriteUInt32LittleEndian(header[68..], endOfChain);
        for (var i = 0; i < 109; i++) BinaryPrimitives.WriteUInt32LittleEndian(header[(76 + 4 * i)..], i == 0 ? 0 : free);

        var fat = new uint[sector / 4];
        Array.Fill(fat, free);
        fat[0] = fatSector;
        void Chain(int first, int count)
        {
            for (var i = 0; i < count; i++) fat[first + i] = i == count - 1 ? endOfChain : (uint)(first + i + 1);
        }
        Chain(1, directorySectors);

        Span<byte> Sector(int index) => file.AsSpan(sector * (1 + index), sector);
        void Entry(int index, string name, byte type, uint rightSibling, uint child, uint start, int size)
        {
            var entry = file.AsSpan(sector * 2 + 128 * index, 128);
            Encoding.Unicode.GetBytes(name + "\0").CopyTo(entry);
            BinaryPrimitives.WriteUInt16LittleEndian(entry[64..], (ushort)((name.Length + 1) * 2));
            entry[66] = type;
            entry[67] = 1;
            BinaryPrimitives.WriteUInt32LittleEndian(entry[68..], noStream);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[72..], rightSibling);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[76..], child);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[116..], start);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[120..], (uint)size);
        }
        // The siblings form a chain to the right, a degenerate but valid tree (all black).
        Entry(0, "Root Entry", 5, noStream, streams.Length > 0 ? 1 : noStream, endOfChain, 0);
        var next = 1 + directorySectors;
        for (var i = 0; i < streams.Length; i++)
        {
            Entry(i + 1, streams[i].Name, 2, i + 1 < streams.Length ? (uint)(i + 2) : noStream, noStream, (uint)next, contents[i].Length);
            Chain(next, streamSectors[i]);
            for (var s = 0; s < streamSectors[i]; s++)
                contents[i].AsSpan(s * sector, Math.Min(sector, contents[i].Length - s * sector)).CopyTo(Sector(next + s));
            next += streamSectors[i];
        }
        for (var i = 0; i < fat.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(Sector(0)[(4 * i)..], fat[i]);
        return file;
    }

    /// <summary>
    /// Renames a stream or storage of a compound file in place, e.g. "Workbook" to "workbook"
    /// (the new name must be as long): names are UTF-16 in 128-byte directory entries.
    /// </summary>
    public static byte[] RenameCompoundEntry(byte[] file, string name, string newName)
    {
        if (newName.Length != name.Length) throw new ArgumentException("The new name must be as long as the old one.", nameof(newName));
        var renamed = file.ToArray();
        var wanted = Encoding.Unicode.GetBytes(name + "\0");
        for (var at = 512; at + 128 <= renamed.Length; at += 128)
        {
            var entry = renamed.AsSpan(at, 128);
            if (BinaryPrimitives.ReadUInt16LittleEndian(entry[64..]) != wanted.Length || !entry.StartsWith(wanted) || entry[66] is not (1 or 2)) continue;
            Encoding.Unicode.GetBytes(newName).CopyTo(entry);
            return renamed;
        }
        throw new ArgumentException($"The file has no entry named {name}.", nameof(name));
    }

    /// <summary>
    /// A valid .xlsx whose sheets are rows of numbers repeated until each sheet's XML is just
    /// under <paramref name="bytesPerSheet"/>; such XML deflates about 500 to 1, so 20 sheets of
    /// 9.9 MB make a file of well under 1 MB that expands to about 200 MB. Each part stays under
    /// the 10 MB from which the reader judges a part's compression ratio.
    /// </summary>
    public static byte[] ExpandingWorkbook(int sheets = 20, int bytesPerSheet = 9_900_000, int cellsPerRow = 100)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create))
        {
            void Part(string name, string content)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.SmallestSize).Open(), new UTF8Encoding(false));
                writer.Write(content);
            }
            var range = Enumerable.Range(1, sheets).ToList();
            Part("[Content_Types].xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
                string.Concat(range.Select(i => $"<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>")) +
                "</Types>");
            Part("_rels/.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Part("xl/workbook.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>" +
                string.Concat(range.Select(i => $"<sheet name=\"Sheet{i}\" sheetId=\"{i}\" r:id=\"rId{i}\"/>")) + "</sheets></workbook>");
            Part("xl/_rels/workbook.xml.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                string.Concat(range.Select(i => $"<Relationship Id=\"rId{i}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{i}.xml\"/>")) +
                "</Relationships>");
            var cells = string.Concat(Enumerable.Repeat("<c><v>1</v></c>", cellsPerRow));
            foreach (var i in range)
            {
                using var writer = new StreamWriter(zip.CreateEntry($"xl/worksheets/sheet{i}.xml", CompressionLevel.SmallestSize).Open(), new UTF8Encoding(false));
                const string start = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
                const string end = "</sheetData></worksheet>";
                writer.Write(start);
                long written = start.Length + end.Length;
                for (var row = 1; ; row++)
                {
                    var xml = $"<row r=\"{row}\">{cells}</row>";
                    if (written + xml.Length > bytesPerSheet) break;
                    writer.Write(xml);
                    written += xml.Length;
                }
                writer.Write(end);
            }
        }
        return memory.ToArray();
    }
}
