using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace DurableObjects.Benchmarks.Load;

/// <summary>Starts manual modification runs on the modified object (files and a test supplied: no model).</summary>
public static class RunLoop
{
    // One run at a time on the object, each started when the one before has ended (and at most every 2 s): a run commits
    // only on top of the version it was made from, so a second run overlapping the first would be refused by design.
    public static async Task RunAsync(LoadState state)
    {
        var i = 0;
        while (state.Running())
        {
            var next = Task.Delay(TimeSpan.FromSeconds(2));
            var response = await IdempotentCreate.PostAsync(state, LoadKind.Run, "/api/objects/Modified/modifications", new
            {
                files = LoadObjectCode.CodeWithTests($" + {++i} - {i}"),
                summary = $"r-{i}",
                requireApproval = false,
                deploy = false,
            });
            if (response is not null)
            {
                var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["runId"]!.GetValue<string>();
                state.RunIds.Add(id);
                await RunEndedAsync(state.Http, id);
            }
            await next;
        }
    }

    // Polls the run until it ends (storage may be frozen meanwhile: failed reads are tried again) or three minutes pass.
    private static async Task RunEndedAsync(HttpClient http, string id)
    {
        var give = Stopwatch.StartNew();
        while (give.Elapsed < TimeSpan.FromMinutes(3))
        {
            try
            {
                var response = await http.GetAsync($"/api/runs/{id}");
                if (response.IsSuccessStatusCode
                    && (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>() is not ("running" or "awaiting_approval"))
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Storage frozen or the host busy: look again.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }
}
