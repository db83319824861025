using System.Text.Json;
using DurableObjects.Orchestrations.Objects;
using DurableObjects.Sandbox.Runners;
using DurableObjects.Shared.Audit;
using DurableObjects.Shared.Domain;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.Deployment;

/// <summary>
/// Invokes a public method of the version serving in an environment: this host's cached copy of the object's
/// deployments (<see cref="DeploymentCache"/>, at most its bound old; while storage does not answer, at most its outage
/// bound) → this host's runner for that version
/// (<see cref="ServingRunners"/>, started on demand) → JSON. No storage write and no lock on the way.
/// Trust model: the caller says whether the request carried a valid token; an object's methods need one unless its
/// owner made invocation public. Arguments go to the sandboxed runner as given; its answer is checked to be one JSON
/// value and is otherwise treated as untrusted content.
/// </summary>
public sealed class ObjectInvoker(DeploymentCache deployments, ServingRunners serving, AuditLog audit, IOptions<EnvironmentOptions> environments)
{
    /// <summary>
    /// Null when <paramref name="environment"/> (the request's <c>environment</c>; null: the default) names a configured
    /// environment; otherwise the refusal naming the field and listing the environments, as a deploy answers it.
    /// </summary>
    public OperationError? CheckEnvironment(string? environment) =>
        environment is null ? null : environments.Value.Check("environment", environment);

    /// <summary>
    /// Null when the caller may invoke <paramref name="name"/>'s methods at all; otherwise the refusal
    /// (<see cref="InvokeStatus.NotFound"/>, <see cref="InvokeStatus.Unauthorized"/>) <see cref="InvokeAsync"/> would
    /// answer. Callers settle this before judging the rest of the request (<see cref="CheckEnvironment"/>, the arguments),
    /// so a caller without access learns nothing from those answers, not even which environments exist.
    /// </summary>
    public async Task<InvokeResult?> CheckAccessAsync(string name, bool callerAuthenticated)
    {
        var key = ObjectName.ToKey(name);
        return Refusal(key, await deployments.GetAsync(key), callerAuthenticated);
    }

    /// <summary>
    /// Invokes <paramref name="method"/> of <paramref name="name"/> with arguments as a JSON object. An environment that
    /// is not configured is <see cref="InvokeStatus.NotDeployed"/> here: callers refuse it first (<see cref="CheckEnvironment"/>).
    /// </summary>
    public async Task<InvokeResult> InvokeAsync(string name, string method, string argumentsJson, string? environment, bool callerAuthenticated)
    {
        var key = ObjectName.ToKey(name);
        var info = await deployments.GetAsync(key);
        if (Refusal(key, info, callerAuthenticated) is { } refused)
        {
            return refused;
        }
        var env = environment ?? environments.Value.Default;
        if (!info!.Deployments.TryGetValue(env, out var deployment))
        {
            return new InvokeResult(InvokeStatus.NotDeployed, Message: $"Object '{info.Name}' is not deployed to '{env}'.");
        }
        var outcome = await CallAsync(key, deployment, method, argumentsJson);
        if (outcome is null)
        {
            return new InvokeResult(InvokeStatus.Unavailable, Message: $"The runner of '{info.Name}' in '{env}' could not be started.");
        }
        var result = ToResult(outcome, deployment.Version);
        if (result.Status is InvokeStatus.ObjectThrew or InvokeStatus.Timeout or InvokeStatus.Unavailable or InvokeStatus.ResultTooLarge)
        {
            await audit.AppendAsync(AuditEventTypes.InvocationFailed, AuditEventTypes.ObjectSubject(key), "runner", new Dictionary<string, string>
            {
                ["name"] = info.Name,
                ["method"] = method.Length > 100 ? method[..100] : method,
                ["environment"] = env,
                ["status"] = result.Status.ToString(),
                ["error"] = result.ErrorType ?? "",
            });
        }
        return result;
    }

    // The one access rule of invocation: the object exists (as this host last read it), and the caller sent a valid
    // token unless its owner made invocation public.
    private static InvokeResult? Refusal(string key, ObjectInfo? info, bool callerAuthenticated) => info switch
    {
        null => new InvokeResult(InvokeStatus.NotFound, Message: $"No object named '{key}'."),
        { PublicInvoke: false } when !callerAuthenticated => new InvokeResult(InvokeStatus.Unauthorized, Message: "This object's methods need an API token."),
        _ => null,
    };

    private async Task<InvocationOutcome?> CallAsync(string key, DeploymentInfo deployment, string method, string argumentsJson)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await serving.GetAsync(key, deployment) is not { } client)
            {
                return null;
            }
            try
            {
                return await client.InvokeAsync(method, argumentsJson);
            }
            catch (ObjectDisposedException) when (attempt == 1)
            {
                // Released by a concurrent switch between the lookup and the call, yet this caller read that version
                // as serving: take (or start) its runner afresh, once.
            }
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
}
