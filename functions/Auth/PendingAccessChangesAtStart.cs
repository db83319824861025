using DurableObjects.Shared.Users;

namespace DurableObjects.Functions.Auth;

/// <summary>
/// At host start, in the background, finishes the user access changes whose requests died before recording their
/// events (<see cref="PendingAccessChanges.FinishAllAsync"/>: one read of the users), so they are recorded even if
/// nobody lists the users or changes that user. Best effort: it never delays or fails the start; when storage refuses,
/// the changes stay pending for their next reader. Registered after <see cref="AdminBootstrapService"/>, so a
/// first-start admin whose registration could not be recorded is among those it finishes.
/// </summary>
public sealed partial class PendingAccessChangesAtStart(PendingAccessChanges pending, ILogger<PendingAccessChangesAtStart> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await pending.FinishAllAsync(stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is not OutOfMemoryException)
        {
            // Storage refused or timed out: the next listing of users, change or retry finishes them, once.
            LogFailed(logger, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Finishing pending user access changes at start failed ({Reason}); left for the next listing of users")]
    private static partial void LogFailed(ILogger logger, string reason);
}
