using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace DurableObjects.Channels.IntegrationTests.Infrastructure;

/// <summary>Posts webhook requests to the host the way Slack does: form-encoded, signed v0 with the signing secret.</summary>
public static class SignedSlack
{
    /// <summary>The body of a button click: <c>payload</c> = the block_actions JSON Slack sends.</summary>
    public static string Interaction(string slackUserId, string actionId, string runId, Uri responseUrl) =>
        "payload=" + Uri.EscapeDataString(new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = slackUserId, ["username"] = "ada", ["name"] = "ada", ["team_id"] = "T0TEAM" },
            ["api_app_id"] = "A0APP",
            ["token"] = "deprecated-verification-token",
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1700000000.000001", ["channel_id"] = "C0APPROVALS", ["is_ephemeral"] = false },
            ["trigger_id"] = TriggerId(),
            ["team"] = new JsonObject { ["id"] = "T0TEAM", ["domain"] = "acme" },
            ["channel"] = new JsonObject { ["id"] = "C0APPROVALS", ["name"] = "approvals" },
            ["response_url"] = responseUrl.ToString(),
            ["actions"] = new JsonArray(new JsonObject
            {
                ["action_id"] = actionId,
                ["block_id"] = "run_decision",
                ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = actionId == "approve_run" ? "Approve" : "Reject" },
                ["value"] = runId,
                ["style"] = actionId == "approve_run" ? "primary" : "danger",
                ["type"] = "button",
                ["action_ts"] = "1700000001.000000",
            }),
        }.ToJsonString());

    /// <summary>The body of <c>/durableobjects &lt;text&gt;</c> as Slack posts it.</summary>
    public static string SlashCommand(string slackUserId, string text, Uri responseUrl) => string.Join('&', new Dictionary<string, string>
    {
        ["token"] = "deprecated-verification-token",
        ["team_id"] = "T0TEAM",
        ["team_domain"] = "acme",
        ["channel_id"] = "C0GENERAL",
        ["channel_name"] = "general",
        ["user_id"] = slackUserId,
        ["user_name"] = "ada",
        ["command"] = "/durableobjects",
        ["text"] = text,
        ["api_app_id"] = "A0APP",
        ["response_url"] = responseUrl.ToString(),
        ["trigger_id"] = TriggerId(),
    }.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));

    /// <summary>Slack gives every slash command and click its own <c>trigger_id</c>, so two bodies are never byte-equal.</summary>
    private static string TriggerId() => $"123.456.{Guid.NewGuid():N}";

    public static string Sign(string secret, string timestamp, string body) =>
        "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));

    /// <summary>Posts <paramref name="body"/> to <paramref name="path"/> signed now (or at <paramref name="at"/>), with <paramref name="signedBody"/> if the signature should cover another body.</summary>
    public static Task<HttpResponseMessage> PostAsync(
        HttpClient client, string path, string body, DateTimeOffset? at = null, string? signedBody = null, string secret = SlackStandIn.SigningSecret, bool sign = true)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
        if (sign)
        {
            request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
            request.Headers.Add("X-Slack-Signature", Sign(secret, timestamp, signedBody ?? body));
        }
        return client.SendAsync(request);
    }
}
