using System.IO.Compression;
using Ayumi.Tests.Import.Reading;

namespace Ayumi.Benchmarks;

/// <summary>Writes the crafted uploads of issue 15 (bench/README.md, section 6) and the import benchmark's workbook, and says how far each expands.</summary>
public static class CraftedUploadFiles
{
    public static int Write(string folder)
    {
        Directory.CreateDirectory(folder);
        var encrypted = Path.Combine(folder, "encrypted-lowercase.xlsx");
        File.WriteAllBytes(encrypted, CraftedUploads.LowerCaseEncryptedWorkbook());
        Console.WriteLine($"{encrypted}: {new FileInfo(encrypted).Length:N0} bytes, a compound file with the streams encryptioninfo and encryptedpackage");
        var expanding = Path.Combine(folder, "expanding.xlsx");
        File.WriteAllBytes(expanding, CraftedUploads.ExpandingWorkbook());
        Describe(expanding);
        // The legitimate file the limits must admit with room to spare.
        var benchmark = Path.Combine(folder, ImportWorkbook.FileName);
        File.WriteAllBytes(benchmark, ImportWorkbook.Create());
        Describe(benchmark);
        return 0;
    }

    private static void Describe(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        Console.WriteLine($"{path}: {new FileInfo(path).Length:N0} bytes, expanding to {zip.Entries.Sum(e => e.Length):N0} bytes in {zip.Entries.Count} parts " +
            $"(largest: {zip.Entries.MaxBy(e => e.Length)!.FullName}, {zip.Entries.Max(e => e.Length):N0} bytes)");
    }
}
