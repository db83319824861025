using System.Globalization;
using System.Net;
using System.Net.Http.Json;

namespace DurableObjects.Benchmarks.Load;

/// <summary>Invokes the deployed object (<c>Served.Add</c>) back to back and checks each sum.</summary>
public static class InvokeLoop
{
    public static async Task RunAsync(LoadState state, int worker)
    {
        var stats = state.Stats[LoadKind.Invoke];
        var i = 0;
        while (state.Running())
        {
            var started = state.Clock.Elapsed;
            try
            {
                var response = await state.Http.PostAsJsonAsync("/api/objects/Served/invoke/Add", new { a = worker, b = ++i });
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK && body == (worker + i).ToString(CultureInfo.InvariantCulture))
                {
                    stats.RecordOk(state.Clock.Elapsed - started);
                }
                else
                {
                    stats.RecordError($"{(int)response.StatusCode}: {body[..Math.Min(body.Length, 200)]}", started);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                stats.RecordError(e.GetType().Name, started);
            }
        }
    }
}
