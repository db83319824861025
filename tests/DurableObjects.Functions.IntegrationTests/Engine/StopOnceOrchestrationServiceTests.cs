using System.Reflection;
using DurableObjects.Functions.Engine;
using DurableTask.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableObjects.Functions.IntegrationTests.Engine;

/// <summary>
/// The sidecar stops the storage provider from a background callback while the host stops it too; the Azure Storage
/// provider's lease manager throws when two stops overlap, and that exception, on a thread-pool thread, ended a test
/// process in CI. These cases pin the single start and single stop the sidecar is given.
/// </summary>
public sealed class StopOnceOrchestrationServiceTests
{
    [Fact]
    public async Task OverlappingStops_ReachTheProviderOnce_AndBothWaitForIt()
    {
        var (provider, recorder) = Recorder.Create();
        var service = new StopOnceOrchestrationService(provider, NullLogger.Instance);
        await service.StartAsync();
        recorder.StopGate = new TaskCompletionSource();

        var first = service.StopAsync(isForced: true);
        var second = service.StopAsync();
        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);

        recorder.StopGate.SetResult();
        await Task.WhenAll(first, second);
        Assert.Equal(["StartAsync", "StopAsync(True)"], recorder.Calls);
    }

    [Fact]
    public async Task StopBeforeStart_DoesNothing_AndALaterStartDoesNotStartTheProvider()
    {
        var (provider, recorder) = Recorder.Create();
        var service = new StopOnceOrchestrationService(provider, NullLogger.Instance);

        await service.StopAsync(isForced: true);
        await service.StartAsync();

        Assert.Empty(recorder.Calls);
    }

    [Fact]
    public async Task StopDuringStart_WaitsForTheStart_ThenStops()
    {
        var (provider, recorder) = Recorder.Create();
        recorder.StartGate = new TaskCompletionSource();
        var service = new StopOnceOrchestrationService(provider, NullLogger.Instance);

        var start = service.StartAsync();
        var stop = service.StopAsync();
        Assert.False(stop.IsCompleted);
        Assert.Equal(["StartAsync"], recorder.Calls);

        recorder.StartGate.SetResult();
        await Task.WhenAll(start, stop);
        Assert.Equal(["StartAsync", "StopAsync(False)"], recorder.Calls);
    }

    [Fact]
    public async Task ProviderThatFailsToStop_IsLoggedNotThrown()
    {
        var (provider, recorder) = Recorder.Create();
        recorder.StopFailure = new InvalidOperationException("lease manager");
        var service = new StopOnceOrchestrationService(provider, NullLogger.Instance);
        await service.StartAsync();

        await service.StopAsync();
        await service.StopAsync(isForced: true);

        Assert.Equal(["StartAsync", "StopAsync(False)"], recorder.Calls);
    }

    [Fact]
    public async Task WorkItemCalls_ReachTheProvider()
    {
        var (provider, recorder) = Recorder.Create();
        var service = new StopOnceOrchestrationService(provider, NullLogger.Instance);

        await service.CreateIfNotExistsAsync();
        _ = await service.LockNextTaskActivityWorkItem(TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal(["CreateIfNotExistsAsync", "LockNextTaskActivityWorkItem"], recorder.Calls);
    }

    /// <summary>A provider that records each call; starts and stops can be held open or made to fail.</summary>
    public class Recorder : DispatchProxy
    {
        private readonly List<string> _calls = [];
        public TaskCompletionSource? StartGate { get; set; }
        public TaskCompletionSource? StopGate { get; set; }
        public Exception? StopFailure { get; set; }

        public IReadOnlyList<string> Calls
        {
            get { lock (_calls) return [.. _calls]; }
        }

        public static (IOrchestrationService Provider, Recorder Recorder) Create()
        {
            var provider = Create<IOrchestrationService, Recorder>();
            return (provider, (Recorder)(object)provider);
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            var name = targetMethod!.Name;
            lock (_calls)
                _calls.Add(name == nameof(IOrchestrationService.StopAsync) && args is [bool forced] ? $"StopAsync({forced})" : name);
            return name switch
            {
                nameof(IOrchestrationService.StartAsync) => StartGate?.Task ?? Task.CompletedTask,
                nameof(IOrchestrationService.StopAsync) => StopAsync(),
                nameof(IOrchestrationService.LockNextTaskActivityWorkItem) => Task.FromResult<TaskActivityWorkItem>(null!),
                _ => Task.CompletedTask,
            };
        }

        private async Task StopAsync()
        {
            if (StopGate is { } gate)
                await gate.Task;
            if (StopFailure is { } failure)
                throw failure;
        }
    }
}
