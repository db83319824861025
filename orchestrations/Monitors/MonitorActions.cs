namespace DurableObjects.Orchestrations.Monitors;

/// <summary>What a monitor does when its pattern matches: send a message, propose a change, or both.</summary>
public static class MonitorActions
{
    public const string Notify = "notify";
    public const string Propose = "propose";
    public const string Both = "both";

    /// <summary>Matching events about one object within <see cref="MonitorOptions.ProposalWindow"/> before a proposal.</summary>
    public const int DefaultProposeAfter = 3;

    public static bool Proposes(string action) => action is Propose or Both;

    public static bool Notifies(string action) => action is not Propose;
}
