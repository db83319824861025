using DurableObjects.Channels.Commands.Grammar;
using DurableObjects.Channels.Commands.Model;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableObjects.Channels.Commands;

/// <summary>The fixed grammar first; free text to the model when one is configured; closest-intent help otherwise.</summary>
public sealed class CommandParser(IOptions<CommandParserOptions> options, ILogger<CommandParser> logger, IChatClient? chatClient = null) : ICommandParser
{
    /// <inheritdoc />
    public bool ModelAvailable => chatClient is not null;

    /// <inheritdoc />
    public async Task<CommandParseResult> ParseAsync(string text, CancellationToken cancellationToken = default)
    {
        var tokens = TranscriptNormalizer.Tokenize(text);
        if (tokens.Count == 0)
        {
            return new CommandParseResult(ParseOutcome.Unknown, null, 0, CommandSource.None, "I got an empty message. " + CommandIntents.HelpText, []);
        }

        var match = CommandGrammar.Match(tokens);
        if (match?.Command is { } command)
        {
            return CommandParseResult.Parsed(command, CommandSource.Grammar);
        }

        if (match?.Problem is { } problem)
        {
            return new CommandParseResult(ParseOutcome.Incomplete, null, 0, CommandSource.Grammar, problem, [CommandIntents.UsageOf(match.Intent)]);
        }

        var suggestions = IntentSuggester.Suggest(tokens);
        if (chatClient is null)
        {
            return Unknown(suggestions, "I only understand the fixed commands right now (no language model is configured).");
        }

        var proposal = await AskModelAsync(chatClient, string.Join(' ', tokens.Select(t => t.Text)), cancellationToken);
        if (proposal is null)
        {
            return Unknown(suggestions, "I couldn't reach the language model to understand free text.");
        }

        var (proposed, reason) = ModelProposalMapper.Map(proposal);
        if (proposed is null)
        {
            logger.LogInformation("Model proposal was not usable: {Reason}", reason);
            return Unknown(suggestions, "I didn't understand that.");
        }

        var confidence = Math.Clamp(proposal.Confidence, 0, 1);
        if (confidence < options.Value.ConfirmationThreshold)
        {
            return new CommandParseResult(
                ParseOutcome.NeedsConfirmation,
                proposed,
                confidence,
                CommandSource.Model,
                $"Did you mean: {proposed.Describe()}? Reply YES to confirm or NO to cancel.",
                []);
        }

        return CommandParseResult.Parsed(proposed, CommandSource.Model, confidence);
    }

    private async Task<ModelCommandProposal?> AskModelAsync(IChatClient client, string text, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var input = text.Length <= settings.MaxModelInputLength ? text : text[..settings.MaxModelInputLength];
        List<ChatMessage> messages = [new(ChatRole.System, CommandPrompts.System), new(ChatRole.User, CommandPrompts.User(input))];
        var chatOptions = new ChatOptions { Temperature = 0, ModelId = settings.ModelId };
        try
        {
            var response = await client.GetResponseAsync<ModelCommandProposal>(messages, chatOptions, useJsonSchemaResponseFormat: true, cancellationToken);
            // An answer that does not fit the schema is a model that did not understand, not an outage.
            return response.TryGetResult(out var proposal) && proposal is not null ? proposal : new ModelCommandProposal();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // Any provider failure (HTTP, quota, malformed JSON) degrades to the grammar's answer, never to an error.
            logger.LogWarning("Command model call failed: {ErrorType}", ex.GetType().Name);
            return null;
        }
    }

    private static CommandParseResult Unknown(IReadOnlyList<string> suggestions, string lead) =>
        new(
            ParseOutcome.Unknown,
            null,
            0,
            CommandSource.None,
            $"{lead} Did you mean: {string.Join(" or ", suggestions)}? Send HELP for all commands.",
            suggestions);
}
