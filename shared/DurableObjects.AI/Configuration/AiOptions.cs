namespace DurableObjects.AI.Configuration;

/// <summary>
/// Language model settings, bound from the configuration section <see cref="SectionName"/> (<c>AI</c>).
/// Secrets (<see cref="ApiKey"/>) belong in <c>local.settings.json</c>, environment variables (<c>AI__ApiKey</c>) or
/// Key Vault, never in <c>host.json</c>.
/// </summary>
public sealed class AiOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "AI";

    /// <summary>Which provider serves the models (<c>AI:Provider</c>). Default <see cref="AiProvider.None"/>.</summary>
    public AiProvider Provider { get; set; } = AiProvider.None;

    /// <summary>
    /// Base URL (<c>AI:Endpoint</c>): the Azure OpenAI resource URL, an OpenAI-compatible base URL such as
    /// <c>http://localhost:11434/v1</c>, or empty for api.openai.com.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>API key (<c>AI:ApiKey</c>). For Azure, leave empty to use managed identity.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Azure only (<c>AI:UseManagedIdentity</c>): authenticate with <c>DefaultAzureCredential</c>. Implied when no key is set.
    /// </summary>
    public bool UseManagedIdentity { get; set; }

    /// <summary>Default model or deployment for every role without its own (<c>AI:Model</c>).</summary>
    public string? Model { get; set; }

    /// <summary>Planner model (<c>AI:Planner</c>).</summary>
    public RoleModelOptions Planner { get; set; } = new();

    /// <summary>Generator model (<c>AI:Generator</c>).</summary>
    public RoleModelOptions Generator { get; set; } = new();

    /// <summary>Judge model (<c>AI:Judge</c>); may differ from the generator to avoid self-preference.</summary>
    public RoleModelOptions Judge { get; set; } = new();

    /// <summary>
    /// How many times a structured call is re-asked with the validation errors after an invalid answer
    /// (<c>AI:MaxReasks</c>). Default 2, so at most 3 model calls per structured step.
    /// </summary>
    public int MaxReasks { get; set; } = 2;

    /// <summary>Request strict JSON-schema adherence (<c>AI:StrictJsonSchema</c>). Default true.</summary>
    public bool StrictJsonSchema { get; set; } = true;

    /// <summary>Network timeout per model call in seconds (<c>AI:TimeoutSeconds</c>). Default 120.</summary>
    public int TimeoutSeconds { get; set; } = 120;

    /// <summary>The options of one role.</summary>
    public RoleModelOptions For(ModelRole role) => role switch
    {
        ModelRole.Planner => Planner,
        ModelRole.Generator => Generator,
        ModelRole.Judge => Judge,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown model role."),
    };

    /// <summary>The model (or deployment) name for a role, falling back to <see cref="Model"/>; null when neither is set.</summary>
    public string? ModelFor(ModelRole role)
    {
        var own = For(role).Model;
        return string.IsNullOrWhiteSpace(own) ? (string.IsNullOrWhiteSpace(Model) ? null : Model) : own;
    }

    /// <summary>The call settings (model name, prices, re-asks) for a role; the model name is "unconfigured" when absent.</summary>
    public ModelCallSettings CallSettingsFor(ModelRole role)
    {
        var options = For(role);
        return new ModelCallSettings
        {
            Model = ModelFor(role) ?? "unconfigured",
            Pricing = new ModelPricing(options.InputPricePer1KTokens, options.OutputPricePer1KTokens),
            MaxReasks = Math.Max(0, MaxReasks),
            StrictJsonSchema = StrictJsonSchema,
            Temperature = options.Temperature,
        };
    }
}
