using DurableTask.AzureStorage;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.Options;
using DurableTask.Core;
using DurableObjects.Orchestrations.Runs;

namespace DurableObjects.Functions.Engine;

/// <summary>
/// Standalone mode's Durable Task backend: the engine's gRPC sidecar (<see cref="TaskHubGrpcServer"/>) over the Azure
/// Storage provider, on a private Unix socket of this process — the semantics of Durable Functions on Azure Storage,
/// without the Functions host. The worker and client of this host talk to it through <see cref="EngineEndpoint"/>; several
/// hosts on one task hub share its work through the provider's partition leases and queues.
/// </summary>
public sealed partial class DurableTaskSidecar : IHostedService, IAsyncDisposable
{
    private readonly AzureStorageOrchestrationService _service;
    private readonly StopOnceOrchestrationService _dispatched;
    private readonly RunAdmission? _admission;
    private readonly ExtendedSessions? _sessions;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger<DurableTaskSidecar> _logger;
    private WebApplication? _server;

    public DurableTaskSidecar(string connectionString, EngineOptions options, EngineEndpoint endpoint, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(endpoint);
        _loggers = loggers;
        _logger = loggers.CreateLogger<DurableTaskSidecar>();
        SocketPath = endpoint.SocketPath;
        var provider = options.StorageProvider;
        _service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.HubName,
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            PartitionCount = provider.PartitionCount,
            MaxQueuePollingInterval = provider.MaxQueuePollingInterval,
            ControlQueueVisibilityTimeout = provider.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = provider.WorkItemQueueVisibilityTimeout,
            LeaseInterval = provider.LeaseInterval,
            MaxConcurrentTaskActivityWorkItems = Math.Max(1, options.MaxConcurrentActivityFunctions),
            MaxConcurrentTaskOrchestrationWorkItems = Math.Max(1, options.MaxConcurrentOrchestratorFunctions),
            ControlQueueBufferThreshold = Math.Max(1, provider.ControlQueueBufferThreshold),
            ExtendedSessionsEnabled = options.ExtendedSessionsEnabled,
            ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(Math.Max(1, options.ExtendedSessionIdleTimeoutInSeconds)),
            LoggerFactory = loggers,
        });
        IOrchestrationService dispatched = _service;
        if (options.ExtendedSessionsEnabled)
        {
            dispatched = _sessions = new ExtendedSessions(_service, MaxWaitingSessions,
                TimeSpan.FromMilliseconds(Math.Max(0, options.FanInWindowMilliseconds)), loggers.CreateLogger<ExtendedSessions>());
        }
        if (options.MaxActiveRuns > 0)
        {
            dispatched = _admission = new RunAdmission(dispatched, options.MaxActiveRuns, provider.ControlQueueBufferThreshold / 2,
                provider.ControlQueueVisibilityTimeout, RunOrchestrators, loggers.CreateLogger<RunAdmission>());
        }
        dispatched = new DispatchSlots(dispatched, Math.Max(1, options.MaxConcurrentActivityFunctions),
            Math.Max(1, options.MaxConcurrentOrchestratorFunctions));
        _dispatched = new StopOnceOrchestrationService(dispatched, _logger);
    }

    /// <summary>
    /// Orchestrations kept loaded between episodes at most (<see cref="ExtendedSessions"/>): a run's history in memory is
    /// tens of kilobytes, so this bounds them to tens of megabytes; beyond it an episode's session is released as usual.
    /// </summary>
    public const int MaxWaitingSessions = 1000;

    /// <summary>The orchestrators whose starts <see cref="RunAdmission"/> admits: the runs.</summary>
    public static IReadOnlySet<string> RunOrchestrators { get; } =
        new HashSet<string>(StringComparer.Ordinal) { nameof(ModificationOrchestrator), nameof(CreationOrchestrator) };

    /// <summary>Where the sidecar listens: a socket file only this host uses (no TCP port is opened).</summary>
    public string SocketPath { get; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _service.CreateIfNotExistsAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_loggers);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(SocketPath, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IOrchestrationService>(_dispatched);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(_service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var server = builder.Build();
        server.MapGrpcService<TaskHubGrpcServer>();
        await server.StartAsync(cancellationToken);
        _server = server;
        LogStarted(_logger, SocketPath);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { } server)
        {
            _server = null;
            await server.StopAsync(cancellationToken);
            await server.DisposeAsync();
            // The sidecar stops its dispatchers in the background and then the provider; stopping it here as well (the
            // same single stop) means no poller outlives the host.
            await _dispatched.StopAsync(isForced: true);
        }
        File.Delete(SocketPath);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _admission?.Dispose();
        _sessions?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable Task sidecar (Azure Storage provider) listening on {SocketPath}")]
    private static partial void LogStarted(ILogger logger, string socketPath);
}
