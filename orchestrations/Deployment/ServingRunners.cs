using DurableObjects.Sandbox.Runners;

namespace DurableObjects.Orchestrations.Deployment;

/// <summary>
/// The runners serving one object, per environment, held by its grain activation. Switching an environment to a
/// new runner is one reference assignment, so an invocation sees either the old version or the new one, never a
/// mix; a runner no environment uses any more is removed from the pool (its process stops).
/// </summary>
public sealed class ServingRunners(RunnerPool pool)
{
    private readonly Dictionary<string, RunnerClient> _byEnvironment = new(StringComparer.Ordinal);

    public RunnerClient? Get(string environment) => _byEnvironment.GetValueOrDefault(environment);

    /// <summary>Registers (without starting) the runner of a compiled version.</summary>
    public RunnerClient Prepare(string objectKey, CompiledArtifact artifact) =>
        pool.GetOrAdd(new RunnerDeployment(new RunnerKey(objectKey, artifact.ContentHash), artifact.Assembly!, artifact.ApiClass!, artifact.TestClass));

    /// <summary>Makes <paramref name="client"/> serve <paramref name="environment"/>; releases what served before if unused.</summary>
    public async Task SwitchAsync(string environment, RunnerClient client)
    {
        var previous = _byEnvironment.GetValueOrDefault(environment);
        _byEnvironment[environment] = client;
        if (previous is not null && previous != client && !IsServing(previous.Deployment.Key))
        {
            // The new runner already serves; the old one drains and exits in the background (up to its grace
            // period), so the deploy answers without waiting for it.
            _ = Task.Run(() => pool.RemoveAsync(previous.Deployment.Key));
        }
        await Task.CompletedTask;
    }

    /// <summary>Drops a runner prepared for a deploy that failed, unless an environment serves it.</summary>
    public Task ReleaseIfUnusedAsync(RunnerKey key) => IsServing(key) ? Task.CompletedTask : pool.RemoveAsync(key);

    private bool IsServing(RunnerKey key) => _byEnvironment.Values.Any(c => c.Deployment.Key == key);

    /// <summary>Stops every runner of this object (the grain is deactivating).</summary>
    public async Task ReleaseAllAsync()
    {
        foreach (var key in _byEnvironment.Values.Select(c => c.Deployment.Key).Distinct().ToList())
        {
            await pool.RemoveAsync(key);
        }
        _byEnvironment.Clear();
    }
}
