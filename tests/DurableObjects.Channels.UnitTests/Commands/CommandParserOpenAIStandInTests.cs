using System.ClientModel;
using System.Text.Json;
using DurableObjects.Channels.Commands;
using DurableObjects.Channels.UnitTests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenAI;

namespace DurableObjects.Channels.UnitTests.Commands;

/// <summary>The parser with the real OpenAI SDK client, talking HTTP to a local chat-completions stand-in.</summary>
public sealed class CommandParserOpenAIStandInTests
{
    private static StandInResponse Completion(string content) => new(200, JsonSerializer.Serialize(new
    {
        id = "chatcmpl-1",
        @object = "chat.completion",
        created = 1_700_000_000,
        model = "test-model",
        choices = new[] { new { index = 0, finish_reason = "stop", message = new { role = "assistant", content } } },
        usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
    }));

    [Fact]
    public async Task ParseAsync_OpenAIClient_SendsJsonSchemaRequestAndParsesAnswer()
    {
        await using var model = await HttpStandIn.StartAsync(_ => Completion("""{"intent":"modify","name":"Calculator","change":"add a square root","confidence":0.9}"""));
        var openAI = new OpenAIClient(new ApiKeyCredential("test-key"), new OpenAIClientOptions { Endpoint = new Uri(model.BaseAddress, "v1") });
        using var chat = openAI.GetChatClient("test-model").AsIChatClient();
        var parser = new CommandParser(Options.Create(new CommandParserOptions()), NullLogger<CommandParser>.Instance, chat);

        var result = await parser.ParseAsync("the calculator needs to do square roots now");

        Assert.Equal(ParseOutcome.Parsed, result.Outcome);
        Assert.Equal(new ModifyObjectCommand("Calculator", "add a square root"), result.Command);
        var request = Assert.Single(model.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer test-key", request.Header("Authorization"));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("json_schema", body.RootElement.GetProperty("response_format").GetProperty("type").GetString());
        var schema = body.RootElement.GetProperty("response_format").GetProperty("json_schema").GetProperty("schema");
        Assert.True(schema.GetProperty("properties").TryGetProperty("intent", out _));
        var messages = body.RootElement.GetProperty("messages");
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        Assert.Contains("the calculator needs to do square roots", messages[1].GetProperty("content").ToString(), StringComparison.Ordinal);
    }
}
