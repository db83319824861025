using DurableObjects.AI.Configuration;
using DurableObjects.Testing;
using DurableObjects.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Web.BrowserTests;

/// <summary>The real host on a loopback port serving <c>web/dist</c>, with no language model configured (the manual path).</summary>
public class NoModelHost : IAsyncLifetime
{
    public TestHost Host { get; protected set; } = null!;

    public virtual async Task InitializeAsync() => Host = await TestHost.StartAsync(
        settings: new Dictionary<string, string?> { ["Web:Root"] = Chromium.WebRoot },
        listen: true);

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}

/// <summary>The same, with scripted planner, generator and judge models (no test calls a live model).</summary>
public sealed class ScriptedModelHost : NoModelHost
{
    public ScriptedModels Models { get; } = new();

    public override async Task InitializeAsync()
    {
        // The walk-through has one person, who asks for the change and approves it: the host allows self-approval.
        Host = await TestHost.StartAsync(
            settings: new Dictionary<string, string?> { ["Web:Root"] = Chromium.WebRoot, ["DurableObjects:Pipeline:AllowSelfApproval"] = "true" },
            services: services => services.AddSingleton<IChatClientFactory>(Models),
            listen: true);
    }
}
