using System.Text.Json;
using System.Text.Json.Nodes;

namespace DurableObjects.Cli;

/// <summary>
/// A failure the user should read, not a crash: printed as its title and detail (or, with <c>--json</c>, as the
/// server's problem JSON) and turned into <see cref="ExitCode"/>. Never shown with a stack trace.
/// </summary>
public sealed class CliException(int exitCode, string title, string? detail = null, string? json = null) : Exception(title)
{
    public int ExitCode { get; } = exitCode;
    public string Title { get; } = title;
    public string? Detail { get; } = detail;

    /// <summary>The server's problem body as received, when the server answered.</summary>
    public string? Json { get; } = json;

    /// <summary>True when the server gave this answer to a retry: an earlier attempt may have been carried out.</summary>
    public bool AfterRetry { get; init; }

    /// <summary>The status of the problem the server answered (null: no problem body).</summary>
    public int? Status
    {
        get
        {
            try
            {
                return Json is { } json && JsonNode.Parse(json) is JsonObject body && body["status"] is JsonValue status && status.TryGetValue<int>(out var code)
                    ? code
                    : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    public static CliException Usage(string title, string? detail = null) => new(ExitCodes.Usage, title, detail);

    public static CliException Refused(string title, string? detail = null) => new(ExitCodes.Refused, title, detail);

    public static CliException Unavailable(string title, string? detail = null) => new(ExitCodes.Unavailable, title, detail);
}
