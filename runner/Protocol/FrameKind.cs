namespace DurableObjects.Runner.Protocol;

/// <summary>The kind of a protocol frame exchanged between the host and a runner process.</summary>
internal enum FrameKind : byte
{
    /// <summary>Host → runner: load the object assembly (segments: <see cref="LoadRequest"/> JSON, assembly bytes).</summary>
    Load = 1,

    /// <summary>Host → runner: invoke a method (segments: method name UTF-8, arguments JSON object).</summary>
    Invoke = 2,

    /// <summary>Host → runner: run the object's shipped tests (no segments).</summary>
    RunTests = 3,

    /// <summary>Host → runner: liveness check; answered with the runner's process id.</summary>
    Ping = 4,

    /// <summary>Runner → host: the answer to the request with the same id.</summary>
    Response = 0x80,
}
