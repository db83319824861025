namespace DurableObjects.AI.Configuration;

/// <summary>Which kind of endpoint serves the language models.</summary>
public enum AiProvider
{
    /// <summary>No model configured: everything that needs a model reports <see cref="ModelNotConfiguredException"/>.</summary>
    None = 0,

    /// <summary>Azure OpenAI: <c>AI:Endpoint</c> is the resource URL, models are deployment names; key or managed identity.</summary>
    AzureOpenAI,

    /// <summary>api.openai.com (or <c>AI:Endpoint</c> when set) with <c>AI:ApiKey</c>.</summary>
    OpenAI,

    /// <summary>Any server speaking the OpenAI Chat Completions protocol (Ollama, llama.cpp, vLLM) at <c>AI:Endpoint</c>.</summary>
    OpenAICompatible,
}
