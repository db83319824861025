using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using DurableObjects.Channels.Twilio;
using DurableObjects.Channels.UnitTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DurableObjects.Channels.UnitTests.Twilio;

/// <summary>A real Kestrel app with a webhook guarded by <see cref="TwilioSignatureFilter"/>, called over HTTP.</summary>
public sealed class TwilioWebhookTests : IAsyncLifetime
{
    private const string PublicBase = "https://objects.example.com";
    private static readonly Dictionary<string, string> Form = new()
    {
        ["MessageSid"] = "SM1",
        ["From"] = "+15551234567",
        ["To"] = TestOptions.FromNumber,
        ["Body"] = "deploy Calculator",
    };

    private WebApplication app = null!;
    private Uri address = null!;
    private int executed;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["TWILIO_AUTH_TOKEN"] = TestOptions.AuthToken;
        builder.Configuration["PUBLIC_BASE_URL"] = PublicBase;
        builder.Services.AddDurableObjectsChannels(builder.Configuration);
        app = builder.Build();
        app.MapPost("/webhooks/sms", async (HttpRequest request) =>
        {
            Interlocked.Increment(ref executed);
            var form = await TwilioWebhookForm.ReadAsync(request);
            return TwilioReplies.Sms($"Got '{form.Body}' from {form.From}").ToResult();
        }).RequireTwilioSignature();
        await app.StartAsync();
        address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "Twilio's protocol.")]
    private static string Sign(string url, IDictionary<string, string> form)
    {
        var data = url + string.Concat(form.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + p.Value));
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(TestOptions.AuthToken), Encoding.UTF8.GetBytes(data)));
    }

    private async Task<HttpResponseMessage> PostAsync(IDictionary<string, string> form, string? signature)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, "/webhooks/sms")) { Content = new FormUrlEncodedContent(form) };
        if (signature is not null)
        {
            request.Headers.Add(TwilioSignatureValidator.HeaderName, signature);
        }

        return await http.SendAsync(request);
    }

    [Fact]
    public async Task Post_ValidSignature_RunsHandlerAndAnswersTwiml()
    {
        using var response = await PostAsync(Form, Sign(PublicBase + "/webhooks/sms", Form));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var twiml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Got 'deploy Calculator' from +15551234567", twiml.Root!.Element("Message")!.Value);
        Assert.Equal(1, executed);
    }

    [Fact]
    public async Task Post_MissingSignature_Forbidden()
    {
        using var response = await PostAsync(Form, signature: null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, executed);
    }

    [Fact]
    public async Task Post_AlteredParameter_Forbidden()
    {
        var signature = Sign(PublicBase + "/webhooks/sms", Form);
        var altered = new Dictionary<string, string>(Form) { ["Body"] = "rollback Calculator" };

        using var response = await PostAsync(altered, signature);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, executed);
    }

    [Fact]
    public async Task Post_SignedForOtherUrl_Forbidden()
    {
        using var response = await PostAsync(Form, Sign(PublicBase + "/webhooks/voice", Form));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, executed);
    }

    [Fact]
    public async Task Post_WrongSignature_Forbidden()
    {
        using var response = await PostAsync(Form, Convert.ToBase64String(new byte[20]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, executed);
    }
}
