using Microsoft.Extensions.Logging;

namespace DurableObjects.Sandbox.Runners;

/// <summary>Structured log messages of runner supervision.</summary>
internal static partial class RunnerLog
{
    [LoggerMessage(Level = LogLevel.Information,
        Message = "Runner for {RunnerKey} started as process {ProcessId} (network isolated: {NetworkIsolated}, unprivileged: {Unprivileged})")]
    public static partial void Started(ILogger logger, RunnerKey runnerKey, int processId, bool networkIsolated,
        bool unprivileged);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Runner for {RunnerKey} runs WITHOUT a network namespace: unshare is not available on this machine")]
    public static partial void NotIsolated(ILogger logger, RunnerKey runnerKey);

    [LoggerMessage(Level = LogLevel.Error, Message = "Runners cannot start: {Reason} (see GET /health/isolation)")]
    public static partial void IsolationRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Runner isolation is weakened: {Reason} (see GET /health/isolation)")]
    public static partial void IsolationWeakened(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Runners run as {RunnerUser} from {RunnerPath}, network namespace: {NetworkMethod}, control groups: {ControlGroups}")]
    public static partial void IsolationInForce(ILogger logger, string runnerUser, string runnerPath, string networkMethod, string controlGroups);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Runner for {RunnerKey} (process {ProcessId}) ended: {Reason}")]
    public static partial void Ended(ILogger logger, RunnerKey runnerKey, int processId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Runner for {RunnerKey} could not start: {Reason}")]
    public static partial void StartFailed(ILogger logger, RunnerKey runnerKey, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Runner for {RunnerKey} stopped: {Reason}")]
    public static partial void Stopped(ILogger logger, RunnerKey runnerKey, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Runner {ProcessId} stderr: {Line}")]
    public static partial void StandardError(ILogger logger, int processId, string line);
}
