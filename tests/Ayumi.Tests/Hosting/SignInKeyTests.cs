using System.Net;
using Ayumi.Domain;
using Ayumi.Tests.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Ayumi.Tests.Hosting;

/// <summary>The sign-in keys live in the database, so a second server (or a restart elsewhere) keeps everyone signed in; on SQLite and PostgreSQL.</summary>
public abstract class SignInKeyTests(AyumiFixture fixture)
{
    [Fact]
    public async Task A_sign_in_made_on_one_server_is_accepted_by_another_server_with_its_own_data_folder_on_the_same_database()
    {
        const string email = "keys@ena.example.jp";
        await fixture.Factory.CreateAsync(email, "212105", MemberRole.Secretariat);
        var user = await fixture.Factory.SignedInAsync(email);
        var cookie = string.Join("; ", user.LastResponse!.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

        var otherFolder = Directory.CreateTempSubdirectory("ayumi-other-server-").FullName;
        try
        {
            await using var otherServer = fixture.Factory.WithWebHostBuilder(b => b.UseSetting("Ayumi:DataFolder", otherFolder));
            var client = otherServer.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            using var request = new HttpRequestMessage(HttpMethod.Get, "/account/password");
            request.Headers.Add("Cookie", cookie);
            var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Empty(Directory.EnumerateFileSystemEntries(otherFolder, "*.xml", SearchOption.AllDirectories));
        }
        finally
        {
            Directory.Delete(otherFolder, recursive: true);
        }
        var keys = await fixture.Factory.QueryAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
        Assert.Contains(keys, xml => xml!.Contains("<key "));
    }
}

public sealed class SqliteSignInKeyTests(SqliteAyumi fixture) : SignInKeyTests(fixture), IClassFixture<SqliteAyumi>;

public sealed class PostgresSignInKeyTests(PostgresAyumi fixture) : SignInKeyTests(fixture), IClassFixture<PostgresAyumi>;
