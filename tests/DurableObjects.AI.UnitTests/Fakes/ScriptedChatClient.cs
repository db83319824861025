// Self-contained on purpose (depends only on Microsoft.Extensions.AI.Abstractions and System.Text.Json) so other
// test projects can link it: <Compile Include="..\DurableObjects.AI.UnitTests\Fakes\ScriptedChatClient.cs" Link="Fakes\ScriptedChatClient.cs" />
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;

namespace DurableObjects.Testing.Fakes;

/// <summary>
/// A deterministic <see cref="IChatClient"/> that answers turn by turn from a script and records every request it saw.
/// No network, no model. When the script is exhausted it uses the fallback responder, or throws.
/// </summary>
public sealed class ScriptedChatClient : IChatClient
{
    private static readonly JsonSerializerOptions Json = CreateJson();
    private readonly ConcurrentQueue<Func<Request, ChatResponse>> _script = new();
    private readonly ConcurrentQueue<Request> _requests = new();

    /// <summary>Creates a client with an optional model name put on responses.</summary>
    public ScriptedChatClient(string modelId = "scripted-model") => ModelId = modelId;

    /// <summary>The model name reported on responses.</summary>
    public string ModelId { get; }

    /// <summary>Answers used after the script runs out; null = throw.</summary>
    public Func<Request, ChatResponse>? Fallback { get; set; }

    /// <summary>Every request seen, in order.</summary>
    public IReadOnlyList<Request> Requests => [.. _requests];

    /// <summary>Scripted answers not yet used.</summary>
    public int Remaining => _script.Count;

    /// <summary>Queues a text answer with the given usage.</summary>
    public ScriptedChatClient Enqueue(string text, long inputTokens = 100, long outputTokens = 50) =>
        Enqueue(_ => Response(text, inputTokens, outputTokens));

    /// <summary>Queues an answer serialized as JSON (camelCase, enums as strings), as a model would send it.</summary>
    public ScriptedChatClient EnqueueJson<T>(T value, long inputTokens = 100, long outputTokens = 50) =>
        Enqueue(JsonSerializer.Serialize(value, Json), inputTokens, outputTokens);

    /// <summary>Queues a computed answer (e.g. one that depends on the request).</summary>
    public ScriptedChatClient Enqueue(Func<Request, ChatResponse> responder)
    {
        _script.Enqueue(responder);
        return this;
    }

    /// <summary>Builds a response with text and usage, from this client's model.</summary>
    public ChatResponse Response(string text, long inputTokens = 100, long outputTokens = 50) =>
        new(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = ModelId,
            Usage = new UsageDetails { InputTokenCount = inputTokens, OutputTokenCount = outputTokens, TotalTokenCount = inputTokens + outputTokens },
            FinishReason = ChatFinishReason.Stop,
        };

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var request = new Request([.. messages], options);
        _requests.Enqueue(request);
        if (_script.TryDequeue(out var next))
        {
            return Task.FromResult(next(request));
        }

        return Fallback is { } fallback
            ? Task.FromResult(fallback(request))
            : throw new InvalidOperationException($"ScriptedChatClient: script exhausted after {_requests.Count} request(s).");
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }

    /// <summary>One request as the client saw it.</summary>
    /// <param name="Messages">The conversation sent.</param>
    /// <param name="Options">The chat options sent (response format, model id...).</param>
    public sealed record Request(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)
    {
        /// <summary>The system message text ("" when none).</summary>
        public string System => string.Join("\n", Messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text));

        /// <summary>The last user message text.</summary>
        public string LastUser => Messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? string.Empty;

        /// <summary>All message texts joined.</summary>
        public string AllText => string.Join("\n", Messages.Select(m => m.Text));
    }
}
