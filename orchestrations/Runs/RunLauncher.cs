using DurableObjects.Orchestrations.Engine;
using DurableObjects.AI.Configuration;
using DurableObjects.Orchestrations.Runs.Flow;
using DurableObjects.Orchestrations.Runs.Steps;
using DurableObjects.Orchestrations.Runs.Storage;
using DurableObjects.Shared.Audit;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DurableObjects.Orchestrations.Objects;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Users;
using DurableObjects.Channels.Notifications;
using DurableObjects.Channels.Phone;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>
/// The one door to runs. Validates the request (names, lengths, files), checks the actor may change the object (or
/// create objects), refuses model-driven runs when no model is configured (with how to configure one) and starts past
/// the person's hourly bound (<see cref="RunStartLimiter"/>), records the
/// run's row, then schedules its orchestration (instance id = run id) and returns at once. Decisions and cancels are
/// external events raised on that orchestration.
/// </summary>
public sealed class RunLauncher(
    ObjectService objects,
    UserStore users,
    EngineClient engine,
    RunStore runs,
    RunMaterials materials,
    RunAudit audit,
    AuditLog auditLog,
    IChatClientFactory models,
    IOptions<ObjectLimitsOptions> limits,
    IOptions<PipelineOptions> pipeline,
    RunStartLimiter limiter,
    TimeProvider clock) : IRunLauncher
{
    public Task<Outcome<RunTicket>> StartModificationAsync(string objectName, string prompt, Actor actor, RunNotification? notify = null) =>
        StartAsync(new RunRequest { Kind = RunKind.Modification, ObjectName = objectName, Actor = actor, Prompt = prompt, Notify = notify });

    public Task<Outcome<RunTicket>> StartCreationAsync(string name, string description, string requirements, Actor actor, RunNotification? notify = null) =>
        StartAsync(new RunRequest { Kind = RunKind.Creation, ObjectName = name, Actor = actor, Description = description, Requirements = requirements, Notify = notify });

    public Task<Outcome<RunTicket>> StartAsync(RunRequest request) => StartAsync(request, null);

    /// <summary>
    /// Starts a run for a keyed request (<paramref name="operation"/>): its run id is derived from the operation, so a
    /// retry of a request whose earlier attempt answered 5xx finds the run that attempt may have recorded and answers
    /// with it (scheduling its orchestration if that attempt did not get that far) instead of starting a second run.
    /// </summary>
    public async Task<Outcome<RunTicket>> StartAsync(RunRequest request, RequestOperation? operation)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Actor.CanWrite)
        {
            return Outcome<RunTicket>.Fail(ErrorKind.Forbidden, "Viewers cannot start runs.");
        }
        if (CheckInput(request) is { } invalid)
        {
            return invalid;
        }
        var runId = operation?.DeriveVersion7Id() ?? NewRunId();
        // Before the checks of the object: the run an earlier attempt started may have created or changed it since.
        if (operation is { Retried: true } && await runs.FindRowAsync(runId) is { } started && started.Requester == request.Actor.UserId)
        {
            return await ResumeStartAsync(started);
        }
        var checkedObject = await CheckObjectAsync(request);
        if (checkedObject.Value is not { } named)
        {
            return checkedObject.Error!;
        }
        request = named;
        // After the object's checks: a model missing is not the problem of a request that could never run.
        if (!request.IsManual && NoModel() is { } noModel)
        {
            return Outcome<RunTicket>.Fail(ErrorKind.Unprocessable, noModel);
        }
        if (await CheckPhoneTargetAsync(request) is { } stranger)
        {
            return stranger;
        }
        // Last of the checks, so a refused request uses up nothing (a retry that found its run answered above).
        if (limiter.TryStart(request.Actor.UserId) is { } tooMany)
        {
            return tooMany;
        }
        var now = clock.GetUtcNow();
        await runs.InsertAsync(new RunEntity
        {
            RowKey = runId,
            Kind = request.Kind.ToString(),
            ObjectKey = ObjectName.ToKey(request.ObjectName),
            ObjectName = request.ObjectName,
            Status = RunStatus.Running.ToWire(),
            Requester = request.Actor.UserId,
            Manual = request.IsManual,
            Prompt = request.Prompt ?? request.Requirements ?? request.Summary,
            ProposedBy = request.ProposedBy,
            CreatedAt = now,
            UpdatedAt = now,
        }, request);
        materials.RememberStored(runId, request);
        // The run's row holds its request, so it is written before the orchestration that reads it is scheduled.
        await ScheduleAsync(runId, request);
        return Outcome<RunTicket>.Ok(new RunTicket(runId, request.ObjectName, StatusUrl(runId)));
    }

    /// <summary>
    /// A start's checks of its object, on the row alone (the run's context checks again, and its commit in the object
    /// writer's turn): a creation's name is free; a modification's object exists, may be changed by the requester, is not
    /// deprecated, and still stands on the version the change was made from. Answers the request with the object's name
    /// as stored, or the refusal. Before the check for a model, so that a request that could never run is told why.
    /// </summary>
    public async Task<Outcome<RunRequest>> CheckObjectAsync(RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var existing = await objects.GetRowAsync(request.ObjectName);
        if (request.Kind == RunKind.Creation)
        {
            return existing is null ? Outcome<RunRequest>.Ok(request) : Outcome<RunRequest>.Fail(ErrorKind.Conflict, $"An object named '{existing.Name}' already exists.");
        }
        if (existing is null)
        {
            return Outcome<RunRequest>.Fail(ErrorKind.NotFound, $"No object named '{request.ObjectName}'.");
        }
        if (!request.Actor.MayChange(existing.Owner))
        {
            return Outcome<RunRequest>.Fail(ErrorKind.Forbidden, $"Only the owner of '{existing.Name}' or an admin may change it.");
        }
        if (existing.Status == ObjectStatus.Deprecated)
        {
            return Outcome<RunRequest>.Fail(ErrorKind.Conflict, $"Object '{existing.Name}' is deprecated and can no longer change.");
        }
        if (request.BaseVersion is { } made && VersionBasis.Check(existing, existing.LatestVersion, made) is { } moved)
        {
            return moved;
        }
        return Outcome<RunRequest>.Ok(request with { ObjectName = existing.Name });
    }

    /// <summary>Schedules a recorded run's orchestration (instance id = run id) and writes its <c>run.started</c> event.</summary>
    private async Task ScheduleAsync(string runId, RunRequest request)
    {
        var orchestrator = request.Kind == RunKind.Creation ? nameof(CreationOrchestrator) : nameof(ModificationOrchestrator);
        await Task.WhenAll(
            RecordStartedAsync(runId, request),
            engine.Current.ScheduleNewOrchestrationInstanceAsync(orchestrator, new RunInput(runId, RunFlowVersions.Current), new StartOrchestrationOptions(runId)));
    }

    /// <summary>The run's <c>run.started</c> event, once per run however many attempts of its start record it.</summary>
    private Task RecordStartedAsync(string runId, RunRequest request) =>
        audit.AppendOnceAsync(runId, request, AuditEventTypes.RunStarted, new()
        {
            ["kind"] = request.Kind.ToString(),
            ["manual"] = request.IsManual ? "true" : "false",
            ["proposedBy"] = request.ProposedBy ?? "",
        });

    /// <summary>
    /// The rest of a start an earlier attempt got as far as recording: its orchestration is scheduled unless it already
    /// is (or the run has ended). Its <c>run.started</c> event is recorded either way: the earlier attempt may have
    /// failed between scheduling and recording it, and if it did record it, this adds nothing (it is recorded once).
    /// </summary>
    private async Task<Outcome<RunTicket>> ResumeStartAsync(RunEntity started)
    {
        var runId = started.RowKey;
        var request = await materials.RequestAsync(runId);
        var ended = RunStatusWire.Parse(started.Status) is not (RunStatus.Running or RunStatus.AwaitingApproval);
        if (!ended && await engine.Current.GetInstanceAsync(runId) is null)
        {
            await ScheduleAsync(runId, request);
        }
        else
        {
            await RecordStartedAsync(runId, request);
        }
        return Outcome<RunTicket>.Ok(new RunTicket(runId, started.ObjectName, StatusUrl(runId)));
    }

    public async Task<Outcome<RunTicket>> DecideAsync(string runId, bool approve, Actor actor, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (row, refused) = await FindForAsync(runId, actor);
        if (refused is not null)
        {
            return refused;
        }
        // A run that does not wait for a decision takes none, from anyone: saying so first spares the requester of an
        // ended run the advice to find someone else to approve it.
        if (RunStatusWire.Parse(row!.Status) != RunStatus.AwaitingApproval)
        {
            return Outcome<RunTicket>.Fail(ErrorKind.Conflict, $"Run {runId} is {row.Status}, not waiting for approval.");
        }
        // Four eyes: whoever asked for the change does not approve it, unless the host allows it. Refusing one's own
        // run (withdrawing it) stays open to the requester.
        if (approve && !pipeline.Value.AllowSelfApproval && row.Requester == actor.UserId)
        {
            return Outcome<RunTicket>.Fail(ErrorKind.Forbidden,
                "You asked for this run, so someone else must approve it (DurableObjects:Pipeline:AllowSelfApproval is off).");
        }
        var decision = new ApprovalDecision(approve, actor.UserId, Limit(comment, 1000), false, clock.GetUtcNow());
        await engine.Current.RaiseEventAsync(runId, RunEvents.Approval, decision);
        var data = new Dictionary<string, string> { ["run"] = runId, ["name"] = row.ObjectName, ["requester"] = row.Requester };
        if (!string.IsNullOrWhiteSpace(comment))
        {
            data["comment"] = Limit(comment, 500)!;
        }
        // A run waits for approval once, so a person's decision on it is recorded once: keyed by the decision, the run
        // and the person, a retry of the same request (its answer lost, or its event's insert applied with the answer
        // lost) adds nothing, while a different person's decision, or the same person's change of mind, is its own event.
        var type = approve ? AuditEventTypes.RunApproved : AuditEventTypes.RunApprovalDenied;
        await auditLog.AppendOnceAsync($"{type}/{runId}/{actor.UserId}", type, AuditEventTypes.ObjectSubject(row.ObjectKey), actor.UserId, data);
        return Outcome<RunTicket>.Ok(new RunTicket(runId, row.ObjectName, StatusUrl(runId)));
    }

    public async Task<Outcome<RunTicket>> CancelAsync(string runId, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (row, refused) = await FindForAsync(runId, actor);
        if (refused is not null)
        {
            return refused;
        }
        if (RunStatusWire.Parse(row!.Status).IsFinal())
        {
            return Outcome<RunTicket>.Fail(ErrorKind.Conflict, $"Run {runId} has already ended ({row.Status}).");
        }
        await engine.Current.RaiseEventAsync(runId, RunEvents.Cancel, new CancelRequest(actor.UserId, clock.GetUtcNow()));
        return Outcome<RunTicket>.Ok(new RunTicket(runId, row.ObjectName, StatusUrl(runId)));
    }

    /// <summary>The run's row, or why this actor may not decide on it or cancel it (the requester or an admin may).</summary>
    private async Task<(RunEntity? Row, OperationError? Refused)> FindForAsync(string runId, Actor actor)
    {
        if (!IsRunId(runId) || await runs.FindRowAsync(runId) is not { } row)
        {
            return (null, new OperationError(ErrorKind.NotFound, $"No run with id '{runId}'."));
        }
        return actor.IsAdmin || (actor.CanWrite && actor.UserId == row.Requester)
            ? (row, null)
            : (null, new OperationError(ErrorKind.Forbidden, "Only the requester of a run or an admin may decide on it or cancel it."));
    }

    private static string? Limit(string? text, int max) => text is null || text.Length <= max ? text : text[..max];

    /// <summary>Why model-driven runs cannot start (how to configure a model), or null when planner and generator have one.</summary>
    public string? NoModel() => models.GetConfigurationProblem(ModelRole.Planner) ?? models.GetConfigurationProblem(ModelRole.Generator);

    /// <summary>Run ids are 32 lower-case hex digits (a version-7 GUID: time-ordered).</summary>
    public static bool IsRunId(string? id) => id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);

    public static string StatusUrl(string runId) => $"/api/runs/{runId}";

    private static string NewRunId() => Guid.CreateVersion7().ToString("N");

    /// <summary>
    /// What is wrong with the request itself (name, lengths, files, budget, base version, notification), or null: the
    /// checks that need nothing stored and no model, so a trigger can answer them before saying a model is missing.
    /// </summary>
    public OperationError? CheckInput(RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ObjectName.IsValid(request.ObjectName) ? Validate(request) : Invalid("name", ObjectName.Rule);
    }

    private OperationError? Validate(RunRequest request)
    {
        var max = limits.Value.MaxTextLength;
        if (RunNotificationCheck.Check(request.Notify) is { } badNotify)
        {
            return badNotify;
        }
        if (request.Budget is { } budget && Budget.RunBudget.Validate("budget.", budget.MaxCost, budget.MaxTokens).FirstOrDefault() is { } badBudget)
        {
            return Invalid("budget", badBudget);
        }
        if (request.BaseVersion is < 1)
        {
            return Invalid("baseVersion", "A version number, 1 or more: the version the change was made from.");
        }
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

    /// <summary>
    /// A run texts or calls only its requester's own verified phone, as a monitor does: otherwise anyone who may start
    /// a run could make the system text or call any number. Reads the requester's account only when the run asks for
    /// SMS or voice (runs started by SMS or voice ask for the phone they came from, which is that verified phone).
    /// </summary>
    private async Task<OperationError?> CheckPhoneTargetAsync(RunRequest request)
    {
        if (request.Notify is not { } notify || !NotificationChannels.TryParse(notify.Channel, out var channel) ||
            channel is not (NotificationChannel.Sms or NotificationChannel.Voice))
        {
            return null;
        }
        var phone = (await users.GetAsync(request.Actor.UserId))?.Phone;
        if (phone is null)
        {
            return Invalid("notify.target", $"{channel.Value.ToName()} notifications go to your own verified phone, and you have none: verify one with PUT /api/me/phone first, or use email or slack.");
        }
        return PhoneNumbers.TryNormalize(notify.Target ?? "", out var e164) && e164 == phone ? null
            : Invalid("notify.target", $"{channel.Value.ToName()} notifications can only go to your own verified phone ({PhoneNumbers.Mask(phone)}).");
    }

    private static OperationError Invalid(string field, string message) =>
        new(ErrorKind.Invalid, "The request has invalid fields.", new Dictionary<string, string[]> { [field] = [message] });
}
