namespace DurableObjects.Cli.Api;

/// <summary>The 202 answer to starting a run: its id and where to follow it.</summary>
public sealed record RunTicket(string RunId, string ObjectName, string StatusUrl, string EventsUrl);
