using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Ayumi.LoadTest;

public enum Outcome
{
    Saved,
    /// <summary>200 with the side-by-side conflict table: the version was stale.</summary>
    Conflict,
    /// <summary>200 with another message (validation, refusal).</summary>
    NotSaved,
    /// <summary>Any other status or redirect target.</summary>
    BadStatus,
    /// <summary>Timeout, connection reset and the like.</summary>
    Exception,
}

/// <summary>
/// One department editor with a browser of its own (cookie container, one connection): it
/// signs in, reads its part's form once, and then saves that part again and again.
/// </summary>
public sealed partial class VirtualUser : IDisposable
{
    private readonly HttpClient _client;
    private string _token = "";
    private int _saves;

    public VirtualUser(int index, string email, int partId, Uri target, TimeSpan timeout)
    {
        Index = index;
        Email = email;
        PartId = partId;
        _client = new HttpClient(new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            UseCookies = true,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = 1,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
        })
        { BaseAddress = target, Timeout = timeout };
    }

    public int Index { get; }
    public string Email { get; }
    public int PartId { get; }
    /// <summary>The part's version as this user last saw it: from the form, then +1 per save.</summary>
    public int Version { get; set; }
    public List<double> Latencies { get; } = new(4096);
    public Dictionary<string, int> Failures { get; } = [];

    public void Record(double milliseconds, Outcome outcome, string? detail = null)
    {
        Latencies.Add(milliseconds);
        if (outcome == Outcome.Saved) return;
        var key = detail is null ? outcome.ToString() : $"{outcome}: {detail}";
        Failures[key] = Failures.GetValueOrDefault(key) + 1;
    }

    /// <summary>Non-successes of requests that started before the measured window (warm-up), by kind.</summary>
    public Dictionary<string, int> WarmupFailures { get; } = [];

    public void RecordWarmup(Outcome outcome, string? detail)
    {
        if (outcome == Outcome.Saved) return;
        var key = detail is null ? outcome.ToString() : $"{outcome}: {detail}";
        WarmupFailures[key] = WarmupFailures.GetValueOrDefault(key) + 1;
    }

    public void ResetRecords()
    {
        Latencies.Clear();
        Failures.Clear();
        WarmupFailures.Clear();
    }

    /// <summary>GET /account/login, POST it (302 to /my), then GET the part's form for its token and version.</summary>
    public async Task SignInAsync(string password, CancellationToken ct)
    {
        var login = await GetPageAsync("/account/login", ct);
        using var response = await _client.PostAsync("/account/login", new FormUrlEncodedContent(
        [
            new("Email", Email), new("Password", password), new("ReturnUrl", ""), new("__RequestVerificationToken", HiddenValue(login, "__RequestVerificationToken")),
        ]), ct);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"{Email}: sign-in answered {(int)response.StatusCode}, not a redirect");
        await ReadFormAsync(ct);
    }

    /// <summary>Reads the part's edit page: the anti-forgery token for this signed-in user and the current version.</summary>
    public async Task ReadFormAsync(CancellationToken ct)
    {
        var page = await GetPageAsync($"/entries/{PartId}", ct);
        _token = HiddenValue(page, "__RequestVerificationToken");
        Version = int.Parse(HiddenValue(page, "Input.Version"));
    }

    /// <summary>One save of the part through the product: POST /entries/{id}?handler=Save, expecting 302 to ?saved=draft.</summary>
    public async Task<(double Milliseconds, Outcome Outcome, string? Detail)> SaveAsync(CancellationToken ct)
    {
        var n = ++_saves;
        var content = new FormUrlEncodedContent(
        [
            new("Input.Version", Version.ToString()),
            new("Input.PlannedWork", "地域の関係機関と連携し、相談支援を継続して実施する。"),
            new("Input.Results", $"負荷試験 {Index + 1:D3}：第{n}回の保存。研修会を{n % 12 + 1}回開催し、延べ{n % 300 + 20}人が参加した。"),
            new("Input.Grade", "B"),
            new("Input.InitialBudget", "1,200"),
            new("Input.FinalBudget", "1,150"),
            new("Input.IssuesAndDirection", "参加者の固定化が課題であり、周知方法を見直す。"),
            new("Input.NextYearPlan", "継続して実施する。"),
            new("Input.TargetProgress", "おおむね達成"),
            new("__RequestVerificationToken", _token),
        ]);
        var start = Stopwatch.GetTimestamp();
        try
        {
            // The default completion option buffers the whole response, so the latency includes the body.
            using var response = await _client.PostAsync($"/entries/{PartId}?handler=Save", content, ct);
            var body = response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync(ct) : null;
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == $"/entries/{PartId}?saved=draft")
            {
                Version++;
                return (elapsed, Outcome.Saved, null);
            }
            if (body is not null)
            {
                // The page shows the stored version again; take it so the next save does not repeat the conflict.
                if (TryHiddenValue(body, "Input.Version") is { } version) Version = int.Parse(version);
                return body.Contains("data-table conflict", StringComparison.Ordinal)
                    ? (elapsed, Outcome.Conflict, null)
                    : (elapsed, Outcome.NotSaved, null);
            }
            var detail = response.StatusCode == HttpStatusCode.Redirect ? $"302 to {response.Headers.Location}" : ((int)response.StatusCode).ToString();
            await ResyncAsync(ct);
            return (elapsed, Outcome.BadStatus, detail);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !ct.IsCancellationRequested)
        {
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            await ResyncAsync(ct);
            return (elapsed, Outcome.Exception, e.GetType().Name);
        }
    }

    /// <summary>The same form, posted to the baseline endpoint (a single-row UPDATE), expecting the same redirect.</summary>
    public async Task<(double Milliseconds, Outcome Outcome, string? Detail)> SaveBaselineAsync(Uri baseline, CancellationToken ct)
    {
        var n = ++_saves;
        var content = new FormUrlEncodedContent(
        [
            new("Input.Version", Version.ToString()),
            new("Input.Results", $"基準 {Index + 1:D3}：第{n}回の保存。研修会を{n % 12 + 1}回開催し、延べ{n % 300 + 20}人が参加した。"),
        ]);
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _client.PostAsync(new Uri(baseline, $"/save/{PartId}"), content, ct);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                Version++;
                return (elapsed, Outcome.Saved, null);
            }
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                Version = int.Parse(await response.Content.ReadAsStringAsync(ct));
                return (elapsed, Outcome.Conflict, null);
            }
            return (elapsed, Outcome.BadStatus, ((int)response.StatusCode).ToString());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !ct.IsCancellationRequested)
        {
            return (Stopwatch.GetElapsedTime(start).TotalMilliseconds, Outcome.Exception, e.GetType().Name);
        }
    }

    /// <summary>After an answer that leaves the stored version unknown, read it again (not timed).</summary>
    private async Task ResyncAsync(CancellationToken ct)
    {
        try { await ReadFormAsync(ct); }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or InvalidOperationException or FormatException) { }
    }

    private async Task<string> GetPageAsync(string url, CancellationToken ct)
    {
        using var response = await _client.GetAsync(url, ct);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"{Email}: GET {url} answered {(int)response.StatusCode} {response.Headers.Location}");
        return await response.Content.ReadAsStringAsync(ct);
    }

    private static string HiddenValue(string html, string name) =>
        TryHiddenValue(html, name) ?? throw new InvalidOperationException($"the page has no input named {name}");

    /// <summary>The value of the first <c>&lt;input name="…"&gt;</c>, whatever the order of its attributes.</summary>
    public static string? TryHiddenValue(string html, string name)
    {
        foreach (Match input in InputTag().Matches(html))
        {
            var tag = input.Value;
            var n = NameAttribute().Match(tag);
            if (!n.Success || WebUtility.HtmlDecode(n.Groups[1].Value) != name) continue;
            var v = ValueAttribute().Match(tag);
            return v.Success ? WebUtility.HtmlDecode(v.Groups[1].Value) : "";
        }
        return null;
    }

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    [GeneratedRegex("\\sname=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex NameAttribute();

    [GeneratedRegex("\\svalue=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ValueAttribute();

    public void Dispose() => _client.Dispose();
}
