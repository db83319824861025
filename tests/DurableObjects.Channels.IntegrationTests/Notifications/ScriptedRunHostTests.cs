using DurableObjects.AI.Configuration;
using DurableObjects.Channels.IntegrationTests.Infrastructure;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Channels.IntegrationTests.Notifications;

/// <summary>
/// What the run notification tests share: a <see cref="ChannelsHost"/> whose models are <see cref="Models"/> (scripted
/// by each test class) and the member "ada", who owns the object "Calculator"; the host is disposed after each test.
/// </summary>
public abstract class ScriptedRunHostTests : IAsyncLifetime
{
    protected ScriptedModels Models { get; } = new();

    protected ChannelsHost Channels { get; private set; } = null!;

    protected HttpClient Ada { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Channels = await StartHostAsync(s => s.AddSingleton<IChatClientFactory>(Models));
        Ada = await Channels.UserAsync("ada", "member");
        await Ada.CreateObjectAsync("Calculator", Scripts.V1Files());
        await ArrangeAsync();
    }

    public virtual async Task DisposeAsync() => await Channels.DisposeAsync();

    /// <summary>Starts the host with <paramref name="models"/> registered; override for more settings.</summary>
    protected virtual Task<ChannelsHost> StartHostAsync(Action<IServiceCollection> models) => ChannelsHost.StartAsync(services: models);

    /// <summary>The test class's own arrangement, once ada and her object exist.</summary>
    protected abstract Task ArrangeAsync();
}
