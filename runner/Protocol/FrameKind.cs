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

    /// <summary>
    /// Host → runner, before any load: run the load-and-invoke path once on the runner's own sample class, so a spare
    /// runner has it compiled before a deploy hands it the real object (no segments).
    /// </summary>
    Warmup = 5,

    /// <summary>
    /// Host → runner: load another assembly into its own throwaway load context, run the tests of its test class there
    /// and unload it (segments: <see cref="LoadRequest"/> JSON, assembly bytes). How the reward model runs the kept tests
    /// and the mutants of a candidate in one runner process; the loaded object, if any, is untouched.
    /// </summary>
    TestAssembly = 6,

    /// <summary>Runner → host: the answer to the request with the same id.</summary>
    Response = 0x80,
}
