namespace DurableObjects.Functions.Http;

/// <summary>Milliseconds spent compiling (cache hits included) and running the tests in a runner.</summary>
public sealed record GateTimingsResponse(double? CompileMs, double? TestsMs);
