namespace DurableObjects.Cli.IntegrationTests.Support;

/// <summary>One request the CLI sent, as <see cref="RecordingHandler"/> saw it.</summary>
public sealed record RecordedRequest(string Method, string Path, string? IdempotencyKey);
