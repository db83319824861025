using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using DurableObjects.AI.UnitTests.Sdk;
using DurableObjects.Orchestrations.Runs.Storage;
using DurableObjects.Testing;

namespace DurableObjects.Orchestrations.IntegrationTests.TwoHosts;

/// <summary>
/// Two real host processes (each its own port and runner processes) on one storage prefix and one task hub, as a
/// user scales out: the same settings, nothing shared but Azure Storage. Both talk to one model stand-in that answers
/// each request by the schema it asks for (plan, candidate, preference), so runs on both hosts may interleave freely.
/// </summary>
internal sealed class HostPair : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private HostPair(string prefix, ChatCompletionsStandIn model, HostProcess first, HostProcess second)
    {
        Prefix = prefix;
        Model = model;
        First = first;
        Second = second;
    }

    public string Prefix { get; }

    public ChatCompletionsStandIn Model { get; }

    public HostProcess First { get; }

    public HostProcess Second { get; }

    public HostProcess[] Hosts => [First, Second];

    /// <summary>Awaited before each model request is answered (a slow model); null: answer at once.</summary>
    public Func<JsonObject, Task>? Hold { get; set; }

    /// <summary>Starts the model stand-in and both hosts together (as two machines would, with no start order).</summary>
    public static async Task<HostPair> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var model = await ChatCompletionsStandIn.StartAsync();
        var prefix = "h" + Guid.NewGuid().ToString("N")[..12];
        var starting = new[] { HostProcess.StartAsync(prefix, Settings(model, FirstModel, settings)), HostProcess.StartAsync(prefix, Settings(model, SecondModel, settings)) };
        try
        {
            var hosts = await Task.WhenAll(starting);
            var pair = new HostPair(prefix, model, hosts[0], hosts[1]);
            model.Answer = async request =>
            {
                if (pair.Hold is { } hold)
                {
                    await hold(request);
                }
                return AnswerBySchema(request);
            };
            return pair;
        }
        catch
        {
            foreach (var start in starting.Where(s => s.IsCompletedSuccessfully))
            {
                await start.Result.DisposeAsync();
            }
            await model.DisposeAsync();
            throw;
        }
    }

    /// <summary>The model name the first host asks for: the hosts differ in nothing else, and only so the stand-in can tell who asked.</summary>
    public const string FirstModel = "stand-in-first";

    /// <summary>The model name the second host asks for.</summary>
    public const string SecondModel = "stand-in-second";

    /// <summary>The model name a host asks for.</summary>
    public string ModelOf(HostProcess host) => host == First ? FirstModel : SecondModel;

    /// <summary>Which host sent a model request (by the model name it asked for).</summary>
    public HostProcess SenderOf(JsonObject request) => request["model"]?.GetValue<string>() == FirstModel ? First : Second;

    /// <summary>The kind of answer a model request asks for: "plan", "candidate" or "preference".</summary>
    public static string KindOf(JsonObject request)
    {
        var properties = request["response_format"]?["json_schema"]?["schema"]?["properties"] as JsonObject;
        return properties switch
        {
            not null when properties.ContainsKey("overallScore") => "preference",
            not null when properties.ContainsKey("steps") => "plan",
            not null when properties.ContainsKey("files") => "candidate",
            _ => throw new InvalidOperationException($"The stand-in has no answer for this schema: {request["response_format"]?.ToJsonString()}"),
        };
    }

    /// <summary>How a host's process appears on the run steps it recorded (<see cref="RunStepEntity.Worker"/>).</summary>
    public static string WorkerOf(HostProcess host) => Environment.MachineName + "/" + host.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The recorded steps of a run, straight from table storage: step name → the worker that recorded it.</summary>
    public async Task<IReadOnlyDictionary<string, string?>> StepWorkersAsync(string runId)
    {
        var table = new TableClient(await Azurite.ConnectionStringAsync(), Prefix + RunSteps.Table);
        var steps = new Dictionary<string, string?>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<RunStepEntity>(e => e.PartitionKey == runId))
        {
            steps[row.RowKey] = row.Worker;
        }
        return steps;
    }

    /// <summary>Both hosts' output, for failure messages.</summary>
    public string Output() => $"--- first host ---\n{First.Output}\n--- second host ---\n{Second.Output}";

    public async ValueTask DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
        await Model.DisposeAsync();
    }

    private static Dictionary<string, string?> Settings(ChatCompletionsStandIn model, string modelName, IDictionary<string, string?>? settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["AI__Provider"] = "OpenAICompatible",
            ["AI__Endpoint"] = new Uri(model.BaseAddress, "/v1").ToString(),
            ["AI__ApiKey"] = "sk-local",
            ["AI__Model"] = modelName,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        return values;
    }

    /// <summary>The scripted answer for what the request's response schema asks for: every run is accepted first time.</summary>
    private static string AnswerBySchema(JsonObject request)
    {
        object answer = KindOf(request) switch
        {
            "preference" => Scripts.Preference(0.9),
            "plan" => Scripts.Plan(),
            _ => Scripts.Candidate(),
        };
        return JsonSerializer.Serialize(answer, Web);
    }
}
