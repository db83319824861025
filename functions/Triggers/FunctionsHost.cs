using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration.Json;

namespace DurableObjects.Functions.Triggers;

/// <summary>
/// The app as an Azure Functions isolated worker: started by the Functions host (Core Tools locally, the Functions
/// runtime on Azure), which passes the worker its gRPC endpoint on the command line. The host owns HTTP, the timer and
/// the Durable Task engine (its Durable extension on the storage account in <c>AzureWebJobsStorage</c>); this worker
/// registers the same services as standalone mode and answers the triggers in this folder.
/// </summary>
public static class FunctionsHost
{
    /// <summary>Command-line switches only the Functions host passes to a worker it starts (both generations of names).</summary>
    private static readonly string[] HostSwitches = ["--functions-uri", "--functions-worker-id", "--workerId", "--functions-request-id", "--requestId"];

    /// <summary>True when the Functions host started this process; otherwise the app runs standalone.</summary>
    public static bool StartedBy(string[] args) =>
        args.Any(arg => HostSwitches.Any(s => arg.Equals(s, StringComparison.OrdinalIgnoreCase) || arg.StartsWith(s + "=", StringComparison.OrdinalIgnoreCase)));

    public static async Task RunAsync(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        // host.json's DurableObjects section (pipeline thresholds, limits, runner, monitors) is the lowest layer here
        // as standalone; app settings (environment variables) override it.
        builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            Path = Path.Combine(AppContext.BaseDirectory, "host.json"),
            Optional = true,
            ReloadOnChange = false,
        });
        builder.Services.AddDurableObjectsApp(builder.Configuration);
        builder.Services.AddSingleton<HttpGateway>();
        using var host = builder.Build();
        await host.RunAsync();
    }
}
