using DurableObjects.Testing;

namespace DurableObjects.Cli.IntegrationTests.Support;

/// <summary>One real host listening on loopback per test class (starting a silo is the slow part); tests use their own object names.</summary>
public sealed class HostFixture : IAsyncLifetime
{
    private TestHost? _host;

    public TestHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(listen: true);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
