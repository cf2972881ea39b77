using System.Net;
using System.Net.Mail;

namespace Ayumi.Features.Shared;

/// <summary>Sends mail through the SMTP server in <c>Ayumi:Smtp</c>, when one is configured.</summary>
public sealed class Mailer(IConfiguration configuration, ILogger<Mailer> logger)
{
    public bool IsConfigured => !string.IsNullOrWhiteSpace(configuration["Ayumi:Smtp:Host"]);

    /// <returns>Whether the message was handed to the server.</returns>
    public async Task<bool> SendAsync(string to, string subject, string body, CancellationToken ct = default)
    {
        if (!IsConfigured) return false;
        var smtp = configuration.GetSection("Ayumi:Smtp");
        using var client = new SmtpClient(smtp["Host"], smtp.GetValue("Port", 25)) { EnableSsl = smtp.GetValue("EnableSsl", false) };
        if (smtp["User"] is { Length: > 0 } user) client.Credentials = new NetworkCredential(user, smtp["Password"]);
        using var message = new MailMessage(smtp["From"] ?? "ayumi@localhost", to, subject, body);
        try
        {
            await client.SendMailAsync(message, ct);
            return true;
        }
        catch (SmtpException e)
        {
            logger.LogWarning(e, "Mail to {To} could not be sent", to);
            return false;
        }
    }
}
