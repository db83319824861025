using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DurableObjects.Monitors.IntegrationTests.Infrastructure;

/// <summary>
/// Twilio (Messages.json, Calls.json), SendGrid (/v3/mail/send) and Slack (/api/chat.postMessage) on one Kestrel
/// server on 127.0.0.1, answering as each provider does and recording every request. An optional delay per request
/// makes a scan slow enough to stop a host in the middle of it.
/// </summary>
public sealed class ProviderStandIn : IAsyncDisposable
{
    public const string AccountSid = "AC00000000000000000000000000000009";
    public const string AuthToken = "monitor-test-auth-token-0123456789";
    public const string PhoneNumber = "+15550000009";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ProviderRequest> _requests = new();

    private ProviderStandIn(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>How long each answer takes.</summary>
    public TimeSpan Delay { get; set; }

    public IReadOnlyList<ProviderRequest> Requests => [.. _requests];

    public IReadOnlyList<string> SmsTo(string phone) => Requests.Where(r => r.IsSms && r.Form("To") == phone).Select(r => r.Form("Body")).ToList();

    /// <summary>Waits until at least <paramref name="count"/> requests match, then returns them.</summary>
    public async Task<IReadOnlyList<ProviderRequest>> WaitForAsync(Func<ProviderRequest, bool> match, int count = 1, int timeoutSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (DateTime.UtcNow < deadline)
        {
            var found = Requests.Where(match).ToList();
            if (found.Count >= count)
            {
                return found;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"Expected {count} matching provider request(s) within {timeoutSeconds} s; saw {Requests.Where(match).Count()} of {Requests.Count}.");
        return [];
    }

    public static async Task<ProviderStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var standIn = new ProviderStandIn(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var request = new ProviderRequest(
                context.Request.Method, context.Request.Path.Value ?? "", context.Request.Headers.Authorization.ToString(),
                context.Request.ContentType ?? "", await reader.ReadToEndAsync(context.RequestAborted));
            if (standIn.Delay > TimeSpan.Zero)
            {
                await Task.Delay(standIn.Delay);
            }
            standIn._requests.Enqueue(request);
            await AnswerAsync(context, request);
        });
        await app.StartAsync();
        standIn.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return standIn;
    }

    private static Task AnswerAsync(HttpContext context, ProviderRequest request)
    {
        if (request.IsEmail)
        {
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            context.Response.Headers["X-Message-Id"] = "sg-" + Guid.NewGuid().ToString("N")[..10];
            return Task.CompletedTask;
        }
        context.Response.ContentType = "application/json";
        if (request.IsSlack)
        {
            return context.Response.WriteAsync("""{"ok":true,"channel":"C0ALERTS","ts":"1700000000.000100"}""");
        }
        context.Response.StatusCode = StatusCodes.Status201Created;
        return context.Response.WriteAsync($$"""{"sid":"{{(request.IsCall ? "CA" : "SM")}}{{Guid.NewGuid():N}}","status":"queued"}""");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
