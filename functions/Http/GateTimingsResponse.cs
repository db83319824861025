namespace DurableObjects.Functions.Http;

/// <summary>Milliseconds spent compiling (cache hits included) and running the tests (and the kept tests) in a runner, and building and running the mutants.</summary>
public sealed record GateTimingsResponse(double? CompileMs, double? TestsMs, double? MutationMs);
