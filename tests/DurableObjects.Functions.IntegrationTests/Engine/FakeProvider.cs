using System.Reflection;
using System.Threading.Channels;
using DurableTask.Core;

namespace DurableObjects.Functions.IntegrationTests.Engine;

/// <summary>
/// A provider handing out the work items sent to it (orchestration episodes and activities), recording renewals,
/// completions, abandons, releases and the stop.
/// </summary>
public class FakeProvider : DispatchProxy
{
    private readonly Channel<TaskOrchestrationWorkItem> _items = Channel.CreateUnbounded<TaskOrchestrationWorkItem>();
    private readonly Channel<TaskActivityWorkItem> _activities = Channel.CreateUnbounded<TaskActivityWorkItem>();
    private readonly List<string> _calls = [];

    public IReadOnlyList<string> Calls
    {
        get { lock (_calls) return [.. _calls]; }
    }

    public static (IOrchestrationService Provider, FakeProvider Fake) Create()
    {
        var provider = Create<IOrchestrationService, FakeProvider>();
        return (provider, (FakeProvider)(object)provider);
    }

    public void Send(params TaskOrchestrationWorkItem[] items)
    {
        foreach (var item in items)
        {
            _items.Writer.TryWrite(item);
        }
    }

    public void Send(params TaskActivityWorkItem[] items)
    {
        foreach (var item in items)
        {
            _activities.Writer.TryWrite(item);
        }
    }

    /// <summary>Activity completions throw (a storage failure) while this is set.</summary>
    public bool FailActivityCompletions { get; set; }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var name = targetMethod!.Name;
        string? instance = args switch
        {
            [TaskOrchestrationWorkItem item, ..] => item.InstanceId,
            [TaskActivityWorkItem activity, ..] => activity.Id,
            _ => null,
        };
        var record = name switch
        {
            nameof(IOrchestrationService.CompleteTaskActivityWorkItemAsync) => $"Complete {instance}",
            nameof(IOrchestrationService.AbandonTaskActivityWorkItemAsync) => $"Abandon {instance}",
            nameof(IOrchestrationService.RenewTaskOrchestrationWorkItemLockAsync) => $"Renew {instance}",
            nameof(IOrchestrationService.AbandonTaskOrchestrationWorkItemAsync) => $"Abandon {instance}",
            nameof(IOrchestrationService.ReleaseTaskOrchestrationWorkItemAsync) => $"Release {instance}",
            nameof(IOrchestrationService.StopAsync) => "StopAsync",
            _ => null,
        };
        if (record is not null)
        {
            lock (_calls)
                _calls.Add(record);
        }
        return name switch
        {
            nameof(IOrchestrationService.LockNextTaskOrchestrationWorkItemAsync) => _items.Reader.ReadAsync((CancellationToken)args![1]!).AsTask(),
            nameof(IOrchestrationService.LockNextTaskActivityWorkItem) => _activities.Reader.ReadAsync((CancellationToken)args![1]!).AsTask(),
            nameof(IOrchestrationService.CompleteTaskActivityWorkItemAsync) when FailActivityCompletions =>
                Task.FromException(new InvalidOperationException("The completion failed.")),
            _ => Task.CompletedTask,
        };
    }
}
