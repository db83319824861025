using DurableObjects.Shared.Domain;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>
/// Starts and steers pipeline runs (modification and creation). The HTTP API, the command processor (SMS, voice)
/// and monitors all go through this one door, so every entry point gets the same authorization and journaling.
/// Trust model: <see cref="Actor"/> is already authenticated; the launcher checks what it may do.
/// </summary>
public interface IRunLauncher
{
    /// <summary>Starts a modification of an existing object from a plain-language request; returns at once.</summary>
    Task<Outcome<RunTicket>> StartModificationAsync(string objectName, string prompt, Actor actor, RunNotification? notify = null);

    /// <summary>Starts creating a new object from scratch; returns at once.</summary>
    Task<Outcome<RunTicket>> StartCreationAsync(string name, string description, string requirements, Actor actor, RunNotification? notify = null);

    /// <summary>Approves or rejects a run that waits for a human decision.</summary>
    Task<Outcome<RunTicket>> DecideAsync(string runId, bool approve, Actor actor, string? comment = null);

    /// <summary>
    /// Starts any run, with per-request options (supplied code for a manual modification, approval and deploy
    /// overrides); returns at once.
    /// </summary>
    Task<Outcome<RunTicket>> StartAsync(RunRequest request);

    /// <summary>Cancels an unfinished run (the requester or an admin).</summary>
    Task<Outcome<RunTicket>> CancelAsync(string runId, Actor actor);
}

/// <summary>A started run: its id, its object, and where its status can be read.</summary>
public sealed record RunTicket(string RunId, string ObjectName, string StatusUrl);

/// <summary>Where to tell the requester how a run ended: a channel (sms, voice, email, slack) and its target.</summary>
public sealed record RunNotification(string Channel, string Target);
