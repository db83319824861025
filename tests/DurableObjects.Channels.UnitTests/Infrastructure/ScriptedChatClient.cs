using Microsoft.Extensions.AI;

namespace DurableObjects.Channels.UnitTests.Infrastructure;

/// <summary>A deterministic <see cref="IChatClient"/> that answers turn by turn from a script and records what it was asked.</summary>
public sealed class ScriptedChatClient(params string[] answers) : IChatClient
{
    private readonly Queue<string> script = new(answers);

    public List<IReadOnlyList<ChatMessage>> Calls { get; } = [];

    public List<ChatOptions?> Options { get; } = [];

    public Exception? Failure { get; init; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls.Add(messages.ToList());
        Options.Add(options);
        if (Failure is not null)
        {
            throw Failure;
        }

        if (script.Count == 0)
        {
            throw new InvalidOperationException("The script has no more answers.");
        }

        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, script.Dequeue())));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
