using System.Collections.Concurrent;
using DurableObjects.Sandbox.Runners;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Storage;
using Microsoft.Extensions.Logging;

namespace DurableObjects.Orchestrations.Deployment;

/// <summary>
/// This host's runners for what it serves: one runner per (object, version content) in the <see cref="RunnerPool"/>
/// (whose warm spares make a start quick), started on demand — by a deploy on this host, or by the first invocation
/// here of a version deployed elsewhere. Hosts share nothing but storage: each keeps its own runners.
/// A runner no environment of its object serves any more (as this host last read the object) is removed from the
/// pool; removing one too early is harmless, since the next invocation starts it again.
/// </summary>
public sealed partial class ServingRunners(RunnerPool pool, ArtifactCache artifacts, VersionStore versions, ILogger<ServingRunners> logger)
{
    // Versions being made ready by a deploy on this host: never released under it.
    private readonly ConcurrentDictionary<RunnerKey, int> _preparing = new();
    // What each object served when this host last read it: the content hashes of its deployments.
    private readonly ConcurrentDictionary<string, string[]> _served = new(StringComparer.Ordinal);
    // Runners being brought back for a first invocation, so concurrent first calls share one start.
    private readonly ConcurrentDictionary<RunnerKey, Lazy<Task<RunnerClient?>>> _restoring = new();

    /// <summary>Registers (without starting) the runner of a compiled version for a deploy; pair with <see cref="EndPrepare"/>.</summary>
    public RunnerClient Prepare(string objectKey, CompiledArtifact artifact)
    {
        var key = new RunnerKey(objectKey, artifact.ContentHash);
        _preparing.AddOrUpdate(key, 1, (_, n) => n + 1);
        return pool.GetOrAdd(new RunnerDeployment(key, artifact.Assembly!, artifact.ApiClass!, artifact.TestClass));
    }

    /// <summary>The deploy that prepared <paramref name="key"/> is over (switched in, or failed).</summary>
    public void EndPrepare(RunnerKey key)
    {
        if (_preparing.AddOrUpdate(key, 0, (_, n) => n - 1) <= 0)
        {
            _preparing.TryRemove(KeyValuePair.Create(key, 0));
        }
    }

    /// <summary>Drops a runner prepared for a deploy that failed, unless its object serves that version.</summary>
    public Task ReleaseIfUnusedAsync(RunnerKey key) =>
        _preparing.ContainsKey(key) || (_served.TryGetValue(key.ObjectName, out var hashes) && hashes.Contains(key.ContentHash))
            ? Task.CompletedTask
            : pool.RemoveAsync(key);

    /// <summary>
    /// Drops, <paramref name="after"/> from now, the runner a candidate's checks kept for its deploy (its tests passed
    /// here), unless this host then serves it or a deploy is preparing it: a candidate rejected afterwards, still waiting
    /// for an approval, or deployed by another host does not keep a registration (and its assembly) for ever. Dropping
    /// it too early is harmless: a later deploy or invocation starts it again.
    /// </summary>
    public void ReleaseIfUnusedAfter(RunnerKey key, TimeSpan after) =>
        _ = Task.Run(async () =>
        {
            await Task.Delay(after);
            await ReleaseIfUnusedAsync(key);
        });

    /// <summary>
    /// Records what <paramref name="objectKey"/> serves as just read or written (null: no such object), and removes
    /// the runners of versions it served before and serves no more.
    /// </summary>
    public void Observe(string objectKey, ObjectInfo? info)
    {
        var now = info is null ? [] : info.Deployments.Values.Select(d => d.ContentHash).Distinct(StringComparer.Ordinal).ToArray();
        var before = _served.TryGetValue(objectKey, out var previous) ? previous : [];
        _served[objectKey] = now;
        foreach (var hash in before.Except(now, StringComparer.Ordinal))
        {
            var key = new RunnerKey(objectKey, hash);
            if (!_preparing.ContainsKey(key))
            {
                LogReleased(logger, key.ToString());
                // The new version already serves; the old runner drains and exits in the background.
                _ = Task.Run(() => pool.RemoveAsync(key));
            }
        }
    }

    /// <summary>The runner of a deployment, started on demand on this host (compiling the version if no artifact is cached).</summary>
    public ValueTask<RunnerClient?> GetAsync(string objectKey, DeploymentInfo deployment)
    {
        var key = new RunnerKey(objectKey, deployment.ContentHash);
        return pool.TryGet(key, out var client) ? new(client) : new(RestoreAsync(key, deployment));
    }

    private async Task<RunnerClient?> RestoreAsync(RunnerKey key, DeploymentInfo deployment)
    {
        var restoring = _restoring.GetOrAdd(key, k => new Lazy<Task<RunnerClient?>>(() => RestoreCoreAsync(k, deployment)));
        try
        {
            return await restoring.Value;
        }
        finally
        {
            _restoring.TryRemove(KeyValuePair.Create(key, restoring));
        }
    }

    private async Task<RunnerClient?> RestoreCoreAsync(RunnerKey key, DeploymentInfo deployment)
    {
        var artifact = await artifacts.FindAsync(deployment.ContentHash);
        if (artifact is null && await versions.GetAsync(key.ObjectName, deployment.Version) is { } version)
        {
            artifact = await artifacts.CompileAsync(version.ObjectName, version.ContentHash, await versions.ReadFilesAsync(version));
        }
        if (artifact is not { Success: true })
        {
            return null;
        }
        LogRestored(logger, key.ToString());
        return pool.GetOrAdd(new RunnerDeployment(key, artifact.Assembly!, artifact.ApiClass!, artifact.TestClass));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Runner {Runner} registered on this host for a deployment made here or elsewhere")]
    private static partial void LogRestored(ILogger logger, string runner);

    [LoggerMessage(Level = LogLevel.Information, Message = "Runner {Runner} released: its object no longer serves that version")]
    private static partial void LogReleased(ILogger logger, string runner);
}
