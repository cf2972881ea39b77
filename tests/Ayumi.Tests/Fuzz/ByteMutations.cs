using System.Text;

namespace Ayumi.Tests.Fuzz;

/// <summary>Mutations of a file as bytes, whatever its format: the damage a disk, a mail gateway or a half-finished download does.</summary>
internal static class ByteMutations
{
    /// <summary>Bytes that mean something to a CSV, XML, zip or UTF-8 reader.</summary>
    private static readonly byte[][] Interesting =
    [
        [0x00], [0xFF], [0x7F], [0x80], [(byte)'"'], [(byte)'\t'], [(byte)','], [(byte)'\n'], [(byte)'\r'], [(byte)'<'], [(byte)'>'], [(byte)'&'],
        [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0xE3, 0x81], [0xF0, 0x9F, 0x98], [0xC0, 0xAF], [0x82, 0xA0],
        "PK\x03\x04"u8.ToArray(), [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "]]>"u8.ToArray(), "&#0;"u8.ToArray(),
    ];

    public static byte[] Mutate(Random random, byte[] input)
    {
        if (input.Length == 0) return [.. Interesting[random.Next(Interesting.Length)]];
        var bytes = new List<byte>(input);
        switch (random.Next(8))
        {
            case 0: // flip one bit
                var at = random.Next(bytes.Count);
                bytes[at] ^= (byte)(1 << random.Next(8));
                break;
            case 1: // overwrite a few bytes with random ones
                for (var n = random.Next(1, 9); n > 0; n--) bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
                break;
            case 2: // insert something meaningful
                bytes.InsertRange(random.Next(bytes.Count + 1), Interesting[random.Next(Interesting.Length)]);
                break;
            case 3: // delete a run
                var start = random.Next(bytes.Count);
                bytes.RemoveRange(start, Math.Min(bytes.Count - start, random.Next(1, 64)));
                break;
            case 4: // truncate
                var keep = random.Next(bytes.Count);
                bytes.RemoveRange(keep, bytes.Count - keep);
                break;
            case 5: // repeat a run in place
                var from = random.Next(bytes.Count);
                var run = bytes.GetRange(from, Math.Min(bytes.Count - from, random.Next(1, 256)));
                for (var n = random.Next(1, 4); n > 0; n--) bytes.InsertRange(from, run);
                break;
            case 6: // copy a run elsewhere
                var source = random.Next(bytes.Count);
                var chunk = bytes.GetRange(source, Math.Min(bytes.Count - source, random.Next(1, 128)));
                bytes.InsertRange(random.Next(bytes.Count + 1), chunk);
                break;
            default: // a digit changed to another, to move numbers (lengths, offsets, sizes) a little or a lot
                var digits = Enumerable.Range(0, bytes.Count).Where(i => bytes[i] is >= (byte)'0' and <= (byte)'9').ToList();
                if (digits.Count == 0) goto case 0;
                bytes[digits[random.Next(digits.Count)]] = (byte)('0' + random.Next(10));
                break;
        }
        return [.. bytes];
    }

    /// <summary>The same text in another encoding readers meet: Shift_JIS, UTF-16 with its mark, UTF-8 with a mark.</summary>
    public static byte[] Reencode(Random random, byte[] utf8)
    {
        var text = Encoding.UTF8.GetString(utf8);
        return random.Next(3) switch
        {
            0 => ShiftJis.GetBytes(text),
            1 => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
            _ => [.. Encoding.UTF8.GetPreamble(), .. utf8],
        };
    }

    private static readonly Encoding ShiftJis = CreateShiftJis();

    private static Encoding CreateShiftJis()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932);
    }
}
