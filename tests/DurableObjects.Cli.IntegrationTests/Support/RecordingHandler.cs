using System.Collections.Concurrent;

namespace DurableObjects.Cli.IntegrationTests.Support;

/// <summary>
/// Sits between the CLI and the real host: records every request (method, path, Idempotency-Key), and can drop the
/// first attempt of matching requests as a failed connection, lose the answer to a first attempt the server carried
/// out, refuse the event stream, or act just before a request is sent, to exercise retries, fallbacks and races.
/// </summary>
public sealed class RecordingHandler(ConcurrentQueue<RecordedRequest> log) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _dropped;
    private int _lost;

    /// <summary>Requests matching this lose their first attempt (as if the connection broke before the answer).</summary>
    public Func<HttpRequestMessage, bool> DropFirst { get; init; } = _ => false;

    /// <summary>Requests matching this lose the answer to their first attempt: the server did the work, then the
    /// connection broke before the client read the answer.</summary>
    public Func<HttpRequestMessage, bool> LoseFirstAnswer { get; init; } = _ => false;

    /// <summary>Answer the run event stream with 502, as a proxy that cannot stream would.</summary>
    public bool RefuseEventStream { get; init; }

    /// <summary>Runs before each request is sent (e.g. to change the object between the CLI's check and its write).</summary>
    public Func<HttpRequestMessage, Task> BeforeSend { get; init; } = _ => Task.CompletedTask;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var key = request.Headers.TryGetValues("Idempotency-Key", out var values) ? values.Single() : null;
        log.Enqueue(new RecordedRequest(request.Method.Method, request.RequestUri!.AbsolutePath, key));
        if (RefuseEventStream && request.RequestUri.AbsolutePath.EndsWith("/events", StringComparison.Ordinal))
        {
            return new HttpResponseMessage(System.Net.HttpStatusCode.BadGateway) { RequestMessage = request };
        }
        await BeforeSend(request);
        if (DropFirst(request) && Interlocked.Increment(ref _dropped) == 1)
        {
            // Dropped before the server sees it: the server ignores Idempotency-Key for now, so a drop after the work
            // would make the retry a 409 until it honours the key. What the CLI owes either way is the same key again.
            throw new HttpRequestException("Connection refused (simulated).");
        }
        if (LoseFirstAnswer(request) && Interlocked.Increment(ref _lost) == 1)
        {
            using var answered = await base.SendAsync(request, cancellationToken);
            throw new HttpRequestException("Connection reset after the request was sent (simulated).");
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
