using DurableObjects.Channels.Commands;
using DurableObjects.Channels.Notifications;
using DurableObjects.Channels.UnitTests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DurableObjects.Channels.UnitTests.Commands;

public sealed class CommandParserTests
{
    private static CommandParser Parser(IChatClient? chat = null, double threshold = 0.75) =>
        new(Options.Create(new CommandParserOptions { ConfirmationThreshold = threshold }), NullLogger<CommandParser>.Instance, chat);

    [Fact]
    public async Task ParseAsync_GrammarCommand_DoesNotCallModel()
    {
        var chat = new ScriptedChatClient();

        var result = await Parser(chat).ParseAsync("deploy Calculator to staging");

        Assert.Equal(ParseOutcome.Parsed, result.Outcome);
        Assert.Equal(CommandSource.Grammar, result.Source);
        Assert.Equal(new DeployObjectCommand("Calculator", "staging"), result.Command);
        Assert.Empty(chat.Calls);
    }

    [Theory]
    [InlineData("deplyo calculator", "deploy <Name> [to <env>]")]
    [InlineData("rolback Calculator to v2", "rollback <Name> [to v<N>]")]
    [InlineData("aprove run 5", "approve <run>")]
    [InlineData("creat Calculator adds numbers", "create <Name> <description>")]
    [InlineData("modfy Calculator add memory", "modify <Name> <change>")]
    public async Task ParseAsync_MisspelledIntentWithoutModel_SuggestsClosestIntent(string text, string expectedUsage)
    {
        var result = await Parser().ParseAsync(text);

        Assert.Equal(ParseOutcome.Unknown, result.Outcome);
        Assert.Null(result.Command);
        Assert.Equal(expectedUsage, result.Suggestions[0]);
        Assert.Contains(expectedUsage, result.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_FreeTextWithoutModel_RepliesThatNoModelIsConfigured()
    {
        var result = await Parser().ParseAsync("could you push the newest calculator out to staging");

        Assert.Equal(ParseOutcome.Unknown, result.Outcome);
        Assert.Contains("no language model is configured", result.Reply, StringComparison.Ordinal);
        Assert.Contains("HELP", result.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_IncompleteCommand_RepliesWithUsageAndDoesNotCallModel()
    {
        var chat = new ScriptedChatClient();

        var result = await Parser(chat).ParseAsync("create Calculator");

        Assert.Equal(ParseOutcome.Incomplete, result.Outcome);
        Assert.Contains("create <Name> <description>", result.Reply, StringComparison.Ordinal);
        Assert.Empty(chat.Calls);
    }

    [Fact]
    public async Task ParseAsync_FreeTextHighConfidence_ReturnsModelCommand()
    {
        var chat = new ScriptedChatClient("""{"intent":"deploy","name":"Calculator","environment":"Staging","confidence":0.93}""");

        var result = await Parser(chat).ParseAsync("could you push the newest Calculator out to staging");

        Assert.Equal(ParseOutcome.Parsed, result.Outcome);
        Assert.Equal(CommandSource.Model, result.Source);
        Assert.Equal(new DeployObjectCommand("Calculator", "staging"), result.Command);
        Assert.Equal(0.93, result.Confidence, 3);
        var call = Assert.Single(chat.Calls);
        Assert.Contains(call, m => m.Role == ChatRole.User && m.Text.Contains("push the newest Calculator", StringComparison.Ordinal));
        Assert.IsType<ChatResponseFormatJson>(chat.Options[0]?.ResponseFormat);
    }

    [Fact]
    public async Task ParseAsync_FreeTextLowConfidence_AsksToConfirm()
    {
        var chat = new ScriptedChatClient("""{"intent":"rollback","name":"Calculator","version":2,"confidence":0.4}""");

        var result = await Parser(chat).ParseAsync("the calculator broke, put back the one from before");

        Assert.Equal(ParseOutcome.NeedsConfirmation, result.Outcome);
        Assert.Equal(new RollbackObjectCommand("Calculator", 2), result.Command);
        Assert.Equal("Did you mean: rollback Calculator to v2? Reply YES to confirm or NO to cancel.", result.Reply);
    }

    [Fact]
    public async Task ParseAsync_ScriptedTurns_AnswersEachTurnInOrder()
    {
        var chat = new ScriptedChatClient(
            """{"intent":"monitor","channel":"sms","event":"somebody new joins","eventType":"user.registered","confidence":0.9}""",
            """{"intent":"list_objects","confidence":0.95}""");
        var parser = Parser(chat);

        var first = await parser.ParseAsync("ping my phone with a text whenever somebody new joins");
        var second = await parser.ParseAsync("what have we got in the system");

        Assert.Equal(new CreateMonitorCommand(NotificationChannel.Sms, "somebody new joins", "user.registered"), first.Command);
        Assert.Equal(new ListObjectsCommand(), second.Command);
        Assert.Equal(2, chat.Calls.Count);
    }

    [Theory]
    [InlineData("""{"intent":"deploy","confidence":0.99}""")]
    [InlineData("""{"intent":"deploy","name":"rm -rf /","confidence":0.99}""")]
    [InlineData("""{"intent":"format_disk","name":"Calculator","confidence":0.99}""")]
    [InlineData("""{"intent":"monitor","channel":"fax","event":"any user signs up","confidence":0.99}""")]
    [InlineData("this is not json")]
    public async Task ParseAsync_UnusableModelAnswer_ReturnsUnknownWithSuggestions(string answer)
    {
        var chat = new ScriptedChatClient(answer);

        var result = await Parser(chat).ParseAsync("do the thing with the stuff");

        Assert.Equal(ParseOutcome.Unknown, result.Outcome);
        Assert.Null(result.Command);
        Assert.NotEmpty(result.Suggestions);
    }

    [Fact]
    public async Task ParseAsync_ModelThrows_ReturnsUnknownSayingModelUnreachable()
    {
        var chat = new ScriptedChatClient { Failure = new HttpRequestException("connection refused") };

        var result = await Parser(chat).ParseAsync("do the thing with the stuff");

        Assert.Equal(ParseOutcome.Unknown, result.Outcome);
        Assert.Contains("couldn't reach the language model", result.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_EmptyText_ReturnsHelp()
    {
        var result = await Parser().ParseAsync("  um...  ");

        Assert.Equal(ParseOutcome.Unknown, result.Outcome);
        Assert.Contains("Commands:", result.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelAvailable_NoChatClient_False()
    {
        Assert.False(Parser().ModelAvailable);
        Assert.True(Parser(new ScriptedChatClient()).ModelAvailable);
    }
}
