using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using DurableObjects.Shared.Domain;
using Microsoft.Extensions.Options;

namespace DurableObjects.Functions.Http;

/// <summary>
/// Safe retries of POSTs, PATCHes and DELETEs under <c>/api/</c> (creating objects, versions, runs, deploys, tokens,
/// users …; changing a user's role or disabling them, changing a monitor …; revoking tokens, deleting monitors …) that
/// carry an
/// <c>Idempotency-Key</c> header (1–255 visible ASCII characters, e.g. a UUID per user action):
/// <list type="bullet">
/// <item>the first request reserves the key for its user, runs, and its answer (status, Location, body) is recorded
/// before it is sent;</item>
/// <item>a retry with the same key and the same request gets that answer again (header <c>Idempotency-Replayed:
/// true</c>) and changes nothing — also when the first attempt outlived its client and finished later;</item>
/// <item>a duplicate while the first still runs gets <c>409</c> with <c>Retry-After</c>;</item>
/// <item>the same key with a different method, path or body gets <c>422</c>;</item>
/// <item>a first attempt that answered 5xx is not recorded as final: the retry runs the request again, as the same
/// operation (<see cref="RequestOperation"/>): what the first attempt created and storage applied — a version, a run, a
/// monitor — is found and answered with, not created a second time; a token it revoked is answered as revoked, not as
/// unknown.</item>
/// </list>
/// Invocations (<c>/invoke/</c>) are left out: they must keep answering when storage is down. Anonymous requests
/// are left out: a key belongs to a user.
/// </summary>
public sealed partial class IdempotencyMiddleware(RequestDelegate next, IOptions<IdempotencyOptions> options, ILogger<IdempotencyMiddleware> logger)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotency-Replayed";

    public async Task InvokeAsync(HttpContext context, IdempotencyStore store)
    {
        if (!IsKeyable(context.Request.Method) ||
            !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) ||
            context.Request.Path.Value!.Contains("/invoke/", StringComparison.OrdinalIgnoreCase) ||
            !context.Request.Headers.TryGetValue(HeaderName, out var values) ||
            context.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            await next(context);
            return;
        }

        var key = values.ToString();
        if (key.Length is 0 or > 255 || key.Any(c => c is < '!' or > '~'))
        {
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request",
                detail: $"{HeaderName} must be 1 to 255 visible ASCII characters, e.g. a UUID.").ExecuteAsync(context);
            return;
        }

        // A keyed request, once started, runs to its end even if its client goes away (a client-side timeout, a
        // dropped connection): its answer is recorded, and the client's retry with the same key gets it instead of
        // running the request a second time. Only the host stopping cuts it short.
        context.RequestAborted = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var requestHash = await HashRequestAsync(context.Request);
        var claim = await store.ClaimAsync(userId, key, requestHash, Guid.NewGuid().ToString("N"), context.RequestAborted);
        switch (claim.Kind)
        {
            case IdempotencyClaimKind.Mismatch:
                await Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused",
                    detail: $"This {HeaderName} was already used for a different request; use a new key for a new request.").ExecuteAsync(context);
                return;
            case IdempotencyClaimKind.InProgress:
                context.Response.Headers.RetryAfter = "1";
                await Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Request in progress",
                    detail: $"A request with this {HeaderName} is still running; retry shortly to get its answer.").ExecuteAsync(context);
                return;
            case IdempotencyClaimKind.Replay:
                await ReplayAsync(context, claim.Record, key, userId);
                return;
        }

        // What the request creates carries the operation, so an attempt after one whose outcome is unknown finds it.
        context.Features.Set(RequestOperation.Of(userId, key, claim.Record.CreatedAt, claim.TakenOver));
        await RunAndRecordAsync(context, store, claim.Record, key, userId);
    }

    // A PATCH too: it sets what it names, but a retry that ran again after another change would undo that change and
    // audit itself twice. PUT is left out: it replaces a whole value, so running it again leaves storage as the first did.
    private static bool IsKeyable(string method) => HttpMethods.IsPost(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    private async Task RunAndRecordAsync(HttpContext context, IdempotencyStore store, IdempotencyRecord reservation, string key, string userId)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            context.Response.Body = original;
            reservation.State = IdempotencyRecord.Failed;
            await TryCompleteAsync(store, reservation);
            throw;
        }

        context.Response.Body = original;
        var body = buffer.ToArray();
        reservation.State = context.Response.StatusCode >= 500 ? IdempotencyRecord.Failed : IdempotencyRecord.Done;
        reservation.StatusCode = context.Response.StatusCode;
        reservation.ContentType = context.Response.ContentType;
        reservation.Location = context.Response.Headers.Location.Count > 0 ? context.Response.Headers.Location.ToString() : null;
        reservation.SetBody(body.Length == 0 || body.Length > options.Value.MaxRecordedBodyBytes ? null : IdempotencyCipher.Seal(key, userId, body));
        // Recorded before it is sent: a client that saw the answer can count on a retry replaying it.
        await TryCompleteAsync(store, reservation);
        if (body.Length > 0)
        {
            try
            {
                await original.WriteAsync(body, context.RequestAborted);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The client left; its retry gets the recorded answer.
            }
        }
    }

    private async Task TryCompleteAsync(IdempotencyStore store, IdempotencyRecord reservation)
    {
        try
        {
            if (!await store.CompleteAsync(reservation, CancellationToken.None))
            {
                LogTakenOver(logger);
            }
        }
        catch (Exception e) when (StorageUnavailable.Matches(e, CancellationToken.None))
        {
            // Storage went away: the reservation stays pending until its lease ends, so a retry meanwhile gets 409
            // rather than running the request a second time.
            LogNotRecorded(logger, e.Message);
        }
    }

    private static async Task ReplayAsync(HttpContext context, IdempotencyRecord record, string key, string userId)
    {
        context.Response.StatusCode = record.StatusCode;
        context.Response.Headers[ReplayedHeaderName] = "true";
        if (record.ContentType is { } contentType)
        {
            context.Response.ContentType = contentType;
        }
        if (record.Location is { } location)
        {
            context.Response.Headers.Location = location;
        }
        if (record.GetBody() is { } sealedBody)
        {
            await context.Response.Body.WriteAsync(IdempotencyCipher.Open(key, userId, sealedBody), context.RequestAborted);
        }
    }

    private static async Task<string> HashRequestAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path.Value?.ToLowerInvariant()}{request.QueryString}\n"));
        var chunk = new byte[16 << 10];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            sha.AppendData(chunk, 0, read);
        }
        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An Idempotency-Key reservation was taken over before its answer was recorded")]
    private static partial void LogTakenOver(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The answer of an Idempotency-Key request could not be recorded: {Reason}")]
    private static partial void LogNotRecorded(ILogger logger, string reason);
}
