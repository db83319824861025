using DurableObjects.Channels.Commands;
using DurableObjects.Channels.Commands.Grammar;
using DurableObjects.Channels.Notifications;

namespace DurableObjects.Channels.UnitTests.Commands;

public sealed class CommandGrammarTests
{
    public static TheoryData<string, Command> Phrasings => new()
    {
        // create
        { "create Calculator a calculator that adds two numbers", new CreateObjectCommand("Calculator", "a calculator that adds two numbers") },
        { "Create object Calculator that adds two numbers.", new CreateObjectCommand("Calculator", "adds two numbers") },
        { "um, create an object called Greeter that says hello", new CreateObjectCommand("Greeter", "says hello") },
        { "Please make a new object named TodoList with a list of tasks", new CreateObjectCommand("TodoList", "a list of tasks") },
        { "hey, build Counter which counts clicks", new CreateObjectCommand("Counter", "counts clicks") },
        { "CREATE Weather: fetches the forecast", new CreateObjectCommand("Weather", "fetches the forecast") },
        { "create Calculator a calculator that adds two numbers, subtracts, and divides!", new CreateObjectCommand("Calculator", "a calculator that adds two numbers, subtracts, and divides") },

        // modify
        { "modify Calculator add a square root", new ModifyObjectCommand("Calculator", "add a square root") },
        { "um, modify calculator add a square root", new ModifyObjectCommand("calculator", "add a square root") },
        { "Modify the Calculator object to add a square root.", new ModifyObjectCommand("Calculator", "add a square root") },
        { "change Calculator so that it rounds to two decimals", new ModifyObjectCommand("Calculator", "it rounds to two decimals") },
        { "update calculator, support subtraction", new ModifyObjectCommand("calculator", "support subtraction") },
        { "Uh, could you edit Greeter to say goodbye too?", new ModifyObjectCommand("Greeter", "say goodbye too") },
        { "add a square root to Calculator", new ModifyObjectCommand("Calculator", "add a square root") },
        { "Add memory functions to the Calculator object.", new ModifyObjectCommand("Calculator", "Add memory functions") },
        { "uhm modify Greeter: greet in French", new ModifyObjectCommand("Greeter", "greet in French") },

        // deploy
        { "deploy Calculator", new DeployObjectCommand("Calculator") },
        { "deploy calc to staging please", new DeployObjectCommand("calc", "staging") },
        { "Deploy Calculator to production.", new DeployObjectCommand("Calculator", "production") },
        { "deploy the Calculator object to prod", new DeployObjectCommand("Calculator", "production") },
        { "ship Greeter to the staging environment", new DeployObjectCommand("Greeter", "staging") },
        { "OK deploy Calculator now", new DeployObjectCommand("Calculator") },
        { "um deploy uh Calculator into staging", new DeployObjectCommand("Calculator", "staging") },
        { "I'd like to deploy Calculator to staging", new DeployObjectCommand("Calculator", "staging") },

        // rollback
        { "Rollback Calculator to version 2.", new RollbackObjectCommand("Calculator", 2) },
        { "rollback Calculator to v3", new RollbackObjectCommand("Calculator", 3) },
        { "roll back calculator to version three", new RollbackObjectCommand("calculator", 3) },
        { "Roll back Calculator.", new RollbackObjectCommand("Calculator") },
        { "revert Greeter to the previous version", new RollbackObjectCommand("Greeter") },
        { "rollback Calculator version 4", new RollbackObjectCommand("Calculator", 4) },
        { "rollback the calculator object to v10", new RollbackObjectCommand("calculator", 10) },
        { "Hey, roll back Calculator to the second version", new RollbackObjectCommand("Calculator", 2) },

        // info
        { "info Calculator", new ObjectInfoCommand("Calculator") },
        { "status Calculator", new ObjectInfoCommand("Calculator") },
        { "What's the status of Calculator?", new ObjectInfoCommand("Calculator") },
        { "what is the status of calculator", new ObjectInfoCommand("calculator") },
        { "tell me about Greeter", new ObjectInfoCommand("Greeter") },
        { "how is Calculator doing", new ObjectInfoCommand("Calculator") },
        { "show Calculator", new ObjectInfoCommand("Calculator") },
        { "get info on Calculator", new ObjectInfoCommand("Calculator") },

        // list / count / users
        { "list objects", new ListObjectsCommand() },
        { "List all objects.", new ListObjectsCommand() },
        { "show me my objects", new ListObjectsCommand() },
        { "what objects are there", new ListObjectsCommand() },
        { "list", new ListObjectsCommand() },
        { "uh, hey, list objects please.", new ListObjectsCommand() },
        { "count objects", new CountObjectsCommand() },
        { "How many objects are there?", new CountObjectsCommand() },
        { "how many objects do I have", new CountObjectsCommand() },
        { "Can you please count the objects?", new CountObjectsCommand() },
        { "list users", new ListUsersCommand() },
        { "show all users", new ListUsersCommand() },
        { "list the users.", new ListUsersCommand() },

        // approvals
        { "approve run 42abc", new ApproveRunCommand("42abc") },
        { "Approve r-1234.", new ApproveRunCommand("r-1234") },
        { "reject run 42abc because it is too slow", new RejectRunCommand("42abc", "it is too slow") },
        { "reject 42abc", new RejectRunCommand("42abc") },

        // monitors
        { "Call me when any user signs up.", new CreateMonitorCommand(NotificationChannel.Voice, "any user signs up", EventTypes.UserRegistered) },
        { "text me when any user signs up", new CreateMonitorCommand(NotificationChannel.Sms, "any user signs up", EventTypes.UserRegistered) },
        { "email me if any deploy fails", new CreateMonitorCommand(NotificationChannel.Email, "any deploy fails", EventTypes.DeployFailed) },
        { "call me when Calculator fails", new CreateMonitorCommand(NotificationChannel.Voice, "Calculator fails", EventTypes.AnyFailure, "Calculator") },
        { "Slack me when a new object is created", new CreateMonitorCommand(NotificationChannel.Slack, "a new object is created", EventTypes.ObjectCreated) },
        { "notify me when Calculator gets a new version", new CreateMonitorCommand(null, "Calculator gets a new version", EventTypes.VersionAdded, "Calculator") },
        { "Text me if any run fails", new CreateMonitorCommand(NotificationChannel.Sms, "any run fails", EventTypes.RunFailed) },
        {
            "hey, send me a text when someone signs up from example.com",
            new CreateMonitorCommand(NotificationChannel.Sms, "someone signs up from example.com", EventTypes.UserRegistered, null, "from example.com")
        },
        {
            "give me a call if a deploy of Calculator fails in production",
            new CreateMonitorCommand(NotificationChannel.Voice, "a deploy of Calculator fails in production", EventTypes.DeployFailed, "Calculator", "in production")
        },
        { "let me know when Calculator is deployed", new CreateMonitorCommand(null, "Calculator is deployed", EventTypes.DeploySucceeded, "Calculator") },
        { "email me when Calculator is rolled back", new CreateMonitorCommand(NotificationChannel.Email, "Calculator is rolled back", EventTypes.RolledBack, "Calculator") },
        { "notify me on slack when a run needs my approval", new CreateMonitorCommand(NotificationChannel.Slack, "a run needs my approval", EventTypes.RunAwaitingApproval) },
        { "Um, text me whenever an invocation of Calculator fails.", new CreateMonitorCommand(NotificationChannel.Sms, "an invocation of Calculator fails", EventTypes.InvocationFailed, "Calculator") },
        { "SMS me when a new user registers", new CreateMonitorCommand(NotificationChannel.Sms, "a new user registers", EventTypes.UserRegistered) },

        // GitHub
        { "repo info", new RepoInfoCommand() },
        { "Show me the GitHub repository status.", new RepoInfoCommand() },
        { "repo", new RepoInfoCommand() },
        { "issues", new ListIssuesCommand() },
        { "List open issues", new ListIssuesCommand() },
        { "what are the latest GitHub issues?", new ListIssuesCommand() },

        // help
        { "help", new HelpCommand() },
        { "Help deploy", new HelpCommand("deploy") },
        { "what can I do?", new HelpCommand() },
        { "commands", new HelpCommand() },
    };

    [Theory]
    [MemberData(nameof(Phrasings))]
    public void Match_KnownPhrasing_ReturnsExpectedCommand(string text, Command expected)
    {
        var match = CommandGrammar.Match(text);

        Assert.NotNull(match);
        Assert.Null(match.Problem);
        Assert.Equal(expected, match.Command);
    }

    [Fact]
    public void Phrasings_Count_AtLeastSixty()
    {
        Assert.True(Phrasings.Count >= 60, $"only {Phrasings.Count} phrasings");
    }

    [Theory]
    [MemberData(nameof(Phrasings))]
    public void Describe_ParsedCommand_ParsesBackToSameCommand(string text, Command expected)
    {
        _ = text;

        var match = CommandGrammar.Match(expected.Describe());

        Assert.Equal(expected.Intent, match?.Command?.Intent);
        if (expected is not CreateMonitorCommand)
        {
            Assert.Equal(expected, match!.Command);
        }
    }

    [Theory]
    [InlineData("create Calculator", CommandIntents.Create)]
    [InlineData("modify Calculator", CommandIntents.Modify)]
    [InlineData("deploy", CommandIntents.Deploy)]
    [InlineData("deploy Calculator to the big blue server farm", CommandIntents.Deploy)]
    [InlineData("rollback Calculator to version banana", CommandIntents.Rollback)]
    [InlineData("approve", CommandIntents.Approve)]
    [InlineData("text me when the moon is full", CommandIntents.Monitor)]
    public void Match_IntentWithMissingPart_ReturnsProblemWithUsage(string text, string intent)
    {
        var match = CommandGrammar.Match(text);

        Assert.NotNull(match);
        Assert.Null(match.Command);
        Assert.Equal(intent, match.Intent);
        Assert.Contains("Usage:", match.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what a lovely day")]
    [InlineData("deplyo calculator")]
    [InlineData("um, uh.")]
    [InlineData("issues with the weather")]
    [InlineData("")]
    public void Match_NotACommand_ReturnsNull(string text)
    {
        Assert.Null(CommandGrammar.Match(text));
    }

    [Fact]
    public void Match_EveryPrefixOfEveryPhrasing_NeverThrows()
    {
        foreach (var row in Phrasings)
        {
            var text = (string)row[0];
            for (var length = 0; length <= text.Length; length++)
            {
                var match = CommandGrammar.Match(text[..length]);
                Assert.True(match is null || (match.Command is null) != (match.Problem is null), text[..length]);
            }
        }
    }
}
