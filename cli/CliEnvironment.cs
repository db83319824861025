namespace DurableObjects.Cli;

/// <summary>
/// What the CLI takes from its surroundings: environment variables, the config folder, the working folder and how
/// often to poll. The process gives the real ones; tests give their own, so the CLI runs in-process against a real host.
/// </summary>
public sealed record CliEnvironment
{
    public const string UrlVariable = "DURABLEOBJECTS_URL";
    public const string TokenVariable = "DURABLEOBJECTS_TOKEN";

    public required Func<string, string?> Variable { get; init; }

    /// <summary>Where <c>login</c> keeps the URL and token (<c>~/.config/durableobjects</c> on Linux).</summary>
    public required string ConfigDirectory { get; init; }

    /// <summary>Relative folders in arguments are resolved against this.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>How often a run is polled when its event stream is not available.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long <c>dev</c> waits after the last file change before pushing (editors write in bursts).</summary>
    public TimeSpan WatchDebounce { get; init; } = TimeSpan.FromMilliseconds(400);

    /// <summary>Message handler for the API client (tests may supply their own); null: a fresh sockets handler.</summary>
    public Func<HttpMessageHandler>? Handler { get; init; }

    public static CliEnvironment FromProcess() => new()
    {
        Variable = Environment.GetEnvironmentVariable,
        ConfigDirectory = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.Create), "durableobjects"),
        WorkingDirectory = Directory.GetCurrentDirectory(),
    };

    public string ResolvePath(string path) => Path.GetFullPath(path, WorkingDirectory);
}
