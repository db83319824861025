using System.Text.Json.Nodes;

namespace DurableObjects.Channels.Slack;

/// <summary>
/// The Block Kit message asking for a run's approval, with Approve and Reject buttons whose value is the run id,
/// and the message that replaces it once someone decided.
/// </summary>
public static class SlackApprovalMessage
{
    /// <summary><c>action_id</c> of the Approve button.</summary>
    public const string ApproveAction = "approve_run";

    /// <summary><c>action_id</c> of the Reject button.</summary>
    public const string RejectAction = "reject_run";

    /// <summary>The fallback text (notifications, screen readers) of an approval request.</summary>
    public static string Text(string runId, string what) => $"Approval needed: {what} (run {runId}).";

    /// <summary>The blocks of an approval request.</summary>
    /// <param name="runId">The run waiting.</param>
    /// <param name="what">"Changing Calculator" or "Creating Calculator".</param>
    /// <param name="request">What was asked (shortened by the caller).</param>
    /// <param name="requester">Who asked.</param>
    /// <param name="expiresAt">When the request lapses (then the run is rejected).</param>
    /// <param name="runUrl">The run's page, when there is one.</param>
    public static JsonArray Blocks(string runId, string what, string request, string requester, DateTimeOffset expiresAt, Uri? runUrl)
    {
        var details = $"*{SlackBlocks.Escape(what)}*, asked by {SlackBlocks.Escape(requester)}:\n>{SlackBlocks.Escape(request)}";
        var context = $"Run `{runId}` · expires <!date^{expiresAt.ToUnixTimeSeconds()}^{{date_short_pretty}} {{time}}|{expiresAt:u}>";
        if (runUrl is not null)
        {
            context += $" · <{runUrl}|Open the run>";
        }

        return
        [
            SlackBlocks.Header("Approval needed: " + what),
            SlackBlocks.Section(details),
            SlackBlocks.Context(context),
            SlackBlocks.Actions(
                "run_decision",
                SlackBlocks.Button("Approve", ApproveAction, runId, "primary"),
                SlackBlocks.Button("Reject", RejectAction, runId, "danger")),
        ];
    }

    /// <summary>The message that replaces the request after a decision (buttons gone, the outcome stated).</summary>
    public static JsonObject Decided(string outcome) => new()
    {
        ["replace_original"] = true,
        ["text"] = outcome,
        ["blocks"] = new JsonArray(SlackBlocks.Section(SlackBlocks.Escape(outcome))),
    };

    /// <summary>A reply only the clicking user sees, leaving the request in place (e.g. not allowed, not linked).</summary>
    public static JsonObject Ephemeral(string text) => new()
    {
        ["response_type"] = "ephemeral",
        ["replace_original"] = false,
        ["text"] = text,
    };
}
