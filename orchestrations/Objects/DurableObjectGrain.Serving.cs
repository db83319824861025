using System.Text.Json;
using DurableObjects.Orchestrations.Deployment;
using DurableObjects.Sandbox.Runners;
using DurableObjects.Shared.Audit;
using DurableObjects.Shared.Domain;

namespace DurableObjects.Orchestrations.Objects;

/// <summary>Deployment, promotion and invocation of the durable object grain.</summary>
public sealed partial class DurableObjectGrain
{
    // Runners being brought back after a reactivation, per environment, so concurrent first calls share one start.
    private readonly Dictionary<string, Task<RunnerClient?>> _restoring = new(StringComparer.Ordinal);

    public async Task<Outcome<ObjectInfo>> DeployAsync(DeployRequest request, Actor actor)
    {
        if (CheckWritable(actor) is { } refused)
        {
            return refused;
        }
        var environment = request.Environment ?? environments.Value.Default;
        if (!environments.Value.IsKnown(environment))
        {
            return UnknownEnvironment(environment);
        }
        var number = request.Version ?? _object!.CurrentVersion;
        var version = number >= 1 && number <= _object!.LatestVersion ? await versions.GetAsync(Key, number) : null;
        if (version is null)
        {
            return Outcome<ObjectInfo>.Fail(ErrorKind.NotFound, $"Object '{_object!.Name}' has no version {number}.");
        }
        return await DeployVersionAsync(version, [environment], actor);
    }

    public async Task<Outcome<ObjectInfo>> PromoteAsync(string fromEnvironment, Actor actor)
    {
        if (CheckWritable(actor) is { } refused)
        {
            return refused;
        }
        if (!environments.Value.IsKnown(fromEnvironment))
        {
            return UnknownEnvironment(fromEnvironment);
        }
        if (environments.Value.Next(fromEnvironment) is not { } next)
        {
            return Outcome<ObjectInfo>.Fail(ErrorKind.Invalid, $"'{fromEnvironment}' is the last environment; there is nothing to promote to.");
        }
        if (!_object!.Deployments.TryGetValue(fromEnvironment, out var serving))
        {
            return Outcome<ObjectInfo>.Fail(ErrorKind.Conflict, $"Nothing is deployed to '{fromEnvironment}'.");
        }
        var version = await versions.GetAsync(Key, serving.Version);
        return await DeployVersionAsync(version!, [next], actor);
    }

    public async Task<InvokeResult> InvokeAsync(string method, string argumentsJson, string? environment, bool callerAuthenticated)
    {
        if (_object is null)
        {
            return new InvokeResult(InvokeStatus.NotFound, Message: $"No object named '{Key}'.");
        }
        if (!callerAuthenticated && !_object.PublicInvoke)
        {
            return new InvokeResult(InvokeStatus.Unauthorized, Message: "This object's methods need an API token.");
        }
        var env = environment ?? environments.Value.Default;
        if (!_object.Deployments.TryGetValue(env, out var deployment))
        {
            return new InvokeResult(InvokeStatus.NotDeployed, Message: $"Object '{_object.Name}' is not deployed to '{env}'.");
        }
        var client = serving.Get(env) ?? await RestoreAsync(env, deployment);
        if (client is null)
        {
            return new InvokeResult(InvokeStatus.Unavailable, Message: $"The runner of '{_object.Name}' in '{env}' could not be started.");
        }
        var outcome = await client.InvokeAsync(method, argumentsJson);
        var result = ToResult(outcome, deployment.Version);
        if (result.Status is InvokeStatus.ObjectThrew or InvokeStatus.Timeout or InvokeStatus.Unavailable or InvokeStatus.ResultTooLarge)
        {
            await audit.AppendAsync(AuditEventTypes.InvocationFailed, AuditEventTypes.ObjectSubject(Key), "runner", new Dictionary<string, string>
            {
                ["name"] = _object.Name,
                ["method"] = method.Length > 100 ? method[..100] : method,
                ["environment"] = env,
                ["status"] = result.Status.ToString(),
                ["error"] = result.ErrorType ?? "",
            });
        }
        return result;
    }

    /// <summary>
    /// Prepares <paramref name="version"/> once, then switches every environment in <paramref name="targets"/> to it.
    /// A failure marks the object failed with the reason and switches nothing.
    /// </summary>
    private async Task<Outcome<ObjectInfo>> DeployVersionAsync(VersionInfo version, IReadOnlyList<string> targets, Actor actor)
    {
        var attempt = await deployer.PrepareAsync(Key, version, serving);
        var subject = AuditEventTypes.ObjectSubject(Key);
        var data = new Dictionary<string, string>
        {
            ["name"] = _object!.Name,
            ["version"] = Text(version.Number),
            ["environment"] = string.Join(",", targets),
        };
        if (!attempt.Ready)
        {
            var reason = attempt.Details.Count > 0 ? $"{attempt.Error} {string.Join(" | ", attempt.Details.Take(5))}" : attempt.Error!;
            await SaveAsync(_object with { Status = ObjectStatus.Failed, LastError = reason, UpdatedAt = clock.GetUtcNow() });
            data["reason"] = reason.Length > 1000 ? reason[..1000] : reason;
            await audit.AppendAsync(AuditEventTypes.DeployFailed, subject, actor.UserId, data);
            return Outcome<ObjectInfo>.Fail(ErrorKind.Unprocessable, attempt.Error!, new Dictionary<string, string[]> { ["diagnostics"] = [.. attempt.Details] });
        }

        foreach (var environment in targets)
        {
            await serving.SwitchAsync(environment, attempt.Client!);
        }
        var deployments = new Dictionary<string, DeploymentInfo>(_object.Deployments, StringComparer.Ordinal);
        foreach (var environment in targets)
        {
            deployments[environment] = new DeploymentInfo(version.Number, version.ContentHash, clock.GetUtcNow(), actor.UserId);
        }
        var saved = await SaveAsync(_object with { Status = ObjectStatus.Deployed, LastError = null, Deployments = deployments, UpdatedAt = clock.GetUtcNow() });
        if (saved.Succeeded)
        {
            await audit.AppendAsync(AuditEventTypes.Deployed, subject, actor.UserId, data);
        }
        return saved;
    }

    /// <summary>For a rollback: deploys <paramref name="version"/> to every environment that serves something now.</summary>
    private async Task<Outcome<ObjectInfo>> RedeployEverywhereAsync(VersionInfo version, Actor actor)
    {
        var live = _object!.Deployments.Where(d => d.Value.Version != version.Number).Select(d => d.Key).ToList();
        return live.Count == 0 ? Outcome<ObjectInfo>.Ok(_object) : await DeployVersionAsync(version, live, actor);
    }

    /// <summary>Brings back the runner of a deployment after this activation started (lazily, at first call).</summary>
    private Task<RunnerClient?> RestoreAsync(string environment, DeploymentInfo deployment)
    {
        if (!_restoring.TryGetValue(environment, out var restoring))
        {
            restoring = RestoreCoreAsync(environment, deployment);
            _restoring[environment] = restoring;
        }
        return restoring;
    }

    private async Task<RunnerClient?> RestoreCoreAsync(string environment, DeploymentInfo deployment)
    {
        try
        {
            var artifact = await artifacts.FindAsync(deployment.ContentHash);
            if (artifact is null && await versions.GetAsync(Key, deployment.Version) is { } version)
            {
                artifact = await artifacts.CompileAsync(version.ObjectName, version.ContentHash, await versions.ReadFilesAsync(version));
            }
            if (artifact is not { Success: true })
            {
                return null;
            }
            var client = serving.Prepare(Key, artifact);
            if (serving.Get(environment) is null)
            {
                await serving.SwitchAsync(environment, client);
            }
            return serving.Get(environment);
        }
        finally
        {
            _restoring.Remove(environment);
        }
    }

    private static InvokeResult ToResult(InvocationOutcome outcome, int version) => outcome.Status switch
    {
        InvocationStatus.Ok when IsJson(outcome.ResultJson) => new InvokeResult(InvokeStatus.Ok, outcome.ResultJson, Version: version),
        InvocationStatus.Ok => new InvokeResult(InvokeStatus.Unavailable, Message: "The runner answered with something that is not JSON.", Version: version),
        InvocationStatus.BadArguments => new InvokeResult(InvokeStatus.BadArguments, Message: outcome.Message, Version: version),
        InvocationStatus.UnknownMethod => new InvokeResult(InvokeStatus.UnknownMethod, Message: outcome.Message, Version: version),
        InvocationStatus.ObjectThrew => new InvokeResult(InvokeStatus.ObjectThrew, ErrorType: outcome.ErrorType, Message: outcome.Message, Version: version),
        InvocationStatus.ResultTooLarge => new InvokeResult(InvokeStatus.ResultTooLarge, Message: outcome.Message, Version: version),
        InvocationStatus.Timeout => new InvokeResult(InvokeStatus.Timeout, Message: outcome.Message, Version: version),
        _ => new InvokeResult(InvokeStatus.Unavailable, Message: outcome.Message, Version: version),
    };

    // The runner is sandboxed but hostile by assumption: check its answer is one JSON value before passing it on.
    private static bool IsJson(string? json)
    {
        if (json is null)
        {
            return false;
        }
        try
        {
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
            return reader.Read() && reader.TrySkip() && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private Outcome<ObjectInfo> UnknownEnvironment(string environment) => Outcome<ObjectInfo>.Fail(ErrorKind.Invalid,
        $"Unknown environment '{environment}'; the environments are {string.Join(", ", environments.Value.Effective)}.");
}
