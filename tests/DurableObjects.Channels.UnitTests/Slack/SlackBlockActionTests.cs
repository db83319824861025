using DurableObjects.Channels.Slack;

namespace DurableObjects.Channels.UnitTests.Slack;

public sealed class SlackBlockActionTests
{
    [Fact]
    public void Parse_BlockActionsPayload_ReadsUserActionValueAndResponseUrl()
    {
        const string payload = """
            {"type":"block_actions","user":{"id":"U0ADA","username":"ada","team_id":"T0TEAM"},"team":{"id":"T0TEAM","domain":"acme"},
             "response_url":"https://hooks.slack.com/actions/T0TEAM/1/abc","trigger_id":"1.2.3",
             "actions":[{"action_id":"approve_run","block_id":"run_decision","value":"0123abcd","type":"button","action_ts":"1.0"}]}
            """;

        var action = SlackBlockAction.Parse(payload);

        Assert.Equal(new SlackBlockAction("U0ADA", "T0TEAM", "approve_run", "0123abcd", new Uri("https://hooks.slack.com/actions/T0TEAM/1/abc")), action);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"type":"view_submission","user":{"id":"U0ADA"}}""")]
    [InlineData("""{"type":"block_actions","user":{"id":"U0ADA"},"actions":[]}""")]
    [InlineData("""{"type":"block_actions","actions":[{"action_id":"approve_run","value":"x"}]}""")]
    public void Parse_NotAButtonClick_Null(string? payload)
    {
        Assert.Null(SlackBlockAction.Parse(payload));
    }

    [Fact]
    public void Blocks_ApprovalRequest_HasApproveAndRejectButtonsCarryingTheRunId()
    {
        var blocks = SlackApprovalMessage.Blocks("run1", "Changing Calculator", "add <multiply> & more", "ada", DateTimeOffset.UnixEpoch, null);

        var actions = blocks.Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]!.AsArray();
        Assert.Equal(["approve_run", "reject_run"], actions.Select(a => a!["action_id"]!.GetValue<string>()));
        Assert.Equal(["primary", "danger"], actions.Select(a => a!["style"]!.GetValue<string>()));
        Assert.All(actions, a => Assert.Equal("run1", a!["value"]!.GetValue<string>()));
        Assert.Contains("add &lt;multiply&gt; &amp; more", blocks[1]!["text"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
