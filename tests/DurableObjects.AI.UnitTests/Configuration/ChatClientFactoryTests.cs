using DurableObjects.AI.Configuration;
using DurableObjects.AI.Pipeline;
using DurableObjects.AI.Rewards;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DurableObjects.AI.UnitTests.Configuration;

public sealed class ChatClientFactoryTests
{
    private static ChatClientFactory Factory(AiOptions options) => new(Options.Create(options));

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void GetClient_NoProvider_ThrowsModelNotConfiguredNamingTheKeys()
    {
        using var factory = Factory(new AiOptions());

        var error = Assert.Throws<ModelNotConfiguredException>(() => factory.GetClient(ModelRole.Generator));

        Assert.Contains("Generator role", error.Message, StringComparison.Ordinal);
        Assert.Contains("AI:Provider", error.Message, StringComparison.Ordinal);
        Assert.Contains("AI:Endpoint", error.Message, StringComparison.Ordinal);
        Assert.Contains("AI:ApiKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("AI:Generator:Model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetConfigurationProblem_CompatibleWithoutEndpoint_SaysEndpointIsRequired()
    {
        using var factory = Factory(new AiOptions { Provider = AiProvider.OpenAICompatible, Model = "llama3" });

        Assert.Contains("AI:Endpoint is required", factory.GetConfigurationProblem(ModelRole.Planner), StringComparison.Ordinal);
    }

    [Fact]
    public void GetConfigurationProblem_NoModelForRole_SaysWhichKey()
    {
        using var factory = Factory(new AiOptions { Provider = AiProvider.OpenAI, ApiKey = "sk-test", Planner = new() { Model = "p" } });

        Assert.Null(factory.GetConfigurationProblem(ModelRole.Planner));
        Assert.Contains("neither AI:Judge:Model nor AI:Model", factory.GetConfigurationProblem(ModelRole.Judge), StringComparison.Ordinal);
    }

    [Fact]
    public void GetClient_PerRoleModels_JudgeUsesItsOwnModelOthersTheDefault()
    {
        using var factory = Factory(new AiOptions
        {
            Provider = AiProvider.OpenAICompatible,
            Endpoint = new Uri("http://127.0.0.1:11434/v1"),
            Model = "qwen2.5-coder",
            Judge = new() { Model = "llama3.1" },
        });

        var judge = factory.GetClient(ModelRole.Judge).GetService<ChatClientMetadata>();
        var generator = factory.GetClient(ModelRole.Generator).GetService<ChatClientMetadata>();

        Assert.Equal("llama3.1", judge?.DefaultModelId);
        Assert.Equal("qwen2.5-coder", generator?.DefaultModelId);
        Assert.Same(factory.GetClient(ModelRole.Judge), factory.GetClient(ModelRole.Judge));
    }

    [Fact]
    public void GetClient_AzureWithKey_CreatesClientForDeployment()
    {
        using var factory = Factory(new AiOptions
        {
            Provider = AiProvider.AzureOpenAI,
            Endpoint = new Uri("https://example.openai.azure.com"),
            ApiKey = "key",
            Model = "gpt-4o-deployment",
        });

        Assert.Equal("gpt-4o-deployment", factory.GetClient(ModelRole.Planner).GetService<ChatClientMetadata>()?.DefaultModelId);
    }

    [Fact]
    public void AddDurableObjectsAI_Configuration_BindsSectionAndPrices()
    {
        var services = new ServiceCollection().AddDurableObjectsAI(Config(
            ("AI:Provider", "OpenAICompatible"),
            ("AI:Endpoint", "http://localhost:11434/v1"),
            ("AI:Model", "llama3"),
            ("AI:MaxReasks", "4"),
            ("AI:Judge:Model", "judge-model"),
            ("AI:Judge:InputPricePer1KTokens", "0.5"),
            ("AI:Judge:OutputPricePer1KTokens", "1.5"),
            ("AI:Judge:Temperature", "0")));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<AiOptions>>().Value;
        var settings = provider.GetRequiredService<IChatClientFactory>().GetCallSettings(ModelRole.Judge);

        Assert.Equal(AiProvider.OpenAICompatible, options.Provider);
        Assert.Equal(new Uri("http://localhost:11434/v1"), options.Endpoint);
        Assert.Equal(new ModelCallSettings { Model = "judge-model", Pricing = new ModelPricing(0.5m, 1.5m), MaxReasks = 4, Temperature = 0f }, settings);
        Assert.NotNull(provider.GetRequiredService<CodePlanner>());
        Assert.NotNull(provider.GetRequiredService<RewardModel>());
    }

    [Fact]
    public async Task AddDurableObjectsAI_NoModel_PlannerThrowsClearlyAndRewardModelSkipsJudges()
    {
        using var provider = new ServiceCollection().AddDurableObjectsAI(Config()).BuildServiceProvider();

        Assert.Throws<ModelNotConfiguredException>(() => provider.GetRequiredService<CodePlanner>());
        var evaluation = await provider.GetRequiredService<RewardModel>().EvaluateAsync(
            TestData.Samples.Input(), TestData.Samples.PassingGates, TestData.Samples.Plan().RoutedChecks());

        Assert.True(evaluation.Accepted);
        Assert.Contains("AI:Provider", Assert.Single(evaluation.SkippedJudges).Reason, StringComparison.Ordinal);
    }
}
