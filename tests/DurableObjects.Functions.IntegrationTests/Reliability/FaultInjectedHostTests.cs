using DurableObjects.Testing;

namespace DurableObjects.Functions.IntegrationTests.Reliability;

/// <summary>
/// What the token and user-access safety tests share: each test starts one host whose storage clients go through
/// <see cref="Faults"/> (<see cref="StorageFaults.StartHostAsync"/>: one storage retry), optionally with a short token
/// cache bound; after the test the faults are healed, so the host's disposal reaches storage, and the host is disposed.
/// </summary>
public abstract class FaultInjectedHostTests : IAsyncLifetime
{
    private TestHost? _host;

    protected StorageFaults Faults { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Faults.Heal();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <param name="tokenCacheBound">How long the host trusts a token read (<c>DurableObjects:Auth:TokenCacheBound</c>);
    /// its default when null.</param>
    protected async Task<TestHost> StartAsync(TimeSpan? tokenCacheBound = null)
    {
        var settings = new Dictionary<string, string?>();
        if (tokenCacheBound is { } bound)
        {
            settings["DurableObjects:Auth:TokenCacheBound"] = bound.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        }
        _host = await Faults.StartHostAsync(settings);
        return _host;
    }
}
