using System.Net;
using System.Net.Http.Json;

namespace DurableObjects.Benchmarks.Load;

/// <summary>One logical create: the same Idempotency-Key until it is answered, as a careful client would.</summary>
public static class IdempotentCreate
{
    /// <summary>Posts <paramref name="body"/> until it is answered (a 503, or a 409 with Retry-After, is sent again after
    /// 500 ms) or 90 s pass; each attempt is counted under <paramref name="kind"/>. The success response, or null.</summary>
    public static async Task<HttpResponseMessage?> PostAsync(LoadState state, LoadKind kind, string path, object body)
    {
        var stats = state.Stats[kind];
        var key = Guid.NewGuid().ToString();
        var give = state.Clock.Elapsed + TimeSpan.FromSeconds(90);
        while (state.Clock.Elapsed < give)
        {
            var started = state.Clock.Elapsed;
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            HttpResponseMessage response;
            try
            {
                response = await state.Http.SendAsync(request);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                stats.RecordError(e.GetType().Name, started);
                continue;
            }
            if (response.IsSuccessStatusCode)
            {
                stats.RecordOk(state.Clock.Elapsed - started);
                return response;
            }
            if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.Conflict && response.Headers.RetryAfter is not null)
            {
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    stats.RecordUnavailable(state.Clock.Elapsed - started);
                }
                await Task.Delay(TimeSpan.FromMilliseconds(500));
                continue;
            }
            stats.RecordError($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}", started);
            return null;
        }
        stats.RecordError("gave up after 90 s", state.Clock.Elapsed);
        return null;
    }
}
