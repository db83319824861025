using DurableTask.Core;

namespace DurableObjects.Functions.Engine;

/// <summary>
/// The storage provider as the sidecar's dispatchers see it, with one start and one stop. The sidecar stops the provider
/// from an <c>ApplicationStopping</c> callback (an <c>async void</c>) while this host stops it too, and the Azure Storage
/// provider's lease manager is not safe to stop twice at once: the second stop threw a <see cref="NullReferenceException"/>
/// on a thread-pool thread and ended the whole process. Here every stop awaits the first one, a stop before any start
/// does nothing, a start after a stop does nothing (the sidecar starts its dispatchers once a worker connects, even when
/// that happens during shutdown), and a failure to stop is logged instead of thrown.
/// </summary>
public sealed partial class StopOnceOrchestrationService(IOrchestrationService inner, ILogger logger) : DelegatingOrchestrationService(inner)
{
    private readonly Lock _gate = new();
    private Task? _start;
    private Task? _stop;

    public override Task StartAsync()
    {
        lock (_gate)
        {
            return _stop is not null ? Task.CompletedTask : _start ??= Inner.StartAsync();
        }
    }

    public override Task StopAsync(bool isForced)
    {
        lock (_gate)
        {
            return _stop ??= StopCoreAsync(_start, isForced);
        }
    }

    private async Task StopCoreAsync(Task? started, bool isForced)
    {
        if (started is null)
            return;
        try
        {
            await started;
            await Inner.StopAsync(isForced);
        }
        catch (Exception exception)
        {
            LogStopFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Durable Task storage provider did not stop cleanly")]
    private static partial void LogStopFailed(ILogger logger, Exception exception);
}
