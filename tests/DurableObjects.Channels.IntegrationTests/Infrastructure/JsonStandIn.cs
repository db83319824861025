using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DurableObjects.Channels.IntegrationTests.Infrastructure;

/// <summary>
/// A provider's HTTP API on 127.0.0.1 (Kestrel, random port) for Slack and GitHub: records every request as it came
/// on the wire (method, path, query, headers, body) and answers with what <c>respond</c> says.
/// </summary>
public sealed class JsonStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<WireRequest> _requests = new();

    private JsonStandIn(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<WireRequest> Requests => [.. _requests];

    /// <summary>Waits until a request matching <paramref name="match"/> has arrived.</summary>
    public async Task<WireRequest> WaitForAsync(Func<WireRequest, bool> match, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            if (Requests.FirstOrDefault(match) is { } found)
            {
                return found;
            }
            Assert.True(DateTime.UtcNow < until, $"No matching request reached the stand-in within {timeout}; it saw: {string.Join(", ", Requests.Select(r => r.Method + " " + r.Path))}");
            await Task.Delay(100);
        }
    }

    public static async Task<JsonStandIn> StartAsync(Func<WireRequest, (int Status, string Body)> respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var standIn = new JsonStandIn(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var request = new WireRequest(
                context.Request.Method,
                context.Request.Path.Value ?? "",
                context.Request.QueryString.Value ?? "",
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                await reader.ReadToEndAsync(context.RequestAborted));
            standIn._requests.Enqueue(request);
            var (status, body) = respond(request);
            context.Response.StatusCode = status;
            context.Response.ContentType = body.StartsWith('{') || body.StartsWith('[') ? "application/json; charset=utf-8" : "text/plain";
            await context.Response.WriteAsync(body, context.RequestAborted);
        });
        await app.StartAsync();
        standIn.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
