using System.Text.Json;
using Ayumi.Domain;

namespace Ayumi.Features.Import;

/// <summary>What was uploaded, by whom, for which organisation, and with which choices.</summary>
/// <param name="NewPlan">The plan to create from the sheet, as answered in the wizard (<see cref="PlanFromSheet"/>).</param>
public sealed record UploadedFile(string Id, string FileName, string OrganisationCode, string UserId, string? PlanName, string? Year, int? ProfileId, DateTimeOffset UploadedAt,
    Plans.PlanSettingsForm? NewPlan = null);

/// <summary>
/// Keeps an uploaded file between its preview and its commit, so that the user does not
/// upload it twice. Files live in a folder of their own (<c>Ayumi:ImportFolder</c>, by
/// default under the system's temporary folder) and are removed after a day; only the
/// user who uploaded a file can read it back.
/// </summary>
public sealed class ImportUploads(IConfiguration configuration, TimeProvider clock)
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);

    private string Folder => configuration["Ayumi:ImportFolder"] ?? Path.Combine(Path.GetTempPath(), "ayumi-imports");

    public async Task<UploadedFile> SaveAsync(Stream content, string fileName, string organisationCode, string userId, string? planName, string? year, int? profileId, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        RemoveExpired();
        var upload = new UploadedFile(Guid.NewGuid().ToString("N"), Path.GetFileName(fileName), organisationCode, userId, planName, year, profileId, clock.GetUtcNow());
        await using (var file = File.Create(DataPath(upload.Id))) await content.CopyToAsync(file, cancellationToken);
        await File.WriteAllTextAsync(InfoPath(upload.Id), JsonSerializer.Serialize(upload), cancellationToken);
        return upload;
    }

    /// <summary>The upload, if it exists, belongs to this user and organisation, and has not expired.</summary>
    public UploadedFile? Find(string id, string organisationCode, string userId)
    {
        if (id.Length != 32 || !id.All(char.IsAsciiHexDigitLower)) return null;
        if (!File.Exists(InfoPath(id)) || !File.Exists(DataPath(id))) return null;
        var upload = JsonSerializer.Deserialize<UploadedFile>(File.ReadAllText(InfoPath(id)));
        return upload is not null && upload.OrganisationCode == organisationCode && upload.UserId == userId && clock.GetUtcNow() - upload.UploadedAt < KeptFor
            ? upload : null;
    }

    public Stream Open(UploadedFile upload) => File.OpenRead(DataPath(upload.Id));

    public void Update(UploadedFile upload) => File.WriteAllText(InfoPath(upload.Id), JsonSerializer.Serialize(upload));

    public void Remove(UploadedFile upload)
    {
        File.Delete(DataPath(upload.Id));
        File.Delete(InfoPath(upload.Id));
    }

    private void RemoveExpired()
    {
        foreach (var info in Directory.EnumerateFiles(Folder, "*.json"))
        {
            if (clock.GetUtcNow() - File.GetLastWriteTimeUtc(info) < KeptFor) continue;
            File.Delete(info);
            File.Delete(Path.ChangeExtension(info, ".upload"));
        }
    }

    private string DataPath(string id) => Path.Combine(Folder, id + ".upload");
    private string InfoPath(string id) => Path.Combine(Folder, id + ".json");

    public FiscalYear? YearOf(UploadedFile upload) => FiscalYear.TryParse(upload.Year, out var year) ? year : null;
}
