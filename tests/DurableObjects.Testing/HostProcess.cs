using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace DurableObjects.Testing;

/// <summary>
/// The real host as its own process (<c>dotnet functions/bin/…/DurableObjects.Functions.dll</c>, as the start script
/// runs it) on a free loopback port, against the run's Azurite, with its own table prefix and task hub. It can be
/// killed the hard way (SIGKILL, with its runner processes), and another started on the same storage to take over.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;

    private HostProcess(Process process, StringBuilder output, Uri baseAddress, string adminToken)
    {
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
        AdminToken = adminToken;
    }

    public Uri BaseAddress { get; }

    public string AdminToken { get; }

    /// <summary>The host's process id (as recorded, with the machine name, on the run steps it does).</summary>
    public int ProcessId => _process.Id;

    /// <summary>What the process printed (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="prefix">The storage prefix (and, as <c>dt{prefix}</c>, the task hub) shared by hosts that take over from each other.</param>
    /// <param name="settings">Configuration as environment variables (<c>Section__Key</c>).</param>
    public static async Task<HostProcess> StartAsync(string prefix, IDictionary<string, string?>? settings = null)
    {
        var root = Azurite.RepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(root, "functions", "bin", configuration, "net10.0", "DurableObjects.Functions.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"Build the host first: {dll} is missing.");
        }
        var port = Azurite.FreePort();
        var tokenFile = Path.Combine(Path.GetTempPath(), $"do-admin-{prefix}.token");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}" },
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = new Dictionary<string, string?>
        {
            ["Storage__ConnectionString"] = await Azurite.ConnectionStringAsync(),
            ["Storage__TablePrefix"] = prefix,
            ["extensions__durableTask__hubName"] = "dt" + prefix,
            ["extensions__durableTask__storageProvider__partitionCount"] = "2",
            ["extensions__durableTask__storageProvider__workItemQueueVisibilityTimeout"] = "00:00:20",
            ["extensions__durableTask__storageProvider__controlQueueVisibilityTimeout"] = "00:00:20",
            ["Bootstrap__AdminTokenFile"] = tokenFile,
            ["DurableObjects__Monitors__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            // As in TestHost: tests share one Azurite on a loaded machine, so storage tries get 30 s instead of the
            // host's 2 s, and a slow emulator is not mistaken for an outage (a gate failing with "retry failed").
            ["Storage__NetworkTimeout"] = "00:00:30",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the host process.");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var baseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        using var probe = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The host process exited ({process.ExitCode}): {output}");
            }
            try
            {
                if ((await probe.GetAsync(new Uri("/health", UriKind.Relative))).IsSuccessStatusCode && File.Exists(tokenFile))
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            if (DateTime.UtcNow > deadline)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"The host process did not answer /health: {output}");
            }
            await Task.Delay(200);
        }
        return new HostProcess(process, output, baseAddress, (await File.ReadAllTextAsync(tokenFile)).Trim());
    }

    public HttpClient Admin()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    /// <summary>SIGKILL to the host and its runner processes: nothing is flushed, nothing is released.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            if (output.Length < 200_000)
            {
                output.AppendLine(line);
            }
        }
    }
}
