using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DurableObjects.AI.UnitTests.Sdk;

/// <summary>
/// A local stand-in for the OpenAI / Azure OpenAI Chat Completions endpoint on 127.0.0.1 (port 0). It checks the
/// request shape (model, messages, response_format json_schema) and answers 400 when it is wrong, then replies with
/// queued message contents and a usage block, exactly in the wire format the SDKs parse.
/// </summary>
internal sealed class ChatCompletionsStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _replies = new();
    private int _received;
    private int _replied;

    private ChatCompletionsStandIn(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    /// <summary>Awaited before answering the request with this 1-based number (a slow model); null: answer at once.</summary>
    public Func<int, Task>? BeforeReply { get; set; }

    /// <summary>
    /// Chooses the reply from the request body instead of the queue (null: take the next queued reply), and may take
    /// its time (a slow model). For callers whose requests interleave, such as several runs at once on several hosts,
    /// where only the content says which answer a request wants.
    /// </summary>
    public Func<JsonObject, Task<string>>? Answer { get; set; }

    /// <summary>Replies delivered (a request whose caller went away before the answer consumes none).</summary>
    public int Replied => _replied;

    public int PromptTokens { get; set; } = 321;

    public int CompletionTokens { get; set; } = 54;

    public static async Task<ChatCompletionsStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var standIn = new ChatCompletionsStandIn(app);
        app.MapPost("/v1/chat/completions", (Delegate)standIn.HandleAsync);
        app.MapPost("/openai/deployments/{deployment}/chat/completions", (Delegate)standIn.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        standIn.BaseAddress = new Uri(address);
        return standIn;
    }

    public void Reply(string content) => _replies.Enqueue(content);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
        var seen = new SeenRequest(
            context.Request.Path + context.Request.QueryString,
            context.Request.Headers.Authorization.ToString(),
            context.Request.Headers["api-key"].ToString(),
            body?.ToJsonString() ?? "null");
        Requests.Enqueue(seen);
        var problem = ShapeProblem(body);
        if (problem is not null)
        {
            return Results.Json(new { error = new { message = problem, type = "invalid_request_error" } }, statusCode: 400);
        }

        var number = Interlocked.Increment(ref _received);
        if (BeforeReply is { } wait)
        {
            await wait(number);
        }
        string? content = Answer is { } answer ? await answer(body!) : null;
        if (context.RequestAborted.IsCancellationRequested)
        {
            // The caller died waiting (a killed host): this call never completed, so it takes no scripted reply.
            return Results.StatusCode(499);
        }
        if (content is null && !_replies.TryDequeue(out content))
        {
            return Results.Json(new { error = new { message = "stand-in has no scripted reply", type = "server_error" } }, statusCode: 500);
        }

        Interlocked.Increment(ref _replied);
        return Results.Text(JsonSerializer.Serialize(new
        {
            id = "chatcmpl-standin",
            @object = "chat.completion",
            created = 1_700_000_000,
            model = body!["model"]!.GetValue<string>(),
            choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
            usage = new { prompt_tokens = PromptTokens, completion_tokens = CompletionTokens, total_tokens = PromptTokens + CompletionTokens },
        }), "application/json");
    }

    private static string? ShapeProblem(JsonObject? body)
    {
        if (body is null)
        {
            return "body must be a JSON object";
        }

        if (body["model"] is not JsonValue model || string.IsNullOrEmpty(model.GetValue<string>()))
        {
            return "model is required";
        }

        if (body["messages"] is not JsonArray { Count: > 0 } messages || messages.Any(m => m?["role"] is null))
        {
            return "messages must be a non-empty array of role/content objects";
        }

        if (body["response_format"]?["type"]?.GetValue<string>() != "json_schema")
        {
            return "response_format.type must be json_schema";
        }

        return body["response_format"]?["json_schema"]?["schema"] is JsonObject ? null : "response_format.json_schema.schema is required";
    }

    /// <summary>One request as the stand-in received it.</summary>
    public sealed record SeenRequest(string PathAndQuery, string Authorization, string ApiKey, string Body)
    {
        public JsonNode Json => JsonNode.Parse(Body)!;
    }
}
