using DurableTask.Core;
using DurableTask.Core.History;

namespace DurableObjects.Functions.Engine;

/// <summary>What an orchestration's history says about the work it has under way (read by <see cref="RunAdmission"/>).</summary>
public static class EngineHistory
{
    /// <summary>
    /// Whether the instance still has work of this engine under way: it is not finished and at least one activity (or
    /// sub-orchestration) it scheduled has not reported back. A run waiting only for an event or a timer is not.
    /// </summary>
    public static bool IsWorking(OrchestrationRuntimeState? state) => Outstanding(state) > 0;

    /// <summary>How many activities (and sub-orchestrations) the unfinished instance scheduled that have not reported back.</summary>
    public static int Outstanding(OrchestrationRuntimeState? state)
    {
        if (state is null || state.OrchestrationStatus is not (OrchestrationStatus.Running or OrchestrationStatus.Pending))
        {
            return 0;
        }
        var outstanding = new HashSet<int>();
        foreach (var historyEvent in state.Events)
        {
            if (historyEvent is TaskScheduledEvent or SubOrchestrationInstanceCreatedEvent)
            {
                outstanding.Add(historyEvent.EventId);
            }
            else if (ScheduledIdOf(historyEvent) is { } reported)
            {
                outstanding.Remove(reported);
            }
        }
        return outstanding.Count;
    }

    /// <summary>The scheduled task or sub-orchestration an event reports back on, if it is such a report.</summary>
    private static int? ScheduledIdOf(HistoryEvent historyEvent) => historyEvent switch
    {
        TaskCompletedEvent completed => completed.TaskScheduledId,
        TaskFailedEvent failed => failed.TaskScheduledId,
        SubOrchestrationInstanceCompletedEvent completed => completed.TaskScheduledId,
        SubOrchestrationInstanceFailedEvent failed => failed.TaskScheduledId,
        _ => null,
    };
}
