using System.Net;
using DurableObjects.Channels.IntegrationTests.Infrastructure;
using DurableObjects.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Channels.IntegrationTests.Webhooks;

/// <summary>
/// Every endpoint that answers without a bearer token is accounted for: health and the API's documentation (reads),
/// the invoke endpoint (the object's public-invoke setting decides), and the webhooks — each of which refuses an
/// unsigned request with 403 before anything runs. A new anonymous endpoint fails this test until it is reviewed here.
/// </summary>
public sealed class AnonymousEndpointsTests : IAsyncLifetime
{
    private static readonly string[] Webhooks =
        ["POST /webhooks/sms", "POST /webhooks/voice", "POST /webhooks/voice/command", "POST /webhooks/slack/interactions", "POST /webhooks/slack/commands"];

    private static readonly string[] Documentation =
        ["/openapi/{documentName}.json", "/api-reference/{documentName?}", "/api-reference/favicon.svg",
         "/api-reference/scalar.aspnetcore.js", "/api-reference/scalar.js"];

    // Health checks answer GET and HEAD; "GET /" is the line saying the front end is not built. The documentation
    // answers HEAD as GET (functions/Http/HeadRequests.cs).
    private static readonly string[] Others =
    [
        .. new[] { "/health", "/health/live", "/health/ready" }.SelectMany(path => new[] { $"GET {path}", $"HEAD {path}" }),
        "GET /health/isolation", "GET /",
        .. Documentation.SelectMany(path => new[] { $"GET {path}", $"HEAD {path}" }),
        "POST /api/objects/{name}/invoke/{method}",
    ];

    private ChannelsHost _channels = null!;

    public async Task InitializeAsync() => _channels = await ChannelsHost.StartAsync(slack: true);

    public async Task DisposeAsync() => await _channels.DisposeAsync();

    [Fact]
    public void AnonymousEndpoints_AreTheReviewedOnes()
    {
        var anonymous = _channels.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null || e.Metadata.GetMetadata<IAuthorizeData>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal([.. Webhooks.Concat(Others).Order(StringComparer.Ordinal)], anonymous);
    }

    [Theory]
    [InlineData("GET", "/health/live", HttpStatusCode.OK)]
    [InlineData("HEAD", "/health/ready", HttpStatusCode.OK)]
    [InlineData("POST", "/health/live", HttpStatusCode.MethodNotAllowed)]
    [InlineData("DELETE", "/health", HttpStatusCode.MethodNotAllowed)]
    public async Task HealthEndpoints_AnswerReadsOnly(string method, string path, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        var response = await _channels.Host.Anonymous().SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("/webhooks/sms")]
    [InlineData("/webhooks/voice")]
    [InlineData("/webhooks/voice/command")]
    [InlineData("/webhooks/slack/interactions")]
    [InlineData("/webhooks/slack/commands")]
    public async Task Webhook_Unsigned_Returns403AndChangesNothing(string path)
    {
        var before = await StorageSnapshot.TakeAsync(_channels.Host);

        var response = await _channels.Host.Anonymous().PostAsync(path, new FormUrlEncodedContent(SignedWebhook.Sms("+15551230004", "help")));

        await response.ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_channels.Host));
        Assert.Empty(_channels.Twilio.Requests);
        Assert.Empty(_channels.Slack.Requests);
    }
}
