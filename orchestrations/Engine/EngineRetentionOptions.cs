namespace DurableObjects.Orchestrations.Engine;

/// <summary>How long the engine keeps the history of finished orchestrations (<c>DurableObjects:Engine</c>).</summary>
public sealed class EngineRetentionOptions
{
    public const string Section = "DurableObjects:Engine";

    /// <summary>
    /// How long after it started a finished orchestration (a run, a monitor scan) keeps its engine history: its row in
    /// the task hub's instances table and its rows in the history table. Default one day. Nothing a user reads comes
    /// from there (a run's view, steps, decision chain and audit events live in the app's own tables and stay), so this
    /// only bounds what the engine stores: a monitor scan every 30 s alone leaves 2,880 instances a day, and every table
    /// query on Azurite reads the whole table. Zero or less keeps everything.
    /// </summary>
    public TimeSpan HistoryRetention { get; set; } = TimeSpan.FromDays(1);
}
