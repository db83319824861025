using System.Globalization;
using System.Text.Json.Nodes;

namespace DurableObjects.Channels.IntegrationTests.Infrastructure;

/// <summary>
/// Slack's Web API as Slack answers it (<c>chat.postMessage</c>, <c>conversations.info</c>, HTTP 200 with
/// <c>ok</c>), plus a <c>/actions/…</c> path standing in for interaction <c>response_url</c>s.
/// </summary>
public static class SlackStandIn
{
    public const string BotToken = "xoxb-test-bot-token";
    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";

    private static int _ts;

    public static Task<JsonStandIn> StartAsync() => JsonStandIn.StartAsync(request => request.Path switch
    {
        var p when p.EndsWith("/chat.postMessage", StringComparison.Ordinal) => (200, new JsonObject
        {
            ["ok"] = true,
            ["channel"] = request.Json["channel"]!.GetValue<string>(),
            ["ts"] = "1700000000." + Interlocked.Increment(ref _ts).ToString("D6", CultureInfo.InvariantCulture),
        }.ToJsonString()),
        var p when p.EndsWith("/conversations.info", StringComparison.Ordinal) => request.Query.Contains("C0APPROVALS", StringComparison.Ordinal)
            ? (200, """{"ok":true,"channel":{"id":"C0APPROVALS","name":"approvals","is_channel":true,"is_private":false,"is_archived":false,"num_members":4,"topic":{"value":"Run approvals","creator":"U0ADA","last_set":0},"purpose":{"value":"Approve changes","creator":"U0ADA","last_set":0}}}""")
            : (200, """{"ok":false,"error":"channel_not_found"}"""),
        var p when p.StartsWith("/actions/", StringComparison.Ordinal) => (200, "ok"),
        _ => (200, """{"ok":false,"error":"unknown_method"}"""),
    });

    /// <summary>The Block Kit messages posted to <paramref name="channel"/>, oldest first.</summary>
    public static IReadOnlyList<JsonObject> PostedTo(this JsonStandIn slack, string channel) =>
        slack.Requests.Where(r => r.Path.EndsWith("/chat.postMessage", StringComparison.Ordinal))
            .Select(r => r.Json).Where(j => j["channel"]!.GetValue<string>() == channel).ToList();
}
