using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DurableObjects.Testing;

namespace DurableObjects.Functions.IntegrationTests.Reliability;

/// <summary>
/// Safety tests for runner isolation: the host runs from a checkout other users cannot read (the runner copied into a
/// mode-700 directory, as under /root), and its runners must still run unprivileged, as /health/isolation reports.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RunnerIsolationTests : IAsyncLifetime
{
    private readonly string _privateCheckout = Path.Combine(Path.GetTempPath(), "do-700-" + Guid.NewGuid().ToString("N")[..8]);
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        var runnerDirectory = Path.Combine(_privateCheckout, "checkout", "runner");
        Directory.CreateDirectory(runnerDirectory);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "runner")))
        {
            File.Copy(file, Path.Combine(runnerDirectory, Path.GetFileName(file)));
        }
        File.SetUnixFileMode(_privateCheckout, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _host = await TestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["DurableObjects:Runner:RunnerPath"] = Path.Combine(runnerDirectory, "DurableObjects.Runner.dll"),
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_privateCheckout, recursive: true);
    }

    [Fact]
    public async Task Invoke_HostCheckedOutInMode700Directory_RunnerRunsUnprivilegedAndIsReported()
    {
        var admin = _host.Admin();
        await admin.CreateObjectAsync("Calculator");
        await (await admin.PostAsJsonAsync("/api/objects/Calculator/deploy", new { })).ExpectAsync(HttpStatusCode.OK);
        var sum = await admin.PostAsJsonAsync("/api/objects/Calculator/invoke/Add", new { a = 40, b = 2 });

        var report = await _host.Anonymous().GetJsonAsync("/health/isolation");

        await sum.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("enforced", report["status"]!.GetValue<string>());
        Assert.True(report["unprivileged"]!.GetValue<bool>());
        Assert.True(report["networkNamespace"]!.GetValue<bool>());
        Assert.True(report["emptyEnvironment"]!.GetValue<bool>());
        var observed = report["observed"]!;
        Assert.NotEqual(0, observed["uid"]!.GetValue<int>());
        Assert.True(observed["ownNetworkNamespace"]!.GetValue<bool>());
        Assert.True(observed["ownIpcNamespace"]!.GetValue<bool>());
        Assert.True(observed["noNewPrivileges"]!.GetValue<bool>());
        if (HostIsRoot())
        {
            Assert.Equal("unshare --net --ipc", report["networkMethod"]!.GetValue<string>());
            Assert.True(observed["noCapabilities"]!.GetValue<bool>());
            Assert.Equal("uids 1879048192–1879113727 (one per runner)", report["runnerUser"]!.GetValue<string>());
            Assert.InRange(observed["uid"]!.GetValue<long>(), 0x70000000L, 0x70000000L + 65535);
            Assert.DoesNotContain(_privateCheckout, report["runnerPath"]!.GetValue<string>(), StringComparison.Ordinal);
            // A group of its own bounds the runner's whole memory and its threads; its user's RLIMIT_NPROC the threads too.
            Assert.StartsWith("cgroup v", report["controlGroups"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(512L << 20, observed["memoryLimitBytes"]!.GetValue<long>());
            Assert.Equal(256, observed["maxProcesses"]!.GetValue<long>());
            Assert.Equal("256 256 processes", observed["processLimit"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task HealthIsolation_Anonymous_AnswersWithoutSecrets()
    {
        var response = await _host.Anonymous().GetAsync("/health/isolation");
        var text = await response.Content.ReadAsStringAsync();

        await response.ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain("AccountKey", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(_host.AdminToken, text, StringComparison.Ordinal);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["limits"]);
    }

    private static bool HostIsRoot() => File.ReadLines("/proc/self/status")
        .First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0";
}
