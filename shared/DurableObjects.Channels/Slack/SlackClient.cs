using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableObjects.Channels.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableObjects.Channels.Slack;

/// <summary>
/// Slack's Web API over <see cref="HttpClient"/> with the bot token as Bearer: <c>chat.postMessage</c> (channels,
/// and members' direct messages by member id) and <c>conversations.info</c>; plus interaction <c>response_url</c>s. Slack answers HTTP 200 with <c>{"ok":false,"error":"…"}</c> on most failures; those
/// become <see cref="ChannelException"/> with the error as <see cref="ChannelException.ProviderCode"/>.
/// </summary>
public sealed class SlackClient(HttpClient http, IOptions<SlackOptions> options, ILogger<SlackClient> logger)
{
    /// <summary>Posts a message (the seed's <c>send_message</c>); <paramref name="text"/> is the notification fallback when blocks are given.</summary>
    public async Task<SlackMessageReceipt> PostMessageAsync(string channel, string text, JsonArray? blocks = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        ArgumentNullException.ThrowIfNull(text);
        var payload = new JsonObject { ["channel"] = channel, ["text"] = text };
        if (blocks is not null)
        {
            payload["blocks"] = blocks.DeepClone();
        }

        using var request = CreateRequest(HttpMethod.Post, "chat.postMessage");
        request.Content = JsonContent.Create(payload, mediaType: new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" });
        var root = await SendAsync(request, "chat.postMessage", cancellationToken);
        return new SlackMessageReceipt(root.GetProperty("channel").GetString() ?? channel, root.GetProperty("ts").GetString() ?? string.Empty);
    }

    /// <summary>Reads a channel's information (the seed's <c>get_channel_info</c>).</summary>
    public async Task<SlackChannelInfo> GetChannelInfoAsync(string channel, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        using var request = CreateRequest(HttpMethod.Get, "conversations.info?channel=" + Uri.EscapeDataString(channel));
        var root = await SendAsync(request, "conversations.info", cancellationToken);
        var c = root.GetProperty("channel");
        return new SlackChannelInfo(
            c.GetProperty("id").GetString() ?? channel,
            c.TryGetProperty("name", out var name) ? name.GetString() ?? string.Empty : string.Empty,
            c.TryGetProperty("is_private", out var isPrivate) && isPrivate.GetBoolean(),
            c.TryGetProperty("is_archived", out var archived) && archived.GetBoolean(),
            c.TryGetProperty("num_members", out var members) && members.TryGetInt32(out var count) ? count : null,
            Nested(c, "topic"),
            Nested(c, "purpose"));
    }

    /// <summary>
    /// Posts <paramref name="message"/> to an interaction's <c>response_url</c> (replaces or answers the message the
    /// button was on). Only Slack's hooks host, or the configured API host (stand-ins), is called.
    /// </summary>
    public async Task RespondAsync(Uri responseUrl, JsonObject message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        ArgumentNullException.ThrowIfNull(message);
        var api = options.Value.EffectiveApiBaseUrl;
        var allowed = (responseUrl.Scheme == Uri.UriSchemeHttps && responseUrl.Host == "hooks.slack.com")
            || (responseUrl.Scheme == api.Scheme && responseUrl.Authority == api.Authority);
        if (!allowed)
        {
            throw new ChannelException("Slack", null, "invalid_response_url", "The response_url is not Slack's.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, responseUrl)
        {
            Content = JsonContent.Create(message, mediaType: new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" }),
        };
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            logger.LogWarning("Slack response_url answered {StatusCode}", (int)response.StatusCode);
            throw new ChannelException("Slack", response.StatusCode, "response_url_failed", $"response_url answered HTTP {(int)response.StatusCode}.");
        }
    }

    private HttpRequestMessage CreateRequest(HttpMethod method, string pathAndQuery)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            throw new ChannelException("Slack", null, "not_configured", "Slack is not configured (SLACK_BOT_TOKEN).");
        }

        var request = new HttpRequestMessage(method, new Uri(settings.EffectiveApiBaseUrl, pathAndQuery));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.BotToken);
        return request;
    }

    private async Task<JsonElement> SendAsync(HttpRequestMessage request, string method, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            logger.LogWarning("Slack {Method} was rate limited; retry after {RetryAfter}", method, response.Headers.RetryAfter?.Delta);
            throw new ChannelException("Slack", response.StatusCode, "ratelimited", $"{method} was rate limited.");
        }

        var json = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new ChannelException("Slack", response.StatusCode, "invalid_response", $"{method} answered HTTP {(int)response.StatusCode} without JSON.");
        }

        if (!root.TryGetProperty("ok", out var ok) || !ok.GetBoolean())
        {
            var error = root.TryGetProperty("error", out var e) ? e.GetString() ?? "unknown_error" : "unknown_error";
            logger.LogWarning("Slack {Method} failed: {SlackError}", method, error);
            throw new ChannelException("Slack", response.StatusCode, error, $"{method} failed: {error}");
        }

        return root;
    }

    private static string? Nested(JsonElement channel, string property) =>
        channel.TryGetProperty(property, out var p) && p.ValueKind == JsonValueKind.Object && p.TryGetProperty("value", out var v) ? v.GetString() : null;
}
