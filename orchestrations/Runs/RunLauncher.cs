using DurableObjects.AI.Configuration;
using DurableObjects.Orchestrations.Objects;
using DurableObjects.Shared.Domain;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>
/// The one door to runs. Validates the request (names, lengths, files), checks the actor may change the object (or
/// create objects), refuses model-driven runs when no model is configured (with how to configure one), then starts a
/// run grain and returns at once.
/// </summary>
public sealed class RunLauncher(IGrainFactory grains, ObjectService objects, IChatClientFactory models, IOptions<ObjectLimitsOptions> limits) : IRunLauncher
{
    public Task<Outcome<RunTicket>> StartModificationAsync(string objectName, string prompt, Actor actor, RunNotification? notify = null) =>
        StartAsync(new RunRequest { Kind = RunKind.Modification, ObjectName = objectName, Actor = actor, Prompt = prompt, Notify = notify });

    public Task<Outcome<RunTicket>> StartCreationAsync(string name, string description, string requirements, Actor actor, RunNotification? notify = null) =>
        StartAsync(new RunRequest { Kind = RunKind.Creation, ObjectName = name, Actor = actor, Description = description, Requirements = requirements, Notify = notify });

    public async Task<Outcome<RunTicket>> StartAsync(RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Actor.CanWrite)
        {
            return Outcome<RunTicket>.Fail(ErrorKind.Forbidden, "Viewers cannot start runs.");
        }
        if (!ObjectName.IsValid(request.ObjectName))
        {
            return Invalid("name", ObjectName.Rule);
        }
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }
        if (!request.IsManual && NoModel() is { } noModel)
        {
            return Outcome<RunTicket>.Fail(ErrorKind.Unprocessable, noModel);
        }
        var existing = await objects.GetAsync(request.ObjectName);
        if (request.Kind == RunKind.Creation && existing is not null)
        {
            return Outcome<RunTicket>.Fail(ErrorKind.Conflict, $"An object named '{existing.Name}' already exists.");
        }
        if (request.Kind == RunKind.Modification)
        {
            if (existing is null)
            {
                return Outcome<RunTicket>.Fail(ErrorKind.NotFound, $"No object named '{request.ObjectName}'.");
            }
            if (!request.Actor.MayChange(existing.Owner))
            {
                return Outcome<RunTicket>.Fail(ErrorKind.Forbidden, $"Only the owner of '{existing.Name}' or an admin may change it.");
            }
            if (existing.Status == ObjectStatus.Deprecated)
            {
                return Outcome<RunTicket>.Fail(ErrorKind.Conflict, $"Object '{existing.Name}' is deprecated and can no longer change.");
            }
            request = request with { ObjectName = existing.Name };
        }
        var runId = NewRunId();
        // Starting is idempotent per run id, so an activation that timed out under load is simply tried again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var view = await grains.GetGrain<IRunGrain>(runId).StartAsync(request);
                return Outcome<RunTicket>.Ok(new RunTicket(view.RunId, view.ObjectName, StatusUrl(runId)));
            }
            catch (Exception e) when (attempt < 3 && e is TimeoutException or OperationCanceledException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
        }
    }

    public async Task<Outcome<RunTicket>> DecideAsync(string runId, bool approve, Actor actor, string? comment = null)
    {
        if (!IsRunId(runId))
        {
            return Outcome<RunTicket>.Fail(ErrorKind.NotFound, $"No run with id '{runId}'.");
        }
        var outcome = await grains.GetGrain<IRunGrain>(runId).DecideAsync(approve, actor, comment);
        return outcome.Value is { } view ? Outcome<RunTicket>.Ok(new RunTicket(runId, view.ObjectName, StatusUrl(runId))) : outcome.Error!;
    }

    public async Task<Outcome<RunTicket>> CancelAsync(string runId, Actor actor)
    {
        if (!IsRunId(runId))
        {
            return Outcome<RunTicket>.Fail(ErrorKind.NotFound, $"No run with id '{runId}'.");
        }
        var outcome = await grains.GetGrain<IRunGrain>(runId).CancelAsync(actor);
        return outcome.Value is { } view ? Outcome<RunTicket>.Ok(new RunTicket(runId, view.ObjectName, StatusUrl(runId))) : outcome.Error!;
    }

    /// <summary>Why model-driven runs cannot start (how to configure a model), or null when planner and generator have one.</summary>
    public string? NoModel() => models.GetConfigurationProblem(ModelRole.Planner) ?? models.GetConfigurationProblem(ModelRole.Generator);

    /// <summary>Run ids are 32 lower-case hex digits (a version-7 GUID: time-ordered).</summary>
    public static bool IsRunId(string? id) => id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);

    public static string StatusUrl(string runId) => $"/api/runs/{runId}";

    private static string NewRunId() => Guid.CreateVersion7().ToString("N");

    private OperationError? Validate(RunRequest request)
    {
        var max = limits.Value.MaxTextLength;
        if (request.Kind == RunKind.Creation)
        {
            return string.IsNullOrWhiteSpace(request.Requirements) ? Invalid("requirements", "Say what the object must do.")
                : request.Requirements.Length > max ? Invalid("requirements", $"At most {max} characters.")
                : (request.Description?.Length ?? 0) > max ? Invalid("description", $"At most {max} characters.")
                : null;
        }
        if (request.IsManual)
        {
            return ObjectInputValidator.ValidateVersion(request.Files, request.Summary, limits.Value);
        }
        return string.IsNullOrWhiteSpace(request.Prompt) ? Invalid("prompt", "Say what to change, or supply files.")
            : request.Prompt.Length > max ? Invalid("prompt", $"At most {max} characters.")
            : null;
    }

    private static OperationError Invalid(string field, string message) =>
        new(ErrorKind.Invalid, "The request has invalid fields.", new Dictionary<string, string[]> { [field] = [message] });
}
