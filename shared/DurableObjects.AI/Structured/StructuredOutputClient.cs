using System.Collections.Concurrent;
using DurableObjects.AI.Configuration;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableObjects.AI.Structured;

/// <summary>
/// The "instructor": asks for a C# record through a JSON-schema response format derived from the record, parses and
/// validates the answer, and re-asks with the validation errors appended until it is valid or the re-ask budget is
/// spent. Every attempt's usage is recorded. The answer is untrusted model output: only validated values leave here.
/// </summary>
public sealed partial class StructuredOutputClient
{
    private static readonly ConcurrentDictionary<Type, ChatResponseFormat> Formats = new();

    private readonly IChatClient _chatClient;
    private readonly ModelCallSettings _settings;
    private readonly ILogger _logger;

    /// <summary>Creates the client.</summary>
    public StructuredOutputClient(IChatClient chatClient, ModelCallSettings? settings = null, ILogger? logger = null)
    {
        _chatClient = chatClient ?? throw new ArgumentNullException(nameof(chatClient));
        _settings = settings ?? ModelCallSettings.Default;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The settings in use.</summary>
    public ModelCallSettings Settings => _settings;

    /// <summary>The response format (JSON schema) used for <typeparamref name="T"/>.</summary>
    public static ChatResponseFormat FormatFor<T>() => Formats.GetOrAdd(typeof(T),
        static type => ChatResponseFormat.ForJsonSchema(type, StructuredJson.Options, type.Name));

    /// <summary>Asks for a <typeparamref name="T"/>.</summary>
    /// <exception cref="StructuredOutputException">No valid answer within <see cref="ModelCallSettings.MaxReasks"/> re-asks.</exception>
    public async Task<StructuredResult<T>> AskAsync<T>(
        string callName, IEnumerable<ChatMessage> messages, UsageLedger? ledger = null, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(messages);
        var conversation = messages.ToList();
        var usage = new List<UsageEntry>();
        IReadOnlyList<string> errors = [];
        var maxAttempts = 1 + Math.Max(0, _settings.MaxReasks);
        for (var attempt = 1; attempt <= maxAttempts; attempt++)
        {
            var options = new ChatOptions { ResponseFormat = FormatFor<T>(), Temperature = _settings.Temperature };
            if (_settings.StrictJsonSchema)
            {
                // The OpenAI adapter of Microsoft.Extensions.AI maps this key to json_schema.strict (checked over the wire in RealSdkStandInTests).
                options.AdditionalProperties = new AdditionalPropertiesDictionary { ["strict"] = true };
            }

            var response = await _chatClient.GetResponseAsync(conversation, options, cancellationToken).ConfigureAwait(false);
            (var value, errors) = StructuredValidator.ParseAndValidate<T>(response.Text);
            var entry = Record(callName, attempt, response, errors.Count == 0, ledger);
            usage.Add(entry);
            if (value is not null && errors.Count == 0)
            {
                LogAnswered(_logger, callName, entry.Model, attempt, entry.InputTokens, entry.OutputTokens);
                return new StructuredResult<T>(value, attempt, usage);
            }

            LogInvalid(_logger, callName, attempt, errors.Count);
            conversation.Add(new ChatMessage(ChatRole.Assistant, response.Text));
            conversation.Add(new ChatMessage(ChatRole.User, ReaskPrompt.For(errors)));
        }

        throw new StructuredOutputException(callName, maxAttempts, errors, usage);
    }

    private UsageEntry Record(string callName, int attempt, ChatResponse response, bool valid, UsageLedger? ledger)
    {
        var input = response.Usage?.InputTokenCount ?? 0;
        var output = response.Usage?.OutputTokenCount ?? 0;
        var model = string.IsNullOrWhiteSpace(response.ModelId) ? _settings.Model : response.ModelId;
        var entry = new UsageEntry(callName, model, attempt, input, output, _settings.Pricing.Estimate(input, output), valid);
        ledger?.Add(entry);
        return entry;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Structured call {CallName} answered by {Model} on attempt {Attempt} ({InputTokens} in, {OutputTokens} out)")]
    private static partial void LogAnswered(ILogger logger, string callName, string model, int attempt, long inputTokens, long outputTokens);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Structured call {CallName} attempt {Attempt} was invalid ({ErrorCount} errors)")]
    private static partial void LogInvalid(ILogger logger, string callName, int attempt, int errorCount);
}
