namespace DurableObjects.Sandbox.Runners;

/// <summary>What happened to an invocation. Maps one-to-one onto the invoke API's HTTP answers.</summary>
public enum InvocationStatus
{
    /// <summary>The method returned; <see cref="InvocationOutcome.ResultJson"/> holds its JSON result (200).</summary>
    Ok,

    /// <summary>The arguments did not bind to the method's parameters (400).</summary>
    BadArguments,

    /// <summary>The object has no public method of that name (404).</summary>
    UnknownMethod,

    /// <summary>The object threw; type and message are reported, never a stack trace (422).</summary>
    ObjectThrew,

    /// <summary>The invocation exceeded its wall-clock limit; the runner was killed and will restart (504).</summary>
    Timeout,

    /// <summary>The result exceeded the maximum result size (422).</summary>
    ResultTooLarge,

    /// <summary>No runner could be started or it is overloaded (503).</summary>
    RunnerUnavailable,

    /// <summary>The runner died while the invocation was in flight (crash, out of memory, stack overflow, or a
    /// restart caused by another caller's timeout) (503).</summary>
    RunnerCrashed,
}
