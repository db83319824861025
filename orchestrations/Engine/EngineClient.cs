using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Orchestrations.Engine;

/// <summary>
/// The Durable Task client the services schedule and steer orchestrations with, in either mode. Standalone, the host
/// registers one client for the process (the in-process sidecar's). On the Functions host there is no such client:
/// each function receives one through its <c>[DurableClient]</c> binding, and the trigger lends it to the services
/// for the length of its invocation with <see cref="Use"/>. The lent client wins over the process's.
/// </summary>
public sealed class EngineClient(IServiceProvider services)
{
    private static readonly AsyncLocal<DurableTaskClient?> Lent = new();
    private readonly DurableTaskClient? _process = services.GetService<DurableTaskClient>();

    /// <summary>The client of this invocation, else the process's; throws when neither exists.</summary>
    public DurableTaskClient Current => Lent.Value ?? _process ?? throw new InvalidOperationException(
        "No Durable Task client here: on the Functions host only a function with a [DurableClient] binding reaches the engine.");

    /// <summary>Lends <paramref name="client"/> to everything this async flow calls until the result is disposed.</summary>
    public static IDisposable Use(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var previous = Lent.Value;
        Lent.Value = client;
        return new Restore(previous);
    }

    private sealed class Restore(DurableTaskClient? previous) : IDisposable
    {
        public void Dispose() => Lent.Value = previous;
    }
}
