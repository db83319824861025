using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace DurableObjects.Benchmarks.Load;

/// <summary>How the started runs ended: the final status and reason of each run that reached one.</summary>
public sealed class RunOutcomes
{
    /// <summary>Run id → final status, in the order the runs were seen to end.</summary>
    public Dictionary<string, string> Final { get; } = new();
    /// <summary>Run id → the reason it gave ("" when none).</summary>
    public Dictionary<string, string> Reasons { get; } = new();

    /// <summary>Polls every run until each has a final status or three minutes pass: a durable run waits out a storage
    /// outage, so every run must reach one.</summary>
    public static async Task<RunOutcomes> WaitAsync(HttpClient http, IReadOnlyCollection<string> runIds)
    {
        var outcomes = new RunOutcomes();
        var final = outcomes.Final;
        var runDeadline = Stopwatch.StartNew();
        while (final.Count < runIds.Count && runDeadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            foreach (var id in runIds.Where(id => !final.ContainsKey(id)))
            {
                var response = await http.GetAsync($"/api/runs/{id}");
                if (!response.IsSuccessStatusCode)
                {
                    continue;
                }
                var run = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                if (run["status"]!.GetValue<string>() is var status and not ("running" or "awaiting_approval"))
                {
                    final[id] = status;
                    outcomes.Reasons[id] = run["reason"]?.GetValue<string>() ?? "";
                }
            }
            await Task.Delay(500);
        }
        return outcomes;
    }
}
