using System.Globalization;

namespace DurableObjects.AI.Configuration;

/// <summary>
/// Thrown when something needs a language model and none is configured. The message says which keys to set;
/// it is safe to show to users (it contains no secrets).
/// </summary>
public sealed class ModelNotConfiguredException : InvalidOperationException
{
    /// <summary>Creates the exception with the standard how-to-configure message.</summary>
    public ModelNotConfiguredException()
        : this(HowToConfigure(null, null))
    {
    }

    /// <summary>Creates the exception with a custom message.</summary>
    public ModelNotConfiguredException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a custom message and cause.</summary>
    public ModelNotConfiguredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a role and the missing piece.</summary>
    public ModelNotConfiguredException(ModelRole role, string missing)
        : this(HowToConfigure(role, missing))
    {
        Role = role;
    }

    /// <summary>The role that needed a model, when known.</summary>
    public ModelRole? Role { get; }

    /// <summary>The guidance text: which configuration keys to set.</summary>
    public static string HowToConfigure(ModelRole? role, string? missing)
    {
        var what = role is null ? "No language model is configured" : string.Format(
            CultureInfo.InvariantCulture, "No language model is configured for the {0} role", role);
        var why = string.IsNullOrEmpty(missing) ? string.Empty : $" ({missing})";
        return what + why + ". Set AI:Provider to AzureOpenAI, OpenAI or OpenAICompatible; AI:Endpoint (the Azure resource "
            + "URL, or the base URL of an OpenAI-compatible server such as http://localhost:11434/v1); AI:ApiKey (for Azure, "
            + "or AI:UseManagedIdentity=true); and AI:Model or per role AI:Planner:Model, AI:Generator:Model, AI:Judge:Model. "
            + "As environment variables: AI__Provider, AI__Endpoint, AI__ApiKey, AI__Model.";
    }
}
