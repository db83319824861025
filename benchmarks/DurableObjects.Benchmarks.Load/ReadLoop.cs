using System.Net;

namespace DurableObjects.Benchmarks.Load;

/// <summary>Reads the written object and its latest versions, in turn; a 503 during the outage is a fast-fail, not an
/// error.</summary>
public static class ReadLoop
{
    public static async Task RunAsync(LoadState state)
    {
        var stats = state.Stats[LoadKind.Read];
        var i = 0;
        while (state.Running())
        {
            var started = state.Clock.Elapsed;
            var path = i++ % 2 == 0 ? "/api/objects/Written" : "/api/objects/Written/versions?pageSize=5";
            try
            {
                var response = await state.Http.GetAsync(path);
                await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    stats.RecordOk(state.Clock.Elapsed - started);
                }
                else if (response.StatusCode == HttpStatusCode.ServiceUnavailable && state.Outage.Covers(started))
                {
                    stats.RecordUnavailable(state.Clock.Elapsed - started);
                    await Task.Delay(200);
                }
                else
                {
                    stats.RecordError($"{(int)response.StatusCode}", started);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                stats.RecordError(e.GetType().Name, started);
            }
        }
    }
}
