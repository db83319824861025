using DurableObjects.Testing;

namespace DurableObjects.Functions.IntegrationTests.Reliability;

/// <summary>
/// What the token and user-access safety tests share: each test starts a host whose storage clients go through
/// <see cref="Faults"/> (<see cref="StorageFaults.StartHostAsync"/>: one storage retry), optionally with a short token
/// cache bound, and may restart it on the same storage; after the test the faults are healed, so the hosts' disposal
/// reaches storage, and the hosts still running are disposed.
/// </summary>
public abstract class FaultInjectedHostTests : IAsyncLifetime
{
    private readonly List<TestHost> _hosts = [];

    protected StorageFaults Faults { get; } = new();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Faults.Heal();
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }

    /// <param name="tokenCacheBound">How long the host trusts a token read (<c>DurableObjects:Auth:TokenCacheBound</c>);
    /// its default when null.</param>
    protected Task<TestHost> StartAsync(TimeSpan? tokenCacheBound = null) => StartHostAsync(tokenCacheBound, prefix: null);

    /// <summary>Stops <paramref name="host"/> and starts another on its storage, through the same faults.</summary>
    protected async Task<TestHost> RestartAsync(TestHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        _hosts.Remove(host);
        await host.DisposeAsync();
        return await StartHostAsync(tokenCacheBound: null, host.Prefix);
    }

    private async Task<TestHost> StartHostAsync(TimeSpan? tokenCacheBound, string? prefix)
    {
        var settings = new Dictionary<string, string?>();
        if (tokenCacheBound is { } bound)
        {
            settings["DurableObjects:Auth:TokenCacheBound"] = bound.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        }
        var host = await Faults.StartHostAsync(settings, prefix: prefix);
        _hosts.Add(host);
        return host;
    }
}
