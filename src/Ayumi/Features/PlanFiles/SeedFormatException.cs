namespace Ayumi.Features.PlanFiles;

/// <summary>Reading a demo document or plan file failed; says which file, which line and why.</summary>
public sealed class SeedFormatException(string file, int line, string reason)
    : Exception($"{file}:{line}: {reason}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public string Reason { get; } = reason;
}
