using System.Text.Json;
using DurableObjects.Channels.Configuration;
using DurableObjects.Channels.Email;
using DurableObjects.Channels.UnitTests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DurableObjects.Channels.UnitTests.Email;

public sealed class SendGridEmailSenderTests
{
    private const string ApiKey = "SG.test-key";

    private static SendGridEmailSender Sender(HttpClient http, Uri baseAddress) => new(
        http,
        Options.Create(new EmailOptions { SendGridApiKey = ApiKey, SendGridApiBaseUrl = baseAddress.ToString(), FromEmail = "robot@objects.example.com" }),
        NullLogger<SendGridEmailSender>.Instance);

    [Fact]
    public async Task SendAsync_TextAndHtml_PostsV3MailSendJsonWithBearerKey()
    {
        await using var sendGrid = await HttpStandIn.StartAsync(_ => new StandInResponse(202, string.Empty, "text/plain", new Dictionary<string, string> { ["X-Message-Id"] = "msg-1" }));
        using var http = new HttpClient();

        var id = await Sender(http, sendGrid.BaseAddress).SendAsync(new EmailMessage("ada@example.com", "Run finished", "Calculator v3 is live.", "<p>Calculator v3 is live.</p>"));

        var request = Assert.Single(sendGrid.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v3/mail/send", request.Path);
        Assert.Equal($"Bearer {ApiKey}", request.Header("Authorization"));
        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal("ada@example.com", root.GetProperty("personalizations")[0].GetProperty("to")[0].GetProperty("email").GetString());
        Assert.Equal("robot@objects.example.com", root.GetProperty("from").GetProperty("email").GetString());
        // The SendGrid library puts a single email's subject in its personalization, which v3 allows.
        var subject = root.TryGetProperty("subject", out var top) ? top : root.GetProperty("personalizations")[0].GetProperty("subject");
        Assert.Equal("Run finished", subject.GetString());
        var content = root.GetProperty("content").EnumerateArray().ToDictionary(c => c.GetProperty("type").GetString()!, c => c.GetProperty("value").GetString());
        Assert.Equal("Calculator v3 is live.", content["text/plain"]);
        Assert.Equal("<p>Calculator v3 is live.</p>", content["text/html"]);
        Assert.Equal("msg-1", id);
    }

    [Fact]
    public async Task SendAsync_SendGridRefuses_ThrowsChannelException()
    {
        await using var sendGrid = await HttpStandIn.StartAsync(_ => new StandInResponse(401, """{"errors":[{"message":"The provided authorization grant is invalid."}]}"""));
        using var http = new HttpClient();

        var error = await Assert.ThrowsAsync<ChannelException>(() => Sender(http, sendGrid.BaseAddress).SendAsync(new EmailMessage("ada@example.com", "s", "t")));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.DoesNotContain(ApiKey, error.Message, StringComparison.Ordinal);
    }
}
