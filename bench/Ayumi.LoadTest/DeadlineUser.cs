using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Ayumi.LoadTest;

/// <summary>One timed request of the deadline scenario: its step, time, and what went wrong (null when it did what the step expects).</summary>
public sealed record StepResult(string Step, double Milliseconds, string? Error);

/// <summary>
/// A department editor in deadline week, with a browser of its own (cookie container, one
/// connection): signs in, loads the to-do list, opens its part, saves it twice and submits it,
/// thinking between steps. It stops at the first step that fails.
/// </summary>
public sealed partial class DeadlineUser(int index, string email, int partId, Uri target, TimeSpan timeout) : IDisposable
{
    public const string SignIn = "sign in (GET + POST /account/login)";
    public const string ToDoList = "to-do list (GET /my)";
    public const string OpenEntry = "open the entry (GET /entries/{id})";
    public const string Save = "save (POST ?handler=Save)";
    public const string Submit = "submit (POST ?handler=Submit)";

    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        CookieContainer = new CookieContainer(),
        AllowAutoRedirect = false,
        MaxConnectionsPerServer = 1,
        UseProxy = false,
    })
    { BaseAddress = target, Timeout = timeout };

    private string _token = "";
    private string? _grade;
    private bool _hasTarget;

    public int Index => index;
    public int PartId => partId;
    public List<StepResult> Results { get; } = [];
    /// <summary>The Results text of the last save the server confirmed; the database must hold exactly this at the end.</summary>
    public string? LastConfirmedText { get; private set; }
    public bool Submitted { get; private set; }

    public async Task RunAsync(string password, Func<CancellationToken, Task> think, CancellationToken ct)
    {
        if (!await StepAsync(SignIn, () => SignInAsync(password, ct))) return;
        await think(ct);
        if (!await StepAsync(ToDoList, async () =>
        {
            var page = await GetAsync("/my", ct);
            return page.Contains($"href=\"/entries/{partId}\"", StringComparison.Ordinal) ? null : "the list does not link to the user's part";
        })) return;
        await think(ct);
        if (!await StepAsync(OpenEntry, () => OpenAsync(ct))) return;
        for (var n = 1; n <= 2; n++)
        {
            await think(ct);
            var text = TextOf(n);
            if (!await StepAsync(Save, () => PostAsync("Save", text, "draft", ct))) return;
        }
        await think(ct);
        Submitted = await StepAsync(Submit, () => PostAsync("Submit", TextOf(3), "submitted", ct));
    }

    private string TextOf(int n) => $"締切週の負荷試験 {index + 1:D3}：第{n}回の保存。相談支援を{n + 2}回実施し、延べ{n * 7 + index % 50}人が利用した。";

    private async Task<bool> StepAsync(string step, Func<Task<string?>> request)
    {
        var start = Stopwatch.GetTimestamp();
        string? error;
        try { error = await request(); }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or InvalidOperationException or FormatException)
        {
            error = $"{e.GetType().Name}: {e.Message}";
        }
        Results.Add(new StepResult(step, Stopwatch.GetElapsedTime(start).TotalMilliseconds, error));
        return error is null;
    }

    private async Task<string?> SignInAsync(string password, CancellationToken ct)
    {
        var login = await GetAsync("/account/login", ct);
        using var response = await _client.PostAsync("/account/login", new FormUrlEncodedContent(
        [
            new("Email", email), new("Password", password), new("ReturnUrl", ""), new("__RequestVerificationToken", Value(login, "__RequestVerificationToken")),
        ]), ct);
        return response.StatusCode == HttpStatusCode.Redirect ? null : $"sign-in answered {(int)response.StatusCode}";
    }

    private async Task<string?> OpenAsync(CancellationToken ct)
    {
        var page = await GetAsync($"/entries/{partId}", ct);
        _token = Value(page, "__RequestVerificationToken");
        _grade = GradeChoice().Match(page) is { Success: true } grade ? WebUtility.HtmlDecode(grade.Groups[1].Value) : null;
        _hasTarget = page.Contains("name=\"Input.TargetProgress\"", StringComparison.Ordinal);
        Version = int.Parse(Value(page, "Input.Version"));
        return null;
    }

    /// <summary>The part's version as this user last saw it: from the form, then +1 per confirmed save (a submission is a save, then a submission).</summary>
    private int Version { get; set; }

    /// <summary>Posts the whole form, every field filled so that it may be submitted; expects 302 to ?saved=<paramref name="saved"/>.</summary>
    private async Task<string?> PostAsync(string handler, string results, string saved, CancellationToken ct)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.Version", Version.ToString()),
            new("Input.PlannedWork", "地域の関係機関と連携し、相談支援を継続して実施する。"),
            new("Input.Results", results),
            new("Input.InitialBudget", "1,200"),
            new("Input.FinalBudget", "1,150"),
            new("Input.IssuesAndDirection", "参加者の固定化が課題であり、周知方法を見直す。"),
            new("Input.NextYearPlan", "継続して実施する。"),
            new("__RequestVerificationToken", _token),
        };
        if (_grade is not null) fields.Add(new("Input.Grade", _grade));
        if (_hasTarget) fields.Add(new("Input.TargetProgress", "おおむね達成"));
        using var response = await _client.PostAsync($"/entries/{partId}?handler={handler}", new FormUrlEncodedContent(fields), ct);
        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == $"/entries/{partId}?saved={saved}")
        {
            Version++;
            LastConfirmedText = results;
            return null;
        }
        if (response.StatusCode != HttpStatusCode.OK) return $"{(int)response.StatusCode} {response.Headers.Location}";
        var body = await response.Content.ReadAsStringAsync(ct);
        return body.Contains("data-table conflict", StringComparison.Ordinal) ? "conflict table shown (stale version)" : $"form shown again: {Notice(body)}";
    }

    private async Task<string> GetAsync(string url, CancellationToken ct)
    {
        using var response = await _client.GetAsync(url, ct);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode} {response.Headers.Location}");
        return await response.Content.ReadAsStringAsync(ct);
    }

    private static string Value(string html, string name) =>
        VirtualUser.TryHiddenValue(html, name) ?? throw new InvalidOperationException($"the page has no input named {name}");

    private static string Notice(string html) =>
        NoticeText().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(TagsOf().Replace(m.Groups[1].Value, " ")).Trim() : "(no notice)";

    [GeneratedRegex("<input type=\"radio\" name=\"Input.Grade\" value=\"([^\"]*)\"")]
    private static partial Regex GradeChoice();

    [GeneratedRegex("class=\"notice[^\"]*\"[^>]*>(.{0,300})", RegexOptions.Singleline)]
    private static partial Regex NoticeText();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagsOf();

    public void Dispose() => _client.Dispose();
}
