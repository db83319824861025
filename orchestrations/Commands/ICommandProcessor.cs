namespace DurableObjects.Orchestrations.Commands;

/// <summary>
/// Runs a plain-language command (an SMS body, a voice transcript) for an identified caller and says what happened,
/// in a reply short enough for one SMS or a spoken sentence or two.
/// </summary>
/// <remarks>
/// Trust model: the caller is already identified (a Twilio-signed request from a verified phone); the text is not
/// trusted. Every command runs as the caller's <see cref="Shared.Domain.Actor"/> through the same services and run
/// launcher as the HTTP API, so ownership and role rules are the API's. Low-confidence model readings are only run
/// after the caller answers "yes". Never throws for bad text; failures become replies.
/// </remarks>
public interface ICommandProcessor
{
    /// <summary>
    /// Parses and runs <paramref name="text"/> (or answers a pending confirmation); returns the reply and whether the
    /// command changed something (a refusal, a question or a read did not).
    /// </summary>
    Task<CommandResult> ProcessAsync(string text, CommandCaller caller, CancellationToken cancellationToken = default);
}
