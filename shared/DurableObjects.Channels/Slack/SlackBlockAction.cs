using System.Text.Json;

namespace DurableObjects.Channels.Slack;

/// <summary>
/// A button click from an interaction payload (<c>type: block_actions</c>): who clicked (Slack user and team), which
/// button, its value, and the <c>response_url</c> to update the message through.
/// </summary>
/// <remarks>Trust model: parse only a payload whose request passed <see cref="SlackSignatureValidator"/>.</remarks>
public sealed record SlackBlockAction(string UserId, string? TeamId, string ActionId, string Value, Uri? ResponseUrl)
{
    /// <summary>The first action of a <c>block_actions</c> payload; null for any other payload or a malformed one.</summary>
    public static SlackBlockAction? Parse(string? payload)
    {
        if (string.IsNullOrWhiteSpace(payload))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || String(root, "type") != "block_actions"
                || !root.TryGetProperty("user", out var user) || String(user, "id") is not { Length: > 0 } userId
                || !root.TryGetProperty("actions", out var actions) || actions.ValueKind != JsonValueKind.Array || actions.GetArrayLength() == 0)
            {
                return null;
            }

            var action = actions[0];
            var teamId = root.TryGetProperty("team", out var team) && team.ValueKind == JsonValueKind.Object ? String(team, "id") : String(user, "team_id");
            var responseUrl = Uri.TryCreate(String(root, "response_url"), UriKind.Absolute, out var url) ? url : null;
            return new SlackBlockAction(userId, teamId, String(action, "action_id") ?? "", String(action, "value") ?? "", responseUrl);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
