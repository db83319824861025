using DurableObjects.AI.Configuration;
using DurableObjects.AI.Structured;
using DurableObjects.Orchestrations.Runs.Steps;
using DurableObjects.Orchestrations.Runs.Storage;
using DurableObjects.Shared.Audit;
using DurableObjects.Shared.Domain;
using Microsoft.Extensions.Logging;

namespace DurableObjects.Orchestrations.Runs;

/// <summary>
/// One run. The pipeline executes as a background task of this activation (started by a grain turn, continuing on
/// the activation's scheduler between turns), so reads, decisions and cancels are served while it runs and no call
/// waits on the whole run. Each step is journaled before the next begins; activation replays the journal, and
/// <see cref="ResumeAsync"/> (called by <see cref="RunResumer"/> at start-up and on every sweep) continues at the first
/// unfinished step.
/// </summary>
public sealed partial class RunGrain(
    RunStore runs,
    RunJournal journal,
    RunPipeline pipeline,
    RunNotifier notifier,
    IRunStepObserver observer,
    AuditLog audit,
    TimeProvider clock,
    ILogger<RunGrain> logger) : Grain, IRunGrain, IRunControl, IDisposable
{
    private RunEntity? _row;
    private RunRequest? _request;
    private List<JournalEntry> _entries = [];
    private RunExecution? _execution;
    private Task? _loop;
    private CancellationTokenSource? _stop;
    private TaskCompletionSource? _decisionSignal;
    private bool _deactivating;

    private string RunId => this.GetPrimaryKeyString();

    public void Dispose() => _stop?.Dispose();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (await runs.GetAsync(RunId, cancellationToken) is { } found)
        {
            (_row, _request) = found;
            _entries = await journal.LoadAsync(RunId, cancellationToken);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _deactivating = true;
        if (_loop is { IsCompleted: false } loop)
        {
            await _stop!.CancelAsync();
            await loop.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Current);
        }
    }

    public async Task<RunView> StartAsync(RunRequest request)
    {
        if (_row is null)
        {
            var now = clock.GetUtcNow();
            _request = request;
            _row = new RunEntity
            {
                RowKey = RunId,
                Kind = request.Kind.ToString(),
                ObjectKey = ObjectName.ToKey(request.ObjectName),
                ObjectName = request.ObjectName,
                Status = RunStatus.Running.ToWire(),
                Requester = request.Actor.UserId,
                CreatedAt = now,
                UpdatedAt = now,
            };
            await runs.InsertAsync(_row, request);
            await AuditAsync(AuditEventTypes.RunStarted, new() { ["kind"] = request.Kind.ToString(), ["manual"] = request.IsManual ? "true" : "false" });
            StartLoop();
        }
        return View();
    }

    public Task<RunView?> GetAsync() => Task.FromResult(_row is null ? null : View());

    public Task<bool> ResumeAsync() =>
        Task.FromResult(_row is not null && !Status.IsFinal() && StartLoop());

    public async Task<Outcome<RunView>> DecideAsync(bool approve, Actor actor, string? comment)
    {
        if (Refuse(actor) is { } refused)
        {
            return refused;
        }
        if (Status != RunStatus.AwaitingApproval || _execution is null || _execution.Has("approval"))
        {
            return Outcome<RunView>.Fail(ErrorKind.Conflict, $"Run {RunId} is {Status.ToWire()}, not waiting for approval.");
        }
        await _execution.RecordAsync("approval", new ApprovalDecision(approve, actor.UserId, Limit(comment, 1000), false, clock.GetUtcNow()));
        _decisionSignal?.TrySetResult();
        return Outcome<RunView>.Ok(View());
    }

    public async Task<Outcome<RunView>> CancelAsync(Actor actor)
    {
        if (Refuse(actor) is { } refused)
        {
            return refused;
        }
        if (Status.IsFinal())
        {
            return Outcome<RunView>.Fail(ErrorKind.Conflict, $"Run {RunId} has already ended ({Status.ToWire()}).");
        }
        var execution = _execution ?? NewExecution(CancellationToken.None);
        await execution.RecordAsync("cancel-requested", new CancelRequest(actor.UserId, clock.GetUtcNow()));
        if (_loop is { IsCompleted: false })
        {
            await _stop!.CancelAsync();
            await _loop.ContinueWith(_ => { }, TaskScheduler.Current);
        }
        else
        {
            await FinishAsync(execution, new RunFinish(RunStatus.Cancelled, $"Cancelled by {actor.UserId}.", null));
        }
        return Outcome<RunView>.Ok(View());
    }

    public async Task<ApprovalDecision> WaitForDecisionAsync(DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var execution = _execution!;
        if (!execution.Has("approval") && Status != RunStatus.AwaitingApproval)
        {
            await SetStatusAsync(RunStatus.AwaitingApproval);
            await AuditAsync(AuditEventTypes.RunAwaitingApproval, new() { ["expiresAt"] = expiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture) });
            await notifier.RequestApprovalAsync(RunId, _request!, expiresAt, cancellationToken);
        }
        while (true)
        {
            if (execution.TryGet<ApprovalDecision>("approval", out var decision))
            {
                await SetStatusAsync(RunStatus.Running);
                return decision;
            }
            var remaining = expiresAt - clock.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                await execution.RecordAsync("approval", new ApprovalDecision(false, "system", "approval expired", true, clock.GetUtcNow()));
                continue;
            }
            _decisionSignal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var delay = remaining > TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : remaining;
            await Task.WhenAny(_decisionSignal.Task, Task.Delay(delay, clock, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private RunStatus Status => Enum.TryParse<RunStatus>(_row!.Status.Replace("_", "", StringComparison.Ordinal), true, out var s) ? s : RunStatus.Failed;

    /// <summary>Starts the pipeline loop unless it is already running; true when it started.</summary>
    private bool StartLoop()
    {
        if (_loop is { IsCompleted: false })
        {
            return false;
        }
        _stop?.Dispose();
        _stop = new CancellationTokenSource();
        _execution = NewExecution(_stop.Token);
        // The activation must outlive long steps and approval waits; the loop is work, not an idle grain.
        DelayDeactivation(TimeSpan.FromDays(30));
        _loop = LoopAsync(_execution);
        return true;
    }

    private RunExecution NewExecution(CancellationToken cancellation) =>
        new(RunId, _request!, _entries, journal, observer, clock, cancellation);

    private async Task LoopAsync(RunExecution execution)
    {
        await Task.Yield();
        RunFinish finish;
        try
        {
            if (execution.TryGet<RunFinish>("finished", out var done))
            {
                finish = done;
            }
            else if (execution.TryGet<CancelRequest>("cancel-requested", out var cancel))
            {
                finish = new RunFinish(RunStatus.Cancelled, $"Cancelled by {cancel.By}.", null);
            }
            else
            {
                finish = await pipeline.RunAsync(execution, this);
            }
        }
        catch (Exception) when (_deactivating)
        {
            LogSuspended(logger, RunId, execution.CurrentStep);
            return;
        }
        catch (OperationCanceledException) when (execution.TryGet<CancelRequest>("cancel-requested", out var cancel))
        {
            finish = new RunFinish(RunStatus.Cancelled, $"Cancelled by {cancel.By}.", null);
        }
        catch (RunStoppedException stopped)
        {
            finish = new RunFinish(stopped.Status, stopped.Message, null);
        }
        catch (Exception e) when (e is ModelNotConfiguredException or StructuredOutputException)
        {
            finish = new RunFinish(RunStatus.Failed, $"Step '{execution.CurrentStep}' failed: {e.Message}", null);
        }
        catch (Exception e)
        {
            LogStepFailed(logger, e, RunId, execution.CurrentStep);
            finish = new RunFinish(RunStatus.Failed, $"Step '{execution.CurrentStep}' failed unexpectedly ({e.GetType().Name}).", null);
        }
        try
        {
            await FinishAsync(execution, finish);
        }
        catch (Exception e) when (_deactivating || e is OperationCanceledException)
        {
            LogSuspended(logger, RunId, "finish");
        }
        finally
        {
            // Back to ordinary idle collection: a finished run needs no activation.
            DelayDeactivation(TimeSpan.FromMilliseconds(-1));
        }
    }

    private async Task FinishAsync(RunExecution execution, RunFinish finish)
    {
        if (finish.Version is null && execution.TryGet<CommitResult>("commit", out var commit))
        {
            finish = finish with { Version = commit.Version };
        }
        finish = await execution.RecordAsync("finished", finish);
        if (_request!.Notify is { } notify && !execution.Has("notify"))
        {
            await execution.RecordAsync("notify", await notifier.NotifyAsync(RunId, _request, notify, finish));
        }
        if (RunNotifier.IsFailure(finish, execution.Entries))
        {
            await notifier.ReportFailureAsync(RunId, _request, finish, execution.Entries);
        }
        if (_row!.Status != finish.Status.ToWire())
        {
            _row.Status = finish.Status.ToWire();
            _row.Reason = Limit(finish.Reason, 4000);
            _row.Version = finish.Version;
            _row.UpdatedAt = clock.GetUtcNow();
            await runs.UpdateAsync(_row);
            var type = finish.Status switch
            {
                RunStatus.Succeeded => AuditEventTypes.RunSucceeded,
                RunStatus.Rejected => AuditEventTypes.RunRejected,
                RunStatus.Cancelled => AuditEventTypes.RunCancelled,
                _ => AuditEventTypes.RunFailed,
            };
            await AuditAsync(type, new() { ["reason"] = Limit(finish.Reason, 500) ?? "", ["version"] = finish.Version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "" });
        }
        LogFinished(logger, RunId, finish.Status);
    }

    private async Task SetStatusAsync(RunStatus status)
    {
        if (_row!.Status == status.ToWire())
        {
            return;
        }
        _row.Status = status.ToWire();
        _row.UpdatedAt = clock.GetUtcNow();
        await runs.UpdateAsync(_row);
    }

    private OperationError? Refuse(Actor actor)
    {
        if (_row is null)
        {
            return new OperationError(ErrorKind.NotFound, $"No run with id '{RunId}'.");
        }
        return actor.IsAdmin || (actor.CanWrite && actor.UserId == _row.Requester)
            ? null
            : new OperationError(ErrorKind.Forbidden, "Only the requester of a run or an admin may decide on it or cancel it.");
    }

    private RunView View()
    {
        var entries = _execution?.Entries ?? _entries;
        return new RunView
        {
            RunId = RunId,
            Kind = _request!.Kind,
            ObjectName = _row!.ObjectName,
            Status = Status,
            Requester = _row.Requester,
            CreatedAt = _row.CreatedAt,
            UpdatedAt = _row.UpdatedAt,
            CurrentStep = Status.IsFinal() ? "" : _execution?.CurrentStep ?? "",
            Reason = _row.Reason,
            Version = _row.Version,
            MaxIterations = entries.FirstOrDefault(e => e.Step == "policy") is { } p
                ? System.Text.Json.JsonSerializer.Deserialize<EffectivePolicy>(p.ResultJson, RunJson.Options)!.MaxIterations
                : 0,
            Manual = _request.IsManual,
            Prompt = _request.Prompt ?? _request.Requirements ?? _request.Summary,
            Steps = entries.Select(e => e.ToView()).ToList(),
        };
    }

    private Task AuditAsync(string type, Dictionary<string, string> data)
    {
        data["run"] = RunId;
        data["name"] = _row!.ObjectName;
        return audit.AppendAsync(type, AuditEventTypes.ObjectSubject(_row.ObjectKey), _row.Requester, data);
    }

    private static string? Limit(string? text, int max) => text is null || text.Length <= max ? text : text[..max];

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} suspended at step {Step}; it resumes on the next activation")]
    private static partial void LogSuspended(ILogger logger, string runId, string step);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} failed in step {Step}")]
    private static partial void LogStepFailed(ILogger logger, Exception exception, string runId, string step);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} finished: {Status}")]
    private static partial void LogFinished(ILogger logger, string runId, RunStatus status);
}
