using System.Text;
using System.Text.RegularExpressions;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Testing;

/// <summary>
/// Storage faults for the app's own storage clients (registered as an <see cref="HttpPipelinePolicy"/> service, which
/// <c>StorageClients</c> adds to every try of every request): a request storage applies but whose answer never comes
/// back, and requests that never reach storage. Both fail the way an unreachable account fails a try (status 0), so the
/// storage client's own retry policy sends the request again.
/// </summary>
public sealed class StorageFaults : HttpPipelinePolicy
{
    private readonly Lock _gate = new();
    private Func<HttpMessage, bool>? _loseAnswer;
    private Func<HttpMessage, bool>? _refuse;
    private Action? _afterLostAnswer;

    /// <summary>
    /// Starts a host whose storage clients go through these faults, with one storage retry 50 ms after a failed try (so a
    /// refused call fails after two tries, and a lost answer is met by the client's own resend).
    /// </summary>
    /// <param name="settings">More configuration, on top of the retry settings.</param>
    /// <param name="services">More replacements, registered after the faults.</param>
    /// <param name="prefix">Reuse a previous host's storage (a restart); default: fresh storage.</param>
    public Task<TestHost> StartHostAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, string? prefix = null)
    {
        var values = new Dictionary<string, string?> { ["Storage:MaxRetries"] = "1", ["Storage:RetryDelay"] = "00:00:00.050" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        return TestHost.StartAsync(prefix, settings: values, services: s =>
        {
            s.AddSingleton<HttpPipelinePolicy>(this);
            services?.Invoke(s);
        });
    }

    /// <summary>How many requests were sent to storage whose answers were dropped.</summary>
    public int LostAnswers { get; private set; }

    /// <summary>The next request matching <paramref name="match"/> is applied by storage, then its answer is lost;
    /// <paramref name="then"/> runs at that moment (e.g. to start refusing other requests).</summary>
    public void LoseNextAnswer(Func<HttpMessage, bool> match, Action? then = null)
    {
        lock (_gate)
        {
            (_loseAnswer, _afterLostAnswer) = (match, then);
        }
    }

    /// <summary>Requests matching <paramref name="match"/> fail without reaching storage until <see cref="Heal"/>.</summary>
    public void Refuse(Func<HttpMessage, bool> match)
    {
        lock (_gate)
        {
            _refuse = match;
        }
    }

    public void Heal()
    {
        lock (_gate)
        {
            (_loseAnswer, _refuse, _afterLostAnswer) = (null, null, null);
        }
    }

    /// <summary>
    /// A write (POST, PUT, PATCH, MERGE, DELETE) to the table whose name ends with <paramref name="table"/>, alone or
    /// in an entity-group transaction (a <c>$batch</c> whose operations address that table).
    /// </summary>
    public static Func<HttpMessage, bool> WriteTo(string table) => message =>
        message.Request.Method != RequestMethod.Get &&
        message.Request.Uri.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() is { } last &&
        (last.EndsWith(table, StringComparison.Ordinal) || last.Contains(table + "(", StringComparison.Ordinal)
         || last == "$batch" && BatchAddresses(message, table));

    /// <summary>An insert (POST) into the table whose name ends with <paramref name="table"/> of the row
    /// <paramref name="partitionKey"/>/<paramref name="rowKey"/>.</summary>
    public static Func<HttpMessage, bool> InsertOf(string table, string partitionKey, string rowKey)
    {
        var write = WriteTo(table);
        return message => message.Request.Method == RequestMethod.Post && write(message) &&
            Body(message) is var body &&
            body.Contains($"\"PartitionKey\":\"{partitionKey}\"", StringComparison.Ordinal) &&
            body.Contains($"\"RowKey\":\"{rowKey}\"", StringComparison.Ordinal);
    }

    // The operations of a transaction are HTTP requests in its multipart body, each naming its table in its URL.
    private static bool BatchAddresses(HttpMessage message, string table) =>
        Regex.IsMatch(Body(message), "/[A-Za-z0-9]*" + Regex.Escape(table) + "[ ?(]");

    internal static string Body(HttpMessage message)
    {
        if (message.Request.Content is not { } content)
        {
            return "";
        }
        using var body = new MemoryStream();
        content.WriteTo(body, CancellationToken.None);
        return Encoding.UTF8.GetString(body.ToArray());
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        bool lose;
        lock (_gate)
        {
            if (_refuse?.Invoke(message) == true)
            {
                throw Unreachable("refused before it reached storage");
            }
            lose = _loseAnswer?.Invoke(message) == true;
            if (lose)
            {
                _loseAnswer = null;
            }
        }
        await ProcessNextAsync(message, pipeline);
        if (lose)
        {
            Action? then;
            lock (_gate)
            {
                LostAnswers++;
                then = _afterLostAnswer;
                _afterLostAnswer = null;
            }
            then?.Invoke();
            throw Unreachable("applied by storage, its answer lost");
        }
    }

    private static RequestFailedException Unreachable(string what) =>
        new(0, $"Injected storage fault: the request was {what}.", new IOException("injected storage fault"));
}
