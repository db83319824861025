using DurableObjects.Testing;

namespace DurableObjects.Cli.IntegrationTests.Support;

/// <summary>
/// Runs the CLI in-process as a user would from a shell: a non-terminal console, its own working and config folders,
/// and DURABLEOBJECTS_URL/DURABLEOBJECTS_TOKEN pointing at a real listening host (unless the test logs in itself).
/// </summary>
public sealed class Shell : IDisposable
{
    private readonly Dictionary<string, string?> _variables = new(StringComparer.Ordinal);

    public Shell(Uri? url = null, string? token = null)
    {
        Root = Directory.CreateTempSubdirectory("dobj-cli-").FullName;
        WorkingDirectory = Directory.CreateDirectory(Path.Combine(Root, "work")).FullName;
        ConfigDirectory = Path.Combine(Root, "config");
        _variables[CliEnvironment.UrlVariable] = url?.ToString();
        _variables[CliEnvironment.TokenVariable] = token;
    }

    public static Shell For(TestHost host) => new(host.BaseAddress, host.AdminToken);

    public string Root { get; }
    public string WorkingDirectory { get; }
    public string ConfigDirectory { get; }

    public string PathOf(params string[] parts) => Path.Combine([WorkingDirectory, .. parts]);

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    public async Task<CliResult> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(TextWriter.Synchronized(output), TextWriter.Synchronized(error), isTerminal: false);
        var exit = await CliApp.RunAsync(args, console, Environment(), cancellationToken);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs the CLI in the background, with output readable while it runs (for <c>dev</c>).</summary>
    public (Task<int> Exit, Func<string> Out) Start(CancellationToken cancellationToken, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var (synchronizedOut, synchronizedError) = (TextWriter.Synchronized(output), TextWriter.Synchronized(error));
        var console = new CliConsole(synchronizedOut, synchronizedError, isTerminal: false);
        var exit = Task.Run(() => CliApp.RunAsync(args, console, Environment(), cancellationToken), CancellationToken.None);
        // Read under the synchronized writers' lock, so a read never races a write.
        return (exit, () =>
        {
            lock (synchronizedOut)
            {
                lock (synchronizedError)
                {
                    return output.ToString() + error.ToString();
                }
            }
        });
    }

    public void Set(string variable, string? value) => _variables[variable] = value;

    /// <summary>The API client's message handler (to watch or break the wire); null: a plain sockets handler.</summary>
    public Func<HttpMessageHandler>? Handler { get; set; }

    private CliEnvironment Environment() => new()
    {
        Variable = name => _variables.GetValueOrDefault(name),
        ConfigDirectory = ConfigDirectory,
        WorkingDirectory = WorkingDirectory,
        PollInterval = TimeSpan.FromMilliseconds(100),
        WatchDebounce = TimeSpan.FromMilliseconds(200),
        Handler = Handler,
    };

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A runner or watcher may still hold a file for a moment; the temp folder is cleaned by the OS eventually.
        }
    }
}
