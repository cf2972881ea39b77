using Ayumi.Features.Import.Reading;

namespace Ayumi.Features.Import;

/// <summary>
/// Reading an uploaded file takes a core and memory in proportion to what the file expands to,
/// so every read of one (preview, commit, column mapping, indicator sheet, the command line's
/// import) passes this gate: at most <c>Ayumi:Import:MaxConcurrent</c> files at once (default 2),
/// refused at once rather than queued, and each stopped after <c>Ayumi:Import:TimeLimitSeconds</c>
/// (default 60) or when its request is aborted. One gate per process.
/// <para>
/// A file near the limits takes 100 MB or more while it is read. The garbage collector keeps
/// such memory for later rather than returning it, so a server that has read one large file
/// would stay that large: when the last file being read is done, and the reads since the gate
/// was last idle allocated more than <see cref="GiveBackAfterBytes"/>, the gate runs one
/// compacting collection that returns the free memory to the system (bench/README.md, section 6:
/// the benchmark's preview took about 50 ms more CPU, this and the counting of inflated bytes together).
/// </para>
/// </summary>
public sealed class ImportGate : IDisposable
{
    private const long GiveBackAfterBytes = 64 * 1024 * 1024;

    private readonly IConfiguration _configuration;
    private readonly SemaphoreSlim _slots;
    private long _allocatedWhenIdle;

    public ImportGate(IConfiguration configuration)
    {
        _configuration = configuration;
        MaxConcurrent = Math.Max(1, configuration.GetValue("Ayumi:Import:MaxConcurrent", 2));
        _slots = new SemaphoreSlim(MaxConcurrent);
    }

    /// <summary>Fixed when the process starts; a changed setting takes effect on the next start.</summary>
    public int MaxConcurrent { get; }

    /// <summary>Read for every file, so that a reloaded setting applies to the next one.</summary>
    private TimeSpan TimeLimit => TimeSpan.FromSeconds(_configuration.GetValue("Ayumi:Import:TimeLimitSeconds", 60d));

    /// <summary>
    /// Runs <paramref name="work"/> on the file with a token cancelled when <paramref name="requestAborted"/>
    /// is, or when the time limit has passed.
    /// </summary>
    /// <exception cref="ImportFileException">import.busy when as many files as allowed are being read;
    /// import.timedOut when the work did not end within the time limit.</exception>
    public async Task<T> RunAsync<T>(string fileName, Func<CancellationToken, Task<T>> work, CancellationToken requestAborted)
    {
        if (!_slots.Wait(0)) throw ReadProblems.Busy(fileName, MaxConcurrent);
        if (_slots.CurrentCount == MaxConcurrent - 1) Interlocked.Exchange(ref _allocatedWhenIdle, GC.GetTotalAllocatedBytes());
        var limit = TimeLimit;
        try
        {
            using var timeout = new CancellationTokenSource(limit);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, timeout.Token);
            try { return await work(linked.Token); }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !requestAborted.IsCancellationRequested)
            {
                throw ReadProblems.TimedOut(fileName, (int)Math.Ceiling(limit.TotalSeconds));
            }
        }
        finally
        {
            if (_slots.Release() == MaxConcurrent - 1) GiveMemoryBack();
        }
    }

    private void GiveMemoryBack()
    {
        if (GC.GetTotalAllocatedBytes() - Interlocked.Read(ref _allocatedWhenIdle) < GiveBackAfterBytes) return;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    public void Dispose() => _slots.Dispose();
}
