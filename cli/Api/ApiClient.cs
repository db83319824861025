using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableObjects.Cli.Config;

namespace DurableObjects.Cli.Api;

/// <summary>
/// The HTTP API as the CLI uses it: bearer auth, JSON in and out, problem answers turned into <see cref="CliException"/>s
/// with the server's title and detail. Every request but an invocation is retried on connection failures and 502/504;
/// every POST, PATCH and DELETE but an invocation carries an <c>Idempotency-Key</c> (a new GUID per operation, the same
/// on each retry) so a retry after a lost answer gets the first answer replayed instead of doing the thing twice.
/// </summary>
public sealed class ApiClient : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1)];
    private readonly HttpClient _http;

    public ApiClient(CliSettings settings, HttpMessageHandler? handler = null)
    {
        if (!Uri.TryCreate(settings.Url.TrimEnd('/') + "/", UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
        {
            throw CliException.Usage($"Not a server URL: '{settings.Url}'", "Use the host's address, like http://127.0.0.1:5080.");
        }
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: true);
        _http.BaseAddress = baseAddress;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", settings.Token);
        TokenId = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(settings.Token)))[..12];
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("dobj", typeof(ApiClient).Assembly.GetName().Version?.ToString(3) ?? "0"));
    }

    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>The id of the token this client signs in with, as the server lists it (the first 12 hex digits of the
    /// token's SHA-256; not secret).</summary>
    public string TokenId { get; }

    public Task<ApiAnswer> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, idempotencyKey: null, cancellationToken);

    /// <summary>A POST that creates something (object, version, run, deploy, token): sent with a fresh Idempotency-Key, retried with the same one.</summary>
    public Task<ApiAnswer> CreateAsync(string path, object? body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, body, Guid.NewGuid().ToString(), cancellationToken);

    /// <summary>
    /// A POST that acts on something without creating it (approve, reject, cancel, deprecate, enable or disable a
    /// monitor): sent with a fresh Idempotency-Key and retried with the same one, so a retry after a lost answer gets
    /// the first answer replayed rather than "already decided" or a second action.
    /// </summary>
    public Task<ApiAnswer> ActAsync(string path, object? body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, body, Guid.NewGuid().ToString(), cancellationToken);

    /// <summary>An invocation: outside the server's Idempotency-Key layer (it must answer while storage is down) and
    /// the object's method may not be safe to repeat, so it is sent once, never retried.</summary>
    public Task<ApiAnswer> InvokeAsync(string path, object? body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, body, idempotencyKey: null, cancellationToken, retry: false);

    /// <summary>A PATCH that sets fields to the values given: sent with a fresh Idempotency-Key and retried with the same
    /// one after a connection failure or a 502/504, so a retry after a lost answer gets the first answer replayed
    /// rather than a second change (or its refusal) answered anew.</summary>
    public Task<ApiAnswer> PatchAsync(string path, object body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, path, body, Guid.NewGuid().ToString(), cancellationToken);

    /// <summary>A DELETE (revoke a token, delete a monitor): keyed and retried like <see cref="ActAsync"/>, so a retry
    /// after a lost answer is answered as the first was, not with 404.</summary>
    public Task<ApiAnswer> DeleteAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, path, null, Guid.NewGuid().ToString(), cancellationToken);

    /// <summary>A GET whose status is the answer (a health probe): any HTTP status is returned, not thrown; only a server
    /// that cannot be reached throws (<see cref="ExitCodes.Unavailable"/>). Sent once.</summary>
    public async Task<(HttpStatusCode Status, string Body)> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(Relative(path), cancellationToken);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw CliException.Unavailable($"Cannot reach {BaseAddress}", ex.Message);
        }
    }

    /// <summary>Opens a streamed GET (server-sent events); the caller reads and disposes the response.</summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Relative(path));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    private async Task<ApiAnswer> SendAsync(
        HttpMethod method, string path, object? body, string? idempotencyKey, CancellationToken cancellationToken, bool retry = true)
    {
        var payload = body is null ? null : JsonSerializer.Serialize(body, body.GetType(), Json);
        for (var attempt = 0; ; attempt++)
        {
            var canRetry = retry && attempt < RetryDelays.Length;
            using var request = new HttpRequestMessage(method, Relative(path));
            if (payload is not null)
            {
                request.Content = new StringContent(payload, Encoding.UTF8, "application/json");
            }
            if (idempotencyKey is not null)
            {
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            }
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                if (canRetry)
                {
                    await Task.Delay(RetryDelays[attempt], cancellationToken);
                    continue;
                }
                throw CliException.Unavailable($"Cannot reach {BaseAddress}", ex.Message);
            }
            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return new ApiAnswer(text, response.Content.Headers.ContentType?.MediaType);
                }
                if (canRetry && response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout)
                {
                    await Task.Delay(RetryDelays[attempt], cancellationToken);
                    continue;
                }
                var problem = Problem(response.StatusCode, text);
                throw attempt == 0 ? problem : new CliException(problem.ExitCode, problem.Title, problem.Detail, problem.Json) { AfterRetry = true };
            }
        }
    }

    /// <summary>A refusal as the user should read it: the problem's title, its detail and each invalid field.</summary>
    public static CliException Problem(HttpStatusCode status, string body)
    {
        string? title = null;
        string? detail = null;
        try
        {
            if (JsonNode.Parse(body) is JsonObject problem)
            {
                title = problem["title"]?.GetValue<string>();
                detail = problem["detail"]?.GetValue<string>();
                if (problem["exceptionType"]?.GetValue<string>() is { } exceptionType)
                {
                    detail = $"{exceptionType}: {detail}";
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not a problem answer (a proxy's HTML page, say): the status line says enough.
        }
        title ??= $"{(int)status} {status}";
        var json = body.TrimStart().StartsWith('{') ? body : null;
        return status switch
        {
            // A disabled account's token is valid: logging in again with it would not help, and the detail says so.
            HttpStatusCode.Unauthorized when title == "Account disabled" => new CliException(ExitCodes.Unavailable, title, detail, json),
            HttpStatusCode.Unauthorized => new CliException(ExitCodes.Unavailable, title, (detail is null ? "" : detail + " ") +
                "Log in again (dobj login URL --token TOKEN) or check DURABLEOBJECTS_TOKEN.", json),
            >= HttpStatusCode.InternalServerError => new CliException(ExitCodes.Unavailable, title, detail, json),
            _ => new CliException(ExitCodes.Refused, title, detail, json),
        };
    }

    private static string Relative(string path) => path.TrimStart('/');

    public void Dispose() => _http.Dispose();
}
