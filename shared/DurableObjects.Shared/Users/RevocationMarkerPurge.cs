using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableObjects.Shared.Users;

/// <summary>
/// Deletes the revocation markers (<see cref="RevocationMarker"/>) older than <see cref="RevocationMarkerOptions.Retention"/>.
/// Only keyed revocations write markers, so they purge them too (<see cref="UserAccountService.RevokeTokenAsync"/>), at
/// most once per <see cref="Interval"/> per host: markers never outnumber the keyed revocations of the last retention
/// plus an interval, and no timer reads the token table on hosts where nobody revokes. A purge costs one range read of
/// the markers (no token row is in that range) and a delete per old marker.
/// </summary>
public sealed partial class RevocationMarkerPurge(TokenStore tokens, IOptions<RevocationMarkerOptions> options, TimeProvider clock, ILogger<RevocationMarkerPurge> logger)
{
    /// <summary>How often a host purges at most.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    private long _dueTicks;

    /// <summary>Purges when the last purge on this host is an <see cref="Interval"/> old (or there was none). Best effort:
    /// a purge storage refuses is done by the next one.</summary>
    public async Task PurgeIfDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var due = Interlocked.Read(ref _dueTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _dueTicks, (now + Interval).UtcTicks, due) != due)
        {
            return;
        }
        try
        {
            var deleted = await tokens.DeleteRevocationMarkersAsync(now - options.Value.Retention, cancellationToken);
            if (deleted > 0)
            {
                LogPurged(logger, deleted, options.Value.Retention);
            }
        }
        catch (RequestFailedException e)
        {
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} token revocation marker(s) older than {Retention}")]
    private static partial void LogPurged(ILogger logger, int count, TimeSpan retention);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting old token revocation markers failed; the next keyed revocation after the interval retries")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
