using DurableObjects.Channels.Configuration;
using DurableObjects.Channels.Email;
using DurableObjects.Channels.UnitTests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DurableObjects.Channels.UnitTests.Email;

public sealed class SmtpEmailSenderTests
{
    [Fact]
    public async Task SendAsync_LocalSmtpListener_DeliversTextAndHtmlWithAuth()
    {
        await using var smtp = new SmtpStandIn();
        var sender = new SmtpEmailSender(
            Options.Create(new EmailOptions
            {
                SmtpHost = "127.0.0.1",
                SmtpPort = smtp.Port,
                SmtpSecurity = "none",
                SmtpUsername = "mailer",
                SmtpPassword = "s3cret",
                FromEmail = "robot@objects.example.com",
            }),
            NullLogger<SmtpEmailSender>.Instance);

        await sender.SendAsync(new EmailMessage("ada@example.com", "Run finished", "Calculator v3 is live.", "<p>Calculator <b>v3</b> is live.</p>"));

        var data = await smtp.Received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("robot@objects.example.com", smtp.MailFrom);
        Assert.Equal(["ada@example.com"], smtp.RecipientsTo);
        Assert.Equal("\0mailer\0s3cret", smtp.AuthPlain);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(data));
        var message = await MimeMessage.LoadAsync(stream);
        Assert.Equal("Run finished", message.Subject);
        Assert.Equal("Calculator v3 is live.", message.TextBody?.Trim());
        Assert.Equal("<p>Calculator <b>v3</b> is live.</p>", message.HtmlBody?.Trim());
    }

    [Fact]
    public async Task SendAsync_NothingListening_ThrowsChannelException()
    {
        int port;
        await using (var closed = new SmtpStandIn())
        {
            port = closed.Port;
        }

        var sender = new SmtpEmailSender(
            Options.Create(new EmailOptions { SmtpHost = "127.0.0.1", SmtpPort = port, SmtpSecurity = "none", FromEmail = "robot@objects.example.com" }),
            NullLogger<SmtpEmailSender>.Instance);

        await Assert.ThrowsAsync<ChannelException>(() => sender.SendAsync(new EmailMessage("ada@example.com", "s", "t")));
    }
}
