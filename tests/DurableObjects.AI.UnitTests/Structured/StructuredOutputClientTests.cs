using DurableObjects.AI.Configuration;
using DurableObjects.AI.Schemas;
using DurableObjects.AI.Structured;
using DurableObjects.AI.UnitTests.TestData;
using DurableObjects.Testing.Fakes;
using Microsoft.Extensions.AI;

namespace DurableObjects.AI.UnitTests.Structured;

public sealed class StructuredOutputClientTests
{
    private static readonly ModelCallSettings Priced = new()
    {
        Model = "configured-model",
        Pricing = new ModelPricing(InputPer1KTokens: 0.01m, OutputPer1KTokens: 0.03m),
        MaxReasks = 2,
    };

    private static List<ChatMessage> Ask() => [new(ChatRole.System, "Score it."), new(ChatRole.User, "data")];

    [Fact]
    public async Task AskAsync_ValidFirstTime_ReturnsValueAfterOneCallWithJsonSchemaFormat()
    {
        var chat = new ScriptedChatClient().EnqueueJson(Samples.Preference(0.8));
        var client = new StructuredOutputClient(chat, Priced);

        var result = await client.AskAsync<PreferenceEvaluation>("judge-preference", Ask());

        Assert.Equal(0.8, result.Value.OverallScore);
        Assert.Equal(1, result.Attempts);
        var format = Assert.IsType<ChatResponseFormatJson>(Assert.Single(chat.Requests).Options?.ResponseFormat);
        Assert.Equal(nameof(PreferenceEvaluation), format.SchemaName);
        var schema = format.Schema!.Value.ToString();
        Assert.Contains("overallScore", schema, StringComparison.Ordinal);
        Assert.Contains("readability", schema, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskAsync_InvalidThenValid_ReasksWithValidationErrors()
    {
        var chat = new ScriptedChatClient()
            .EnqueueJson(Samples.Preference(0.8) with { OverallScore = 1.7 })
            .EnqueueJson(Samples.Preference(0.8));
        var client = new StructuredOutputClient(chat, Priced);

        var result = await client.AskAsync<PreferenceEvaluation>("judge-preference", Ask());

        Assert.Equal(2, result.Attempts);
        Assert.Equal(2, chat.Requests.Count);
        var reask = chat.Requests[1];
        Assert.Equal(4, reask.Messages.Count);
        Assert.Equal(ChatRole.Assistant, reask.Messages[2].Role);
        Assert.Contains("failed validation", reask.LastUser, StringComparison.Ordinal);
        Assert.Contains("OverallScore must be between 0 and 1 (was 1.7)", reask.LastUser, StringComparison.Ordinal);
        Assert.False(result.Usage[0].Valid);
        Assert.True(result.Usage[1].Valid);
    }

    [Fact]
    public async Task AskAsync_NotJson_ReasksWithParseError()
    {
        var chat = new ScriptedChatClient().Enqueue("Sure! Here is my evaluation: great code.").EnqueueJson(Samples.Preference(0.9));
        var client = new StructuredOutputClient(chat, Priced);

        var result = await client.AskAsync<PreferenceEvaluation>("judge-preference", Ask());

        Assert.Equal(0.9, result.Value.OverallScore);
        Assert.Contains("not valid JSON", chat.Requests[1].LastUser, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskAsync_MissingRequiredProperty_ReasksNamingIt()
    {
        var chat = new ScriptedChatClient()
            .Enqueue("""{"readability":0.8,"maintainability":0.8,"elegance":0.8,"documentation":0.8,"rationale":"ok","issues":[],"recommendations":[]}""")
            .EnqueueJson(Samples.Preference(0.8));
        var client = new StructuredOutputClient(chat, Priced);

        await client.AskAsync<PreferenceEvaluation>("judge-preference", Ask());

        Assert.Contains("overallScore", chat.Requests[1].LastUser, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskAsync_FencedJson_IsAccepted()
    {
        var chat = new ScriptedChatClient();
        chat.Enqueue("```json\n" + System.Text.Json.JsonSerializer.Serialize(Samples.Preference(0.7), StructuredJson.Options) + "\n```");
        var client = new StructuredOutputClient(chat, Priced);

        var result = await client.AskAsync<PreferenceEvaluation>("judge-preference", Ask());

        Assert.Equal(0.7, result.Value.OverallScore);
    }

    [Fact]
    public async Task AskAsync_InvalidPastLimit_ThrowsWithErrorsAndUsage()
    {
        var bad = Samples.Preference(0.8) with { Readability = -1 };
        var chat = new ScriptedChatClient().EnqueueJson(bad).EnqueueJson(bad).EnqueueJson(bad).EnqueueJson(Samples.Preference(0.8));
        var ledger = new UsageLedger();
        var client = new StructuredOutputClient(chat, Priced);

        var error = await Assert.ThrowsAsync<StructuredOutputException>(
            () => client.AskAsync<PreferenceEvaluation>("judge-preference", Ask(), ledger));

        Assert.Equal(3, error.Attempts);
        Assert.Equal(3, chat.Requests.Count);
        Assert.Equal(1, chat.Remaining);
        Assert.Contains(error.Errors, e => e.Contains("Readability must be between 0 and 1", StringComparison.Ordinal));
        Assert.Contains("judge-preference", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, error.Usage.Count);
        Assert.Equal(3, ledger.Calls);
    }

    [Fact]
    public async Task AskAsync_TemperatureConfigured_IsSentOnEveryAttempt()
    {
        var chat = new ScriptedChatClient().Enqueue("{}").EnqueueJson(Samples.Preference(0.8));
        var client = new StructuredOutputClient(chat, Priced with { Temperature = 0f });

        await client.AskAsync<PreferenceEvaluation>("judge-preference", Ask());

        Assert.All(chat.Requests, r => Assert.Equal(0f, r.Options?.Temperature));
    }

    [Fact]
    public async Task AskAsync_Cancelled_ThrowsWithoutRecordingUsage()
    {
        var chat = new ScriptedChatClient().EnqueueJson(Samples.Preference(0.8));
        var ledger = new UsageLedger();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new StructuredOutputClient(chat, Priced).AskAsync<PreferenceEvaluation>("x", Ask(), ledger, cancelled.Token));

        Assert.Equal(0, ledger.Calls);
    }

    [Fact]
    public async Task AskAsync_ZeroReasks_MakesOneCallOnly()
    {
        var chat = new ScriptedChatClient().Enqueue("{}").Enqueue("{}");
        var client = new StructuredOutputClient(chat, Priced with { MaxReasks = 0 });

        await Assert.ThrowsAsync<StructuredOutputException>(() => client.AskAsync<PreferenceEvaluation>("x", Ask()));

        Assert.Single(chat.Requests);
    }

    [Fact]
    public async Task AskAsync_Usage_RecordsTokensAndEstimatedCostPerAttempt()
    {
        var chat = new ScriptedChatClient("gpt-judge")
            .EnqueueJson(Samples.Preference(0.8) with { Rationale = " " }, inputTokens: 1000, outputTokens: 100)
            .EnqueueJson(Samples.Preference(0.8), inputTokens: 2000, outputTokens: 500);
        var ledger = new UsageLedger();
        var client = new StructuredOutputClient(chat, Priced);

        var result = await client.AskAsync<PreferenceEvaluation>("judge-preference", Ask(), ledger);

        // 1000 × 0.01/1K + 100 × 0.03/1K = 0.013; 2000 × 0.01/1K + 500 × 0.03/1K = 0.035
        Assert.Equal(0.048m, ledger.EstimatedCost);
        Assert.Equal(3000, ledger.InputTokens);
        Assert.Equal(600, ledger.OutputTokens);
        Assert.Equal(0.048m, result.EstimatedCost);
        Assert.All(ledger.Entries, e => Assert.Equal("gpt-judge", e.Model));
        Assert.Equal([1, 2], ledger.Entries.Select(e => e.Attempt));
    }

    [Fact]
    public async Task AskAsync_CandidateWithUnsafePath_IsRejectedAndReasked()
    {
        var unsafeCandidate = Samples.Candidate() with { Files = [SourceFile.Of("../../etc/passwd.cs", "class X {}")] };
        var chat = new ScriptedChatClient().EnqueueJson(unsafeCandidate).EnqueueJson(Samples.Candidate());
        var client = new StructuredOutputClient(chat, Priced);

        var result = await client.AskAsync<CodeCandidate>("generate", Ask());

        Assert.Equal("Counter.cs", result.Value.Files[0].Path);
        Assert.Contains("'..'", chat.Requests[1].LastUser, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskAsync_CandidateWithoutFiles_IsRejectedAndReasked()
    {
        var chat = new ScriptedChatClient().EnqueueJson(Samples.Candidate() with { Files = [] }).EnqueueJson(Samples.Candidate());
        var client = new StructuredOutputClient(chat, Priced);

        await client.AskAsync<CodeCandidate>("generate", Ask());

        Assert.Contains("Files must contain at least one file", chat.Requests[1].LastUser, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskAsync_CandidateWithTwoTestClasses_IsRejectedNamingThem()
    {
        var twoClasses = Samples.Candidate() with
        {
            Tests = [SourceFile.Of("Tests/CounterTests.cs", "public class CounterTests { }\npublic class MoreTests { }")],
        };
        var chat = new ScriptedChatClient().EnqueueJson(twoClasses).EnqueueJson(Samples.Candidate());
        var client = new StructuredOutputClient(chat, Priced);

        await client.AskAsync<CodeCandidate>("generate", Ask());

        Assert.Contains("exactly one public class ending in 'Tests', found CounterTests, MoreTests", chat.Requests[1].LastUser, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskAsync_CandidateWithoutTests_IsRejectedAndReasked()
    {
        var chat = new ScriptedChatClient().EnqueueJson(Samples.Candidate() with { Tests = [] }).EnqueueJson(Samples.Candidate());
        var client = new StructuredOutputClient(chat, Priced);

        await client.AskAsync<CodeCandidate>("generate", Ask());

        Assert.Contains("Tests must contain at least one file", chat.Requests[1].LastUser, StringComparison.Ordinal);
    }
}
