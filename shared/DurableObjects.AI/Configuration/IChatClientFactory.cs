using Microsoft.Extensions.AI;

namespace DurableObjects.AI.Configuration;

/// <summary>Builds the <see cref="IChatClient"/> for each <see cref="ModelRole"/> from <see cref="AiOptions"/>.</summary>
public interface IChatClientFactory
{
    /// <summary>Why the role has no usable model, or null when it has one. Never throws.</summary>
    string? GetConfigurationProblem(ModelRole role);

    /// <summary>The client for a role (created once, then reused).</summary>
    /// <exception cref="ModelNotConfiguredException">No provider or model is configured for the role.</exception>
    IChatClient GetClient(ModelRole role);

    /// <summary>Model name, prices and re-ask budget for a role (available even when no provider is configured).</summary>
    ModelCallSettings GetCallSettings(ModelRole role);
}
