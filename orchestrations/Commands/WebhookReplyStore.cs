using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using DurableObjects.Shared.Storage;
using Microsoft.Extensions.Logging;

namespace DurableObjects.Orchestrations.Commands;

/// <summary>
/// Answers each webhook delivery once: the first delivery of an id claims a row (insert-only, so two hosts racing
/// on a retry cannot both win), runs the work and, when the work changed something, stores its reply; any later
/// delivery of the same id — Twilio retrying after a timeout, or a captured request replayed — gets the stored reply
/// and runs nothing. Work that changed nothing (a read, a refusal, a question) gives its claim back, leaving storage
/// as it was: repeating it is harmless. Rows expire after <see cref="Retention"/>.
/// </summary>
/// <remarks>
/// Trust model: call this only after the provider's signature was verified, with the provider's own id for the
/// request (covered by that signature), so a forger can neither reach it nor pick another request's id.
/// </remarks>
public sealed partial class WebhookReplyStore(StorageClients storage, TimeProvider clock, ILogger<WebhookReplyStore> logger)
{
    /// <summary>Table (before the configured prefix).</summary>
    public const string Table = "WebhookReplies";

    /// <summary>How long an answered id is remembered: far beyond Twilio's retries, the life of a call and Slack's five-minute signature window.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    /// <summary>How long a repeat waits for the first delivery's reply (Twilio gives a webhook 15 seconds).</summary>
    public static readonly TimeSpan WaitForFirst = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan PurgeEvery = TimeSpan.FromHours(1);
    // Per webhook group: each purge cleans its own group's partition, so one busy group must not put off another's.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastPurge = new(StringComparer.Ordinal);

    /// <summary>
    /// The reply to the delivery <paramref name="id"/> of <paramref name="webhook"/>: the stored one when it was
    /// answered before, else what <paramref name="answer"/> produces (stored for next time when it says
    /// <c>Remember</c>: it changed something). A repeat that arrives while the first is still being answered waits
    /// for it up to <paramref name="waitForFirst"/> (default <see cref="WaitForFirst"/>; less where the provider gives
    /// up sooner, as Slack does after 3 s), then gets <paramref name="busyReply"/>.
    /// </summary>
    public async Task<string> AnswerOnceAsync(
        string webhook, string id, Func<CancellationToken, Task<(string Reply, bool Remember)>> answer, string busyReply,
        TimeSpan? waitForFirst = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var table = await storage.TableAsync(Table);
        var key = SafeKey(id);
        var claim = await ClaimAsync(table, webhook, key, cancellationToken);
        if (claim is null)
        {
            LogRepeat(logger, webhook, key);
            return await StoredReplyAsync(table, webhook, key, waitForFirst ?? WaitForFirst, cancellationToken) ?? busyReply;
        }

        string reply;
        bool remember;
        try
        {
            (reply, remember) = await answer(cancellationToken);
        }
        catch
        {
            // Nothing was answered: let the provider's retry try again.
            await table.DeleteEntityAsync(claim.PartitionKey, claim.RowKey, claim.ETag, CancellationToken.None);
            throw;
        }

        if (!remember)
        {
            await table.DeleteEntityAsync(claim.PartitionKey, claim.RowKey, claim.ETag, CancellationToken.None);
            return reply;
        }
        claim.Reply = reply;
        await table.UpdateEntityAsync(claim, claim.ETag, TableUpdateMode.Replace, CancellationToken.None);
        await PurgeExpiredAsync(table, webhook);
        return reply;
    }

    /// <summary>The new claim, or null when the id is already taken (and not expired).</summary>
    private async Task<WebhookReplyEntity?> ClaimAsync(TableClient table, string webhook, string key, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = clock.GetUtcNow();
            var claim = new WebhookReplyEntity { PartitionKey = webhook, RowKey = key, ClaimedAt = now, ExpiresAt = now + Retention };
            try
            {
                var added = await table.AddEntityAsync(claim, cancellationToken);
                claim.ETag = added.Headers.ETag ?? ETag.All;
                return claim;
            }
            catch (RequestFailedException e) when (e.IsConflict())
            {
                var existing = await table.GetEntityIfExistsAsync<WebhookReplyEntity>(webhook, key, cancellationToken: cancellationToken);
                if (existing.HasValue && existing.Value is { } row && row.ExpiresAt > now)
                {
                    return null;
                }
                if (existing.HasValue && existing.Value is { } expired)
                {
                    try
                    {
                        await table.DeleteEntityAsync(webhook, key, expired.ETag, cancellationToken);
                    }
                    catch (RequestFailedException gone) when (gone.IsNotFound() || gone.IsPreconditionFailed())
                    {
                        // Someone else renewed or removed it: try again.
                    }
                }
            }
        }
        return null;
    }

    private async Task<string?> StoredReplyAsync(TableClient table, string webhook, string key, TimeSpan wait, CancellationToken cancellationToken)
    {
        var until = clock.GetUtcNow() + wait;
        while (true)
        {
            var row = await table.GetEntityIfExistsAsync<WebhookReplyEntity>(webhook, key, cancellationToken: cancellationToken);
            if (row.HasValue && row.Value?.Reply is { } reply)
            {
                return reply;
            }
            // Gone: the first delivery changed nothing (or failed) and gave its claim back.
            if (!row.HasValue || clock.GetUtcNow() >= until)
            {
                return null;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), clock, cancellationToken);
        }
    }

    private async Task PurgeExpiredAsync(TableClient table, string webhook)
    {
        var now = clock.GetUtcNow();
        if (_lastPurge.TryGetValue(webhook, out var last) && now - last < PurgeEvery)
        {
            return;
        }
        _lastPurge[webhook] = now;
        try
        {
            var expired = table.QueryAsync<WebhookReplyEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {webhook} and ExpiresAt lt {now}"), maxPerPage: 100);
            await foreach (var page in expired.AsPages(pageSizeHint: 100))
            {
                foreach (var row in page.Values)
                {
                    await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag);
                }
                break;
            }
        }
        catch (RequestFailedException e)
        {
            LogPurgeFailed(logger, e, webhook);
        }
    }

    /// <summary>Provider ids are letters and digits; anything a row key cannot hold is replaced.</summary>
    private static string SafeKey(string id)
    {
        var chars = id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        return new string(chars.Length > 200 ? chars[..200] : chars);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Repeated {Webhook} delivery {DeliveryId}: answered with the stored reply, nothing run")]
    private static partial void LogRepeat(ILogger logger, string webhook, string deliveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging expired {Webhook} replies failed")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception, string webhook);
}
