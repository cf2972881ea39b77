using System.Buffers.Binary;
using System.Text;

namespace Ayumi.Features.Import.Reading;

/// <summary>Looks inside an OLE compound file (legacy .xls, and the container Excel uses for encrypted .xlsx).</summary>
internal static class CompoundFile
{
    private const int HeaderBytes = 512;
    private const int EntryBytes = 128;

    /// <summary>
    /// Whether the file has a storage or stream of that name. Directory entries always sit on
    /// 128-byte boundaries after the header, whatever the sector size, so looking at every such
    /// boundary finds them without following the allocation table, even in a damaged file.
    /// </summary>
    public static bool HasEntry(ReadOnlySpan<byte> file, string name)
    {
        var wanted = Encoding.Unicode.GetBytes(name + "\0");
        for (var at = HeaderBytes; at + EntryBytes <= file.Length; at += EntryBytes)
        {
            var entry = file.Slice(at, EntryBytes);
            var nameBytes = BinaryPrimitives.ReadUInt16LittleEndian(entry[64..]);
            var type = entry[66];
            if (nameBytes == wanted.Length && type is 1 or 2 && entry.StartsWith(wanted)) return true;
        }
        return false;
    }
}
