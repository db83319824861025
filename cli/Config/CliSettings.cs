namespace DurableObjects.Cli.Config;

/// <summary>The server to talk to and the bearer token to send, as <c>login</c> stored them (or the environment overrode them).</summary>
public sealed record CliSettings(string Url, string Token);
