using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Ayumi.Tests.Fuzz;

/// <summary>
/// Damage inside the containers of Excel's two formats: the zip entries of an .xlsx (a part
/// garbled, cut, dropped, doubled or renamed, its XML numbers moved) and the sectors of an .xls
/// compound file (header fields, FAT chains, directory entries, whole sectors).
/// </summary>
internal static class ContainerMutations
{
    public static byte[] MutateXlsx(Random random, byte[] xlsx)
    {
        var entries = ReadZip(xlsx);
        if (entries is null || entries.Count == 0) return ByteMutations.Mutate(random, xlsx);
        var at = random.Next(entries.Count);
        var (name, content) = entries[at];
        switch (random.Next(7))
        {
            case 0: entries[at] = (name, ByteMutations.Mutate(random, content)); break;
            case 1: entries[at] = (name, content[..random.Next(content.Length + 1)]); break;
            case 2: entries.RemoveAt(at); break;
            case 3: entries.Add((name, ByteMutations.Mutate(random, content))); break;
            case 4: entries[at] = (random.Next(2) == 0 ? name + "x" : name.ToUpperInvariant(), content); break;
            case 5: entries[at] = (name, MoveXmlNumber(random, content)); break;
            default: return ByteMutations.Mutate(random, xlsx); // the zip's own structure: local headers, central directory
        }
        return WriteZip(entries, random.Next(3) == 0 ? CompressionLevel.NoCompression : CompressionLevel.Fastest);
    }

    /// <summary>A number in the XML (a cell reference's row, a shared string's index, a dimension, a style) changed to one at an edge.</summary>
    private static byte[] MoveXmlNumber(Random random, byte[] xml)
    {
        var text = Encoding.UTF8.GetString(xml);
        var numbers = System.Text.RegularExpressions.Regex.Matches(text, "[0-9]+");
        if (numbers.Count == 0) return ByteMutations.Mutate(random, xml);
        var number = numbers[random.Next(numbers.Count)];
        string[] edges = ["0", "-1", "1048576", "1048577", "16384", "16385", "2147483647", "2147483648", "99999999999999999999", ""];
        return Encoding.UTF8.GetBytes(text[..number.Index] + edges[random.Next(edges.Length)] + text[(number.Index + number.Length)..]);
    }

    private static List<(string Name, byte[] Content)>? ReadZip(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            return [.. zip.Entries.Select(e =>
            {
                using var stream = e.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return (e.FullName, copy.ToArray());
            })];
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return null;
        }
    }

    private static byte[] WriteZip(List<(string Name, byte[] Content)> entries, CompressionLevel level)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create))
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, level).Open();
                stream.Write(content);
            }
        return memory.ToArray();
    }

    private const int HeaderSize = 512;

    /// <summary>Offsets of the compound file header's fields that steer a reader (MS-CFB 2.2).</summary>
    private static readonly int[] HeaderFields =
    [
        0x1A, // major version
        0x1E, // sector shift
        0x20, // mini sector shift
        0x2C, // number of FAT sectors
        0x30, // first directory sector
        0x38, // mini stream cutoff
        0x3C, // first mini FAT sector
        0x40, // number of mini FAT sectors
        0x44, // first DIFAT sector
        0x48, // number of DIFAT sectors
        0x4C, // first entry of the DIFAT in the header
    ];

    public static byte[] MutateXls(Random random, byte[] xls)
    {
        var bytes = (byte[])xls.Clone();
        if (bytes.Length < HeaderSize * 2) return ByteMutations.Mutate(random, xls);
        var sectorSize = 1 << Math.Clamp((int)BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(0x1E)), 7, 12);
        var sectors = (bytes.Length - HeaderSize) / sectorSize;
        uint[] edges = [0, 1, 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFC, 0x7FFFFFFF, (uint)sectors, (uint)sectors - 1, (uint)random.Next(sectors)];
        var edge = edges[random.Next(edges.Length)];
        switch (random.Next(7))
        {
            case 0: // a header field
                var field = HeaderFields[random.Next(HeaderFields.Length)];
                if (field is 0x1A or 0x1E or 0x20) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(field), (ushort)edge);
                else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(field), edge);
                break;
            case 1: // a FAT entry (where FAT sectors' entries look like chain links), so chains loop, end early or point outside
                var sector = random.Next(sectors);
                var entry = HeaderSize + sector * sectorSize + random.Next(sectorSize / 4) * 4;
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(entry), edge);
                break;
            case 2: // a whole sector zeroed or filled with noise
                var s = HeaderSize + random.Next(sectors) * sectorSize;
                if (random.Next(2) == 0) Array.Clear(bytes, s, sectorSize);
                else random.NextBytes(bytes.AsSpan(s, sectorSize));
                break;
            case 3: // a directory entry's start sector or size (the 128-byte entries' fields at 0x74 and 0x78)
                var directory = FindDirectoryEntries(bytes);
                if (directory.Count == 0) goto case 2;
                var at = directory[random.Next(directory.Count)] + (random.Next(2) == 0 ? 0x74 : 0x78);
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), edge);
                break;
            case 4: // cut at a sector boundary, as a copy that stopped does
                return bytes[..(HeaderSize + random.Next(sectors) * sectorSize)];
            case 5: // two sectors swapped
                var (a, b) = (HeaderSize + random.Next(sectors) * sectorSize, HeaderSize + random.Next(sectors) * sectorSize);
                var copy = bytes.AsSpan(a, sectorSize).ToArray();
                bytes.AsSpan(b, sectorSize).CopyTo(bytes.AsSpan(a, sectorSize));
                copy.CopyTo(bytes.AsSpan(b, sectorSize));
                break;
            default: return ByteMutations.Mutate(random, bytes);
        }
        return bytes;
    }

    /// <summary>Offsets of directory entries, found by the UTF-16 names every .xls has ("Root Entry", "Workbook").</summary>
    private static List<int> FindDirectoryEntries(byte[] bytes)
    {
        var found = new List<int>();
        foreach (var name in new[] { "Root Entry", "Workbook", "Book" })
        {
            var pattern = Encoding.Unicode.GetBytes(name);
            for (var i = bytes.AsSpan().IndexOf(pattern); i >= 0 && i + 128 <= bytes.Length;)
            {
                if ((i - HeaderSize) % 128 == 0) found.Add(i);
                var next = bytes.AsSpan(i + 1).IndexOf(pattern);
                i = next < 0 ? -1 : i + 1 + next;
            }
        }
        return found;
    }
}
