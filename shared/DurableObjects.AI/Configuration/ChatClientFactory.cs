using System.ClientModel;
using System.Collections.Concurrent;
using Azure;
using Azure.AI.OpenAI;
using Azure.Identity;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Chat;

namespace DurableObjects.AI.Configuration;

/// <summary>
/// Creates one <see cref="IChatClient"/> per role through the official SDKs (<c>OpenAI</c>, <c>Azure.AI.OpenAI</c>)
/// adapted with <c>AsIChatClient()</c>. Options are read once, at first use.
/// </summary>
public sealed partial class ChatClientFactory : IChatClientFactory, IDisposable
{
    /// <summary>Placeholder key for OpenAI-compatible servers that need none (the SDK requires a non-empty credential).</summary>
    private const string NoKeyPlaceholder = "not-needed";

    private readonly AiOptions _options;
    private readonly ILogger<ChatClientFactory> _logger;
    private readonly ConcurrentDictionary<ModelRole, Lazy<IChatClient>> _clients = new();

    /// <summary>Creates the factory.</summary>
    public ChatClientFactory(IOptions<AiOptions> options, ILogger<ChatClientFactory>? logger = null)
    {
        _options = options.Value;
        _logger = logger ?? NullLogger<ChatClientFactory>.Instance;
    }

    /// <inheritdoc />
    public string? GetConfigurationProblem(ModelRole role)
    {
        switch (_options.Provider)
        {
            case AiProvider.None:
                return ModelNotConfiguredException.HowToConfigure(role, "AI:Provider is not set");
            case AiProvider.OpenAICompatible when _options.Endpoint is null:
                return ModelNotConfiguredException.HowToConfigure(role, "AI:Endpoint is required for OpenAICompatible");
            case AiProvider.AzureOpenAI when _options.Endpoint is null:
                return ModelNotConfiguredException.HowToConfigure(role, "AI:Endpoint is required for AzureOpenAI");
            case AiProvider.OpenAI when string.IsNullOrWhiteSpace(_options.ApiKey):
                return ModelNotConfiguredException.HowToConfigure(role, "AI:ApiKey is required for OpenAI");
        }

        return _options.ModelFor(role) is null
            ? ModelNotConfiguredException.HowToConfigure(role, $"neither AI:{role}:Model nor AI:Model is set")
            : null;
    }

    /// <inheritdoc />
    public IChatClient GetClient(ModelRole role)
    {
        var problem = GetConfigurationProblem(role);
        if (problem is not null)
        {
            throw new ModelNotConfiguredException(problem);
        }

        return _clients.GetOrAdd(role, r => new Lazy<IChatClient>(() => Create(r))).Value;
    }

    /// <inheritdoc />
    public ModelCallSettings GetCallSettings(ModelRole role) => _options.CallSettingsFor(role);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }
    }

    private IChatClient Create(ModelRole role)
    {
        var model = _options.ModelFor(role)!;
        LogCreatingClient(_logger, role, _options.Provider, model, _options.Endpoint?.Host);
        var timeout = TimeSpan.FromSeconds(Math.Max(1, _options.TimeoutSeconds));
        return _options.Provider switch
        {
            AiProvider.AzureOpenAI => CreateAzure(model, timeout),
            AiProvider.OpenAI or AiProvider.OpenAICompatible => CreateOpenAI(model, timeout),
            _ => throw new ModelNotConfiguredException(role, "AI:Provider is not set"),
        };
    }

    private IChatClient CreateOpenAI(string model, TimeSpan timeout)
    {
        var clientOptions = new OpenAIClientOptions { NetworkTimeout = timeout };
        if (_options.Endpoint is not null)
        {
            clientOptions.Endpoint = _options.Endpoint;
        }

        var key = string.IsNullOrWhiteSpace(_options.ApiKey) ? NoKeyPlaceholder : _options.ApiKey;
        return new ChatClient(model, new ApiKeyCredential(key), clientOptions).AsIChatClient();
    }

    private IChatClient CreateAzure(string deployment, TimeSpan timeout)
    {
        var clientOptions = new AzureOpenAIClientOptions { NetworkTimeout = timeout };
        var endpoint = _options.Endpoint!;
        var azure = _options.UseManagedIdentity || string.IsNullOrWhiteSpace(_options.ApiKey)
            ? new AzureOpenAIClient(endpoint, new DefaultAzureCredential(), clientOptions)
            : new AzureOpenAIClient(endpoint, new AzureKeyCredential(_options.ApiKey), clientOptions);
        return azure.GetChatClient(deployment).AsIChatClient();
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Creating chat client for {Role}: provider {Provider}, model {Model}, host {EndpointHost}")]
    private static partial void LogCreatingClient(
        ILogger logger, ModelRole role, AiProvider provider, string model, string? endpointHost);
}
