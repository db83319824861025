using DurableObjects.Orchestrations.Objects;
using DurableObjects.Shared.Audit;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Storage;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.Deployment;

/// <summary>
/// Deploys and promotes object versions. A deploy makes the version ready on this host (cached artifact, a runner
/// from the warm spares, smoke check, the object's tests) without touching what serves, then records the switch in
/// the object's row (ETag-guarded, retried on 412): from that write on, this host serves the new version at once and
/// every other host within <see cref="ServingOptions.DeploymentCacheBound"/>, each starting its own runner for it on
/// demand. A failure marks the object failed with the reason and switches nothing.
/// <para>
/// Its <c>deploy.succeeded</c> or <c>deploy.failed</c> event is recorded once per write when the deploy names one (a
/// run's deploy: <see cref="RunWriteId"/>; a request with an <c>Idempotency-Key</c>: <see cref="OperationWriteId"/>), so
/// a deploy delivered again — an activity after a crash before its completion, a request retried after a lost answer —
/// switches to the same version again (harmless) and adds no second event. A deploy that names no write (a command, a
/// request without a key) appends its event as before.
/// </para>
/// Trust model: as <see cref="ObjectService"/>: an authenticated actor, whose rights are checked here.
/// </summary>
public sealed class DeploymentService(
    ObjectRows rows,
    VersionStore versions,
    AuditLog audit,
    Deployer deployer,
    ServingRunners serving,
    IOptions<EnvironmentOptions> environments,
    TimeProvider clock)
{
    /// <summary>The environment a deploy that names none goes to (<see cref="EnvironmentOptions.Default"/>).</summary>
    public string EnvironmentOrDefault(string? environment) => environment ?? environments.Value.Default;

    /// <summary>
    /// Deploys a version (default: current) to an environment (default: the configured default): compile (or take
    /// the cached artifact), start a runner, smoke-check, run the object's tests, then switch. On failure the object
    /// is marked failed with the reason and whatever served before keeps serving.
    /// </summary>
    /// <param name="writeId">Names this deploy for its audit event, the same on every delivery of it; null: no such name.</param>
    public async Task<Outcome<ObjectInfo>> DeployAsync(string name, DeployRequest request, Actor actor, string? writeId = null)
    {
        var key = ObjectName.ToKey(name);
        var row = ObjectName.IsValid(name) ? await rows.ReadAsync(key) : null;
        if (ObjectAccess.CheckWritable(row?.Info, key, actor) is { } refused)
        {
            return refused;
        }
        var info = row!.Info;
        var environment = EnvironmentOrDefault(request.Environment);
        if (environments.Value.Check("environment", environment) is { } unknown)
        {
            return unknown;
        }
        var number = request.Version ?? info.CurrentVersion;
        var version = number >= 1 && number <= info.LatestVersion ? await versions.GetAsync(key, number) : null;
        if (version is null)
        {
            return Outcome<ObjectInfo>.Fail(ErrorKind.NotFound, $"Object '{info.Name}' has no version {number}.");
        }
        return await DeployVersionAsync(key, info, version, [environment], actor, row, writeId: writeId);
    }

    /// <summary>Deploys the version serving in <paramref name="fromEnvironment"/> to the next environment.</summary>
    /// <param name="writeId">As for <see cref="DeployAsync"/>.</param>
    public async Task<Outcome<ObjectInfo>> PromoteAsync(string name, string fromEnvironment, Actor actor, string? writeId = null)
    {
        var key = ObjectName.ToKey(name);
        var row = ObjectName.IsValid(name) ? await rows.ReadAsync(key) : null;
        if (ObjectAccess.CheckWritable(row?.Info, key, actor) is { } refused)
        {
            return refused;
        }
        var info = row!.Info;
        if (environments.Value.Check("from", fromEnvironment) is { } unknown)
        {
            return unknown;
        }
        if (environments.Value.Next(fromEnvironment) is not { } next)
        {
            return Outcome<ObjectInfo>.Fail(ErrorKind.Invalid, $"'{fromEnvironment}' is the last environment; there is nothing to promote to.");
        }
        if (!info.Deployments.TryGetValue(fromEnvironment, out var serving))
        {
            return Outcome<ObjectInfo>.Fail(ErrorKind.Conflict, $"Nothing is deployed to '{fromEnvironment}'.");
        }
        var version = await versions.GetAsync(key, serving.Version);
        return await DeployVersionAsync(key, info, version!, [next], actor, row, writeId: writeId);
    }

    /// <summary>
    /// For a rollback: deploys <paramref name="version"/> to every environment that serves something else now, and
    /// applies <paramref name="rollBack"/> (which makes it current) in the same row write, so the switch and the
    /// rollback land together or not at all: when <paramref name="rollBack"/> refuses the row as it is at the write
    /// (it changed meanwhile), no environment is switched. <paramref name="applied"/> recognizes the rollback's own write
    /// in a row read after a 412 (see <see cref="ObjectRows.ChangeAsync"/>); <paramref name="writeId"/> names the
    /// rollback, so its deploy event is recorded once however its write ends.
    /// </summary>
    public async Task<Outcome<ObjectInfo>> RedeployEverywhereAsync(string key, ObjectInfo current, VersionInfo version, Actor actor,
        Func<ObjectInfo, Outcome<ObjectInfo>> rollBack, Func<ObjectInfo, bool> applied, string writeId)
    {
        ArgumentNullException.ThrowIfNull(current);
        var live = current.Deployments.Where(d => d.Value.Version != version.Number).Select(d => d.Key).ToList();
        // The row names the environments switched, so that a retry of the rollback can record their event (below).
        var switching = Switching(rollBack, live.Count == 0 ? null : string.Join(",", live));
        return live.Count == 0
            ? await rows.ChangeAsync(key, actor, switching, applied: applied)
            : await DeployVersionAsync(key, current, version, live, actor, also: switching, applied: applied, writeId: RollbackWriteId(writeId));
    }

    private static Func<ObjectInfo, Outcome<ObjectInfo>> Switching(Func<ObjectInfo, Outcome<ObjectInfo>> rollBack, string? environments) => info =>
    {
        var outcome = rollBack(info);
        return outcome.Value is { } rolled ? Outcome<ObjectInfo>.Ok(rolled with { RollbackEnvironments = environments }) : outcome;
    };

    /// <summary>
    /// For a retry of a rollback whose row write landed (<paramref name="info"/> carries its write id): records the deploy
    /// event of the environments it switched to <paramref name="version"/>, should its first attempt have ended before
    /// that; once, under the same key as that attempt's (<see cref="RedeployEverywhereAsync"/>).
    /// </summary>
    public async Task RecordRolledBackDeployAsync(string key, ObjectInfo info, int version, Actor actor, string writeId)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (string.IsNullOrEmpty(info.RollbackEnvironments))
        {
            return;
        }
        await AuditAsync(AuditEventTypes.Deployed, AuditEventTypes.ObjectSubject(key), actor, DeployedData(info.Name, version, info.RollbackEnvironments), RollbackWriteId(writeId));
    }

    private static string RollbackWriteId(string writeId) => "rollback/" + writeId;

    private static Dictionary<string, string> DeployedData(string name, int version, string environments) => new()
    {
        ["name"] = name,
        ["version"] = ObjectRows.Text(version),
        ["environment"] = environments,
    };

    /// <summary>The write id of a run's deploy of <paramref name="version"/>: every delivery of that deploy names it alike.</summary>
    public static string RunWriteId(string runId, int version) => $"run/{runId}/{ObjectRows.Text(version)}";

    /// <summary>The write id of a deploy or promotion asked for by a keyed request: every attempt of it names it alike.</summary>
    public static string OperationWriteId(RequestOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return "operation/" + operation.Id;
    }

    /// <summary>
    /// Prepares <paramref name="version"/> once, then switches every environment in <paramref name="targets"/> to it.
    /// A failure marks the object failed with the reason and switches nothing.
    /// </summary>
    /// <remarks><paramref name="read"/>, the row as read at the request's start, is written back under its ETag (no second
    /// read on the deploy's path); when it changed meanwhile the write reads again and retries. <paramref name="also"/>: a change applied first in the same row write (a rollback's); when it refuses the
    /// row, nothing is switched and its refusal is the answer; <paramref name="applied"/>: how that change recognizes its
    /// own write, switch included, in a row read after a 412.</remarks>
    private async Task<Outcome<ObjectInfo>> DeployVersionAsync(string key, ObjectInfo info, VersionInfo version, IReadOnlyList<string> targets, Actor actor,
        ObjectRow? read = null, Func<ObjectInfo, Outcome<ObjectInfo>>? also = null, Func<ObjectInfo, bool>? applied = null, string? writeId = null)
    {
        var attempt = await deployer.PrepareAsync(key, version, serving);
        var subject = AuditEventTypes.ObjectSubject(key);
        var data = DeployedData(info.Name, version.Number, string.Join(",", targets));
        if (!attempt.Ready)
        {
            var reason = attempt.Details.Count > 0 ? $"{attempt.Error} {string.Join(" | ", attempt.Details.Take(5))}" : attempt.Error!;
            await rows.ChangeAsync(key, actor, i => Outcome<ObjectInfo>.Ok(i with { Status = ObjectStatus.Failed, LastError = reason, UpdatedAt = clock.GetUtcNow() }));
            data["reason"] = reason.Length > 1000 ? reason[..1000] : reason;
            await AuditAsync(AuditEventTypes.DeployFailed, subject, actor, data, writeId);
            return Outcome<ObjectInfo>.Fail(ErrorKind.Unprocessable, attempt.Error!, new Dictionary<string, string[]> { ["diagnostics"] = [.. attempt.Details] });
        }

        var runner = attempt.Client!.Deployment.Key;
        try
        {
            var saved = await rows.ChangeAsync(key, actor, stored =>
            {
                var first = also?.Invoke(stored) ?? Outcome<ObjectInfo>.Ok(stored);
                if (first.Value is not { } i)
                {
                    return first;
                }
                var deployments = new Dictionary<string, DeploymentInfo>(i.Deployments, StringComparer.Ordinal);
                foreach (var environment in targets)
                {
                    deployments[environment] = new DeploymentInfo(version.Number, version.ContentHash, clock.GetUtcNow(), actor.UserId);
                }
                return Outcome<ObjectInfo>.Ok(i with { Status = ObjectStatus.Deployed, LastError = null, Deployments = deployments, UpdatedAt = clock.GetUtcNow() });
            }, read, applied);
            if (saved.Value is not null)
            {
                // This host switched when the row was written (ObjectRows.ChangeAsync; the versions no environment serves
                // any more are released); the others read the new row within the cache bound.
                await AuditAsync(AuditEventTypes.Deployed, subject, actor, data, writeId);
            }
            return saved;
        }
        finally
        {
            serving.EndPrepare(runner);
            await serving.ReleaseIfUnusedAsync(runner);
        }
    }

    // With a write id, once per write and type (one transaction in place of the insert, no read first): a delivery
    // that failed where an earlier one succeeded, or the reverse, is still recorded, each outcome once.
    private Task AuditAsync(string type, string subject, Actor actor, Dictionary<string, string> data, string? writeId) =>
        writeId is null
            ? audit.AppendAsync(type, subject, actor.UserId, data)
            : audit.AppendOnceAsync($"{type}/{subject}/{writeId}", type, subject, actor.UserId, data);
}

