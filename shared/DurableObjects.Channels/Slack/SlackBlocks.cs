using System.Text.Json.Nodes;

namespace DurableObjects.Channels.Slack;

/// <summary>Small helpers for Block Kit blocks.</summary>
public static class SlackBlocks
{
    /// <summary>A header block (plain text, at most 150 characters).</summary>
    public static JsonObject Header(string text) => new()
    {
        ["type"] = "header",
        ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = text.Length <= 150 ? text : text[..150] },
    };

    /// <summary>A section block with mrkdwn text (at most 3,000 characters).</summary>
    public static JsonObject Section(string markdown) => new()
    {
        ["type"] = "section",
        ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = markdown.Length <= 3000 ? markdown : markdown[..3000] },
    };

    /// <summary>A context block with one mrkdwn element.</summary>
    public static JsonObject Context(string markdown) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = markdown }),
    };

    /// <summary>An actions block holding interactive elements (buttons).</summary>
    public static JsonObject Actions(string blockId, params JsonObject[] elements) => new()
    {
        ["type"] = "actions",
        ["block_id"] = blockId,
        ["elements"] = new JsonArray(elements),
    };

    /// <summary>A button; <paramref name="style"/> is <c>primary</c>, <c>danger</c> or null (default).</summary>
    public static JsonObject Button(string text, string actionId, string value, string? style = null)
    {
        var button = new JsonObject
        {
            ["type"] = "button",
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = text },
            ["action_id"] = actionId,
            ["value"] = value,
        };
        if (style is not null)
        {
            button["style"] = style;
        }

        return button;
    }

    /// <summary>Escapes the three characters Slack's mrkdwn treats as control characters.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
