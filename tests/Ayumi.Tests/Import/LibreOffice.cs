using System.ComponentModel;
using System.Diagnostics;

namespace Ayumi.Tests.Import;

/// <summary>
/// Makes real legacy .xls files from .xlsx with LibreOffice, because nothing in .NET writes
/// BIFF8. Tests that need it fail rather than skip when LibreOffice is missing: scripts/test.sh
/// installs it (Debian's libreoffice-calc-nogui).
/// </summary>
public static class LibreOffice
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static byte[] ConvertToXls(byte[] xlsx) => ConvertToXls([xlsx])[0];

    /// <summary>Several workbooks in one LibreOffice start, which is most of the time a conversion takes.</summary>
    public static IReadOnlyList<byte[]> ConvertToXls(IReadOnlyList<byte[]> workbooks)
    {
        var folder = Directory.CreateTempSubdirectory("ayumi-libreoffice-");
        try
        {
            var start = new ProcessStartInfo("libreoffice")
            {
                ArgumentList = { "--headless", "--convert-to", "xls", "--outdir", folder.FullName },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            for (var i = 0; i < workbooks.Count; i++)
            {
                var input = Path.Combine(folder.FullName, $"book{i}.xlsx");
                File.WriteAllBytes(input, workbooks[i]);
                start.ArgumentList.Add(input);
            }
            // Its own profile folder, so that conversions running side by side do not share a lock.
            start.Environment["HOME"] = folder.FullName;
            using var process = Start(start);
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"LibreOffice did not convert within {Timeout.TotalSeconds} s.");
            }
            var results = Enumerable.Range(0, workbooks.Count).Select(i => Path.Combine(folder.FullName, $"book{i}.xls")).ToList();
            if (process.ExitCode != 0 || !results.All(File.Exists))
                throw new InvalidOperationException($"LibreOffice could not convert (exit {process.ExitCode}): {output.Result} {errors.Result}");
            return [.. results.Select(File.ReadAllBytes)];
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException("LibreOffice did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                "LibreOffice is needed to make .xls test files: run scripts/test.sh, or apt-get install --no-install-recommends libreoffice-calc-nogui.", e);
        }
    }
}
