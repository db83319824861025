using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace DurableObjects.Benchmarks.Load;

/// <summary>Writes new versions of the written object, each change with its own summary and Idempotency-Key, and
/// records each one acknowledged.</summary>
public static class WriteLoop
{
    public static async Task RunAsync(LoadState state, int worker)
    {
        var i = 0;
        while (state.Running())
        {
            var summary = $"w{worker}-{++i}";
            var response = await IdempotentCreate.PostAsync(state, LoadKind.Write, "/api/objects/Written/versions",
                new { files = LoadObjectCode.Code($" + {worker * 100000 + i} - {worker * 100000 + i}"), summary });
            if (response is not null)
            {
                var created = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                state.Acknowledged.Add((summary, created["number"]!.GetValue<int>()));
                state.WriteSuccesses.Add(state.Clock.Elapsed.TotalSeconds);
            }
        }
    }
}
