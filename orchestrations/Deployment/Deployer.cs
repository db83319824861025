using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Storage;

namespace DurableObjects.Orchestrations.Deployment;

/// <summary>
/// Makes a version ready to serve without touching what serves now: take the cached artifact (or compile it),
/// start its runner, smoke-check it (load the object, run its constructor) and run the object's own tests in the
/// sandbox. Only a ready version may be switched in; anything else is a reason the deploy records. A ready attempt
/// keeps its runner marked as being prepared (<see cref="ServingRunners.Prepare"/>) until the caller ends it.
/// </summary>
public sealed class Deployer(ArtifactCache artifacts, VersionStore versions)
{
    public async Task<DeployAttempt> PrepareAsync(string objectKey, VersionInfo version, ServingRunners serving, CancellationToken cancellationToken = default)
    {
        var artifact = await artifacts.FindAsync(version.ContentHash, cancellationToken)
            ?? await artifacts.CompileAsync(version.ObjectName, version.ContentHash, await versions.ReadFilesAsync(version, cancellationToken), cancellationToken);
        if (!artifact.Success)
        {
            return DeployAttempt.Failed($"Version {version.Number} does not compile or breaks the sandbox policy.", artifact.Errors);
        }
        var client = serving.Prepare(objectKey, artifact);
        var smoke = await client.StartAsync(cancellationToken);
        if (!smoke.IsOk)
        {
            await AbandonAsync(serving, client);
            return DeployAttempt.Failed($"Version {version.Number} failed its smoke check: {smoke.Message}");
        }
        if (artifact.TestClass is not null)
        {
            var tests = await client.RunTestsAsync(cancellationToken);
            var failures = tests.Failure is { } broken
                ? [broken.Message ?? broken.Status.ToString()]
                : tests.Tests.Where(t => !t.Passed).Select(t => $"{t.Name}: {t.Message}").ToList();
            if (failures.Count > 0)
            {
                await AbandonAsync(serving, client);
                return DeployAttempt.Failed($"Version {version.Number} failed its tests in the sandbox.", failures);
            }
        }
        return new DeployAttempt(client, artifact, null, []);
    }

    private static Task AbandonAsync(ServingRunners serving, Sandbox.Runners.RunnerClient client)
    {
        serving.EndPrepare(client.Deployment.Key);
        return serving.ReleaseIfUnusedAsync(client.Deployment.Key);
    }
}
