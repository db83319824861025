using System.ClientModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.AI.OpenAI;
using DurableObjects.AI.Configuration;
using DurableObjects.AI.Judges;
using DurableObjects.AI.Pipeline;
using DurableObjects.AI.Schemas;
using DurableObjects.AI.Structured;
using DurableObjects.AI.UnitTests.TestData;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Chat;

namespace DurableObjects.AI.UnitTests.Sdk;

/// <summary>The real OpenAI and Azure OpenAI SDK clients, through AsIChatClient(), against a local HTTP stand-in.</summary>
public sealed class RealSdkStandInTests
{
    private static string Json<T>(T value) => JsonSerializer.Serialize(value, StructuredJson.Options);

    [Fact]
    public async Task OpenAIClient_StructuredJudgeCall_SendsJsonSchemaAndRecordsUsage()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync();
        standIn.Reply(Json(Samples.Preference(0.82)));
        var options = new OpenAIClientOptions { Endpoint = new Uri(standIn.BaseAddress, "/v1") };
        using var chat = new ChatClient("judge-model", new ApiKeyCredential("sk-local"), options).AsIChatClient();
        var ledger = new UsageLedger();
        var settings = new ModelCallSettings { Model = "judge-model", Pricing = new ModelPricing(1m, 2m) };

        var verdict = await new PreferenceJudge(chat, settings).JudgeAsync(Samples.Input(), ledger, CancellationToken.None);

        Assert.Equal(0.82, verdict.Score);
        Assert.Equal(321, verdict.InputTokens);
        Assert.Equal(54, verdict.OutputTokens);
        Assert.Equal(0.321m + 0.108m, ledger.EstimatedCost);
        var request = Assert.Single(standIn.Requests);
        Assert.Equal("/v1/chat/completions", request.PathAndQuery);
        Assert.Equal("Bearer sk-local", request.Authorization);
        var body = request.Json;
        Assert.Equal("judge-model", body["model"]!.GetValue<string>());
        Assert.Equal(["system", "user"], body["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>()));
        var format = body["response_format"]!;
        Assert.Equal("json_schema", format["type"]!.GetValue<string>());
        Assert.Equal(nameof(PreferenceEvaluation), format["json_schema"]!["name"]!.GetValue<string>());
        Assert.True(format["json_schema"]!["strict"]!.GetValue<bool>());
        Assert.False(format["json_schema"]!["schema"]!["additionalProperties"]!.GetValue<bool>());
        var properties = format["json_schema"]!["schema"]!["properties"]!.AsObject();
        Assert.Contains("overallScore", properties.Select(p => p.Key));
    }

    [Fact]
    public async Task OpenAIClient_InvalidThenValid_ReaskTravelsOverTheWire()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync();
        standIn.Reply(Json(Samples.Plan() with { Summary = "" }));
        standIn.Reply(Json(Samples.Plan(CheckKind.Constraint)));
        var options = new OpenAIClientOptions { Endpoint = new Uri(standIn.BaseAddress, "/v1") };
        using var chat = new ChatClient("planner-model", new ApiKeyCredential("sk-local"), options).AsIChatClient();

        var result = await new CodePlanner(chat).PlanModificationAsync("Add Reset.", Samples.CounterFiles, Samples.CounterApi);

        Assert.Equal(2, result.Attempts);
        Assert.Equal(2, standIn.Requests.Count);
        var second = standIn.Requests.Last().Json["messages"]!.AsArray();
        Assert.Equal(["system", "user", "assistant", "user"], second.Select(m => m!["role"]!.GetValue<string>()));
        Assert.Contains("Summary is required", second[3]!["content"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatClientFactory_OpenAICompatibleEndpoint_DrivesTheStandIn()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync();
        standIn.Reply(Json(Samples.Candidate()));
        using var factory = new ChatClientFactory(Options.Create(new AiOptions
        {
            Provider = AiProvider.OpenAICompatible,
            Endpoint = new Uri(standIn.BaseAddress, "/v1"),
            Model = "qwen2.5-coder:7b",
        }));

        var generator = new CodeGenerator(factory.GetClient(ModelRole.Generator), factory.GetCallSettings(ModelRole.Generator));
        var result = await generator.GenerateAsync("Add Reset.", Samples.Plan(), Samples.CounterFiles);

        Assert.Equal("Counter.cs", Assert.Single(result.Value.Files).Path);
        Assert.Equal("qwen2.5-coder:7b", Assert.Single(standIn.Requests).Json["model"]!.GetValue<string>());
        Assert.Equal("qwen2.5-coder:7b", result.Model);
    }

    [Fact]
    public async Task AzureOpenAIClient_Deployment_PostsToDeploymentPathWithApiKey()
    {
        await using var standIn = await ChatCompletionsStandIn.StartAsync();
        standIn.Reply(Json(Samples.Constraint(0.9)));
        var azure = new AzureOpenAIClient(standIn.BaseAddress, new AzureKeyCredential("azure-key"));
        using var chat = azure.GetChatClient("judge-deployment").AsIChatClient();

        var verdict = await new ConstraintChecker(chat).JudgeAsync(Samples.Input(), null, CancellationToken.None);

        Assert.Equal(0.9, verdict.Score);
        var request = Assert.Single(standIn.Requests);
        Assert.StartsWith("/openai/deployments/judge-deployment/chat/completions?api-version=", request.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal("azure-key", request.ApiKey);
        Assert.Equal("json_schema", request.Json["response_format"]!["type"]!.GetValue<string>());
    }
}
