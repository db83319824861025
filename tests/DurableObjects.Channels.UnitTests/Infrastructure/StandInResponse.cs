namespace DurableObjects.Channels.UnitTests.Infrastructure;

/// <summary>What the stand-in answers.</summary>
public sealed record StandInResponse(int Status, string Body, string ContentType = "application/json", IReadOnlyDictionary<string, string>? Headers = null);
