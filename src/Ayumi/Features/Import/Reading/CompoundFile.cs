using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Ayumi.Features.Import.Reading;

/// <summary>Looks inside an OLE compound file (legacy .xls, and the container Excel uses for encrypted .xlsx).</summary>
internal static class CompoundFile
{
    private const int HeaderBytes = 512;
    private const int EntryBytes = 128;
    private const int NameBytes = 64;

    /// <summary>
    /// Whether the file has a storage or stream of that name. Names compare without regard to
    /// case, as the format compares them and as ExcelDataReader finds its streams: an encrypted
    /// workbook whose "encryptioninfo" is in lower case is still opened as encrypted by the reader.
    /// Directory entries always sit on 128-byte boundaries after the header, whatever the sector
    /// size, so looking at every such boundary finds them without following the allocation table,
    /// even in a damaged file.
    /// </summary>
    public static bool HasEntry(ReadOnlySpan<byte> file, string name)
    {
        var wantedBytes = (name.Length + 1) * sizeof(char);
        for (var at = HeaderBytes; at + EntryBytes <= file.Length; at += EntryBytes)
        {
            var entry = file.Slice(at, EntryBytes);
            var nameBytes = BinaryPrimitives.ReadUInt16LittleEndian(entry[NameBytes..]);
            var type = entry[66];
            if (nameBytes != wantedBytes || type is not (1 or 2)) continue;
            // The name is UTF-16 little-endian, the machine's order on every platform .NET runs Ayumi on.
            var written = MemoryMarshal.Cast<byte, char>(entry[..(wantedBytes - sizeof(char))]);
            if (written.Equals(name, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>Excel encrypts an .xlsx by wrapping it in a compound file with these two streams; either one is enough to tell.</summary>
    public static bool IsEncryptedPackage(ReadOnlySpan<byte> file) => HasEntry(file, "EncryptionInfo") || HasEntry(file, "EncryptedPackage");
}
