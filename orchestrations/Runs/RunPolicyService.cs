using DurableObjects.Orchestrations.Objects;
using DurableObjects.Orchestrations.Runs.Storage;
using DurableObjects.Shared.Domain;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>
/// An object's pipeline policy: reading it, and replacing it by its owner or an admin with a policy that only
/// tightens the host's (<see cref="RunPolicy.Validate"/>). The store audits every change.
/// </summary>
/// <remarks>
/// Trust model: the <see cref="Actor"/> is authenticated by the caller; ownership is checked here against the
/// object as stored; the policy is untrusted input and is validated before it is stored.
/// </remarks>
public sealed class RunPolicyService(ObjectService objects, RunPolicyStore policies, IOptions<PipelineOptions> host)
{
    /// <summary>The object's policy (null fields use the host's), or NotFound.</summary>
    public async Task<Outcome<RunPolicy>> GetAsync(string name, CancellationToken cancellationToken = default) =>
        await objects.GetAsync(name, cancellationToken) is { } info
            ? Outcome<RunPolicy>.Ok(await policies.GetAsync(ObjectName.ToKey(info.Name), cancellationToken))
            : Outcome<RunPolicy>.Fail(ErrorKind.NotFound, $"No object named '{name}'.");

    /// <summary>Replaces the object's policy: NotFound, Forbidden (not the owner or an admin) or Invalid (a field
    /// loosens the host's policy or is out of range), else the stored policy.</summary>
    public async Task<Outcome<RunPolicy>> SetAsync(string name, RunPolicy policy, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(actor);
        if (await objects.GetAsync(name, cancellationToken) is not { } info)
        {
            return Outcome<RunPolicy>.Fail(ErrorKind.NotFound, $"No object named '{name}'.");
        }
        if (!actor.MayChange(info.Owner))
        {
            return Outcome<RunPolicy>.Fail(ErrorKind.Forbidden, $"Only the owner of '{info.Name}' or an admin may change its pipeline policy.");
        }
        if (policy.Validate(host.Value).ToList() is { Count: > 0 } problems)
        {
            return Outcome<RunPolicy>.Fail(ErrorKind.Invalid, "The policy has invalid fields.", new Dictionary<string, string[]> { ["policy"] = [.. problems] });
        }
        await policies.SetAsync(ObjectName.ToKey(info.Name), policy, actor, cancellationToken);
        return Outcome<RunPolicy>.Ok(policy);
    }
}
