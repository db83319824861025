using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DurableObjects.Cli.Api;

/// <summary>
/// Follows a run until it ends: the server-sent events of <c>GET /api/runs/{id}/events</c> (<c>step</c>,
/// <c>status</c>, <c>end</c>), falling back to polling <c>GET /api/runs/{id}</c> when the stream cannot be opened or
/// breaks off (a proxy that buffers, a host restarting). Each step is reported once, whichever way it arrived.
/// </summary>
public sealed class RunFollower(ApiClient api, TimeSpan pollInterval)
{
    /// <summary>Reports steps and status changes as they happen; returns the full run once it has ended.</summary>
    public async Task<ApiAnswer> FollowAsync(string runId, IRunObserver observer, CancellationToken cancellationToken)
    {
        var state = new FollowState();
        var ended = false;
        try
        {
            ended = await StreamAsync(runId, observer, state, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The stream is a convenience; polling gives the same answer a little later.
        }
        while (true)
        {
            var answer = await api.GetAsync($"/api/runs/{Uri.EscapeDataString(runId)}", cancellationToken);
            var run = (JsonObject)answer.Node()!;
            foreach (var step in (run["steps"] as JsonArray ?? []).Deserialize<List<RunStep>>(ApiClient.Json) ?? [])
            {
                await ReportStepAsync(step, observer, state);
            }
            var summary = run.Deserialize<RunSummary>(ApiClient.Json)!;
            await ReportStatusAsync(summary, observer, state);
            if (summary.IsFinal)
            {
                return answer;
            }
            if (ended)
            {
                // The stream said "end" but the read raced the final write: look again shortly.
                ended = false;
            }
            await Task.Delay(pollInterval, cancellationToken);
        }
    }

    private async Task<bool> StreamAsync(string runId, IRunObserver observer, FollowState state, CancellationToken cancellationToken)
    {
        using var response = await api.OpenStreamAsync($"/api/runs/{Uri.EscapeDataString(runId)}/events", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound || response.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw ApiClient.Problem(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            return false;
        }
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string? eventName = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0 && await DispatchAsync(eventName ?? "message", data.ToString(), observer, state))
                {
                    return true;
                }
                eventName = null;
                data.Clear();
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                eventName = line[6..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(data.Length > 0 ? "\n" : "").Append(line[5..].TrimStart());
            }
        }
        return false;
    }

    /// <summary>Handles one event; true when it was the last (<c>end</c>).</summary>
    private static async Task<bool> DispatchAsync(string name, string data, IRunObserver observer, FollowState state)
    {
        switch (name)
        {
            case "step":
                await ReportStepAsync(JsonSerializer.Deserialize<RunStep>(data, ApiClient.Json)!, observer, state);
                return false;
            case "status":
                await ReportStatusAsync(JsonSerializer.Deserialize<RunSummary>(data, ApiClient.Json)!, observer, state);
                return false;
            case "end":
                return true;
            default:
                return false;
        }
    }

    private static async Task ReportStepAsync(RunStep step, IRunObserver observer, FollowState state)
    {
        if (step.Sequence > state.LastSequence)
        {
            state.LastSequence = step.Sequence;
            await observer.OnStepAsync(step);
        }
    }

    private static async Task ReportStatusAsync(RunSummary summary, IRunObserver observer, FollowState state)
    {
        var key = summary.Status + "|" + summary.CurrentStep;
        if (key != state.LastStatus)
        {
            state.LastStatus = key;
            await observer.OnStatusAsync(summary);
        }
    }
}
