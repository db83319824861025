using DurableObjects.Shared.Domain;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>
/// One pipeline run (modification or creation), keyed by its run id. The grain sequences the steps in a background
/// task of its activation (no grain turn is held for the whole run), journals each completed step in Table Storage
/// before starting the next, and on activation replays the journal and resumes at the first unfinished step.
/// Trust model: the <see cref="IRunLauncher"/> validated the request and the requester's rights before
/// <see cref="StartAsync"/>; decisions and cancellations check the deciding actor here.
/// </summary>
public interface IRunGrain : IGrainWithStringKey
{
    /// <summary>Records the run and starts it; a second call with the same id changes nothing.</summary>
    Task<RunView> StartAsync(RunRequest request);

    /// <summary>The run, or null when no run has this id.</summary>
    Task<RunView?> GetAsync();

    /// <summary>Resumes an unfinished run after a restart or a lost silo; false (a no-op) when it is running or final.</summary>
    Task<bool> ResumeAsync();

    /// <summary>Approves or rejects a run waiting for approval (admins, or the requester).</summary>
    Task<Outcome<RunView>> DecideAsync(bool approve, Actor actor, string? comment);

    /// <summary>Cancels an unfinished run (admins, or the requester). Nothing is committed after a cancel.</summary>
    Task<Outcome<RunView>> CancelAsync(Actor actor);
}
