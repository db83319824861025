using System.Net;
using System.Net.Http.Headers;
using DurableObjects.Functions;
using DurableObjects.Functions.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Testing;

/// <summary>
/// The real host (Durable Task engine on Azurite, storage, auth, APIs) on an in-memory test server, against the run's Azurite.
/// Each host gets, unless given one, a fresh table prefix (and task hub): its own empty storage.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestHost(WebApplication app, string prefix, string connectionString, string adminToken)
    {
        _app = app;
        Prefix = prefix;
        ConnectionString = connectionString;
        AdminToken = adminToken;
    }

    public string Prefix { get; }
    public string ConnectionString { get; }
    public string AdminToken { get; }
    public IServiceProvider Services => _app.Services;

    /// <summary>Where a listening host (<c>listen: true</c>) answers, e.g. http://127.0.0.1:41234; null in memory.</summary>
    public Uri? BaseAddress { get; private set; }

    /// <param name="prefix">Reuse a previous host's storage (a restart); default: fresh storage.</param>
    /// <param name="settings">Configuration on top of host.json (the highest layer).</param>
    /// <param name="services">Replacements registered after the host's own services (fakes, stand-in clients).</param>
    /// <param name="listen">Serve on Kestrel at a free loopback port (<see cref="BaseAddress"/>) instead of in memory: for a browser.</param>
    public static async Task<TestHost> StartAsync(
        string? prefix = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, bool listen = false)
    {
        prefix ??= "t" + Guid.NewGuid().ToString("N")[..12];
        var connectionString = await Azurite.ConnectionStringAsync();
        var tokenFile = Path.Combine(Path.GetTempPath(), $"do-admin-{prefix}.token");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ApplicationName = "DurableObjects.Functions" });
        if (listen)
        {
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        }
        else
        {
            builder.WebHost.UseTestServer();
        }
        builder.AddDurableObjectsConfiguration();
        var values = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = connectionString,
            ["Storage:TablePrefix"] = prefix,
            // Its own task hub (not starting with the prefix: the engine's lease blobs change on their own, and
            // StorageSnapshot compares what starts with the prefix). A visibility timeout of a minute, not five, so a
            // host stopped mid-activity hands its work over soon; crash tests set it lower still.
            ["extensions:durableTask:hubName"] = "dt" + prefix,
            ["extensions:durableTask:storageProvider:partitionCount"] = "2",
            ["extensions:durableTask:storageProvider:workItemQueueVisibilityTimeout"] = "00:01:00",
            ["extensions:durableTask:storageProvider:controlQueueVisibilityTimeout"] = "00:01:00",
            ["Bootstrap:AdminTokenFile"] = tokenFile,
            ["Logging:LogLevel:Default"] = "Warning",
            // Tests share one Azurite on a loaded machine: storage tries get 30 s here instead of the host's 2 s, so
            // a slow emulator is not mistaken for an outage. Outage tests set Storage:NetworkTimeout themselves.
            ["Storage:NetworkTimeout"] = "00:00:30",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        builder.Configuration.AddInMemoryCollection(values);
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.AddDurableObjectsServices();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapDurableObjects();
        await app.StartAsync();
        var token = File.Exists(tokenFile) ? await File.ReadAllTextAsync(tokenFile) : "";
        var host = new TestHost(app, prefix, connectionString, token);
        if (listen)
        {
            host.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        }
        return host;
    }

    /// <summary>A client with no credentials.</summary>
    public HttpClient Anonymous() => BaseAddress is { } address ? new HttpClient { BaseAddress = address } : _app.GetTestClient();

    /// <summary>A client that sends <paramref name="token"/> as a bearer token.</summary>
    public HttpClient As(string token)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient Admin() => As(AdminToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
