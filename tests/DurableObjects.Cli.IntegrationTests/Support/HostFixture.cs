using DurableObjects.Testing;

namespace DurableObjects.Cli.IntegrationTests.Support;

/// <summary>One real host listening on loopback per test class (starting the engine is the slow part); tests use their own object names.</summary>
public sealed class HostFixture : IAsyncLifetime
{
    private TestHost? _host;

    public TestHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    // One admin both asks for and approves runs in these tests (four eyes are tested in ApprovalRulesTests).
    public async Task InitializeAsync() => _host = await TestHost.StartAsync(
        settings: new Dictionary<string, string?> { ["DurableObjects:Pipeline:AllowSelfApproval"] = "true" }, listen: true);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
