using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DurableObjects.Orchestrations.IntegrationTests.Support;
using DurableObjects.Shared.Audit.Chain;
using DurableObjects.Shared.Storage;
using DurableObjects.Testing;
using Microsoft.Extensions.Options;

namespace DurableObjects.Orchestrations.IntegrationTests.Runs;

/// <summary>A run's reward decisions and its approval go into the decision chain, with what they were decided on.</summary>
public sealed class DecisionChainTests
{
    [Fact]
    public async Task Run_RejectedThenAcceptedAndApproved_ChainsBothDecisionsTheApprovalTheCommitAndTheDeploy()
    {
        var models = new ScriptedModels();
        models.Planner.EnqueueJson(Scripts.Plan());
        models.Generator.EnqueueJson(Scripts.Candidate());
        models.Judge.EnqueueJson(Scripts.Preference(0.3, "unclear names"));
        models.Generator.EnqueueJson(Scripts.Candidate());
        models.Judge.EnqueueJson(Scripts.Preference(0.9));
        await using var host = await RunsHelper.StartHostAsync(models);
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        var id = await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method.", requireApproval = true });
        await admin.WaitAsync(id, "awaiting_approval");
        var reviewer = host.As(await admin.CreateUserAsync("reviewer", "admin"));
        await (await reviewer.PostAsJsonAsync($"/api/runs/{id}/approve", new { comment = "looks good" })).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal("succeeded", (await admin.WaitAsync(id)).Status());

        var records = (await admin.GetJsonAsync("/api/audit/chain"))["items"]!.AsArray().Select(r => r!.AsObject()).Reverse().ToList();
        var verify = await admin.GetJsonAsync("/api/audit/verify");

        Assert.True(verify["intact"]!.GetValue<bool>(), verify.ToJsonString());
        Assert.Equal(["object.created", "run.decision", "run.decision", "run.approval", "version.added", "deploy.succeeded"], records.Select(r => r["type"]!.GetValue<string>()));
        var rejected = Details(records[1]);
        var accepted = Details(records[2]);
        Assert.False(rejected["accepted"]!.GetValue<bool>());
        Assert.True(accepted["accepted"]!.GetValue<bool>());
        Assert.Equal(id, accepted["run"]!.GetValue<string>());
        Assert.Equal(64, accepted["candidateHash"]!.GetValue<string>().Length);
        Assert.Equal(0.9, accepted["judges"]![0]!["score"]!.GetValue<double>());
        Assert.Equal(0.6, accepted["thresholds"]!["preference"]!.GetValue<double>());
        Assert.True(accepted["policy"]!["requireApproval"]!.GetValue<bool>());
        Assert.All(accepted["gates"]!.AsArray(), g => Assert.True(g!["passed"]!.GetValue<bool>()));
        Assert.NotEqual(records[1]["actor"]!.GetValue<string>(), records[3]["actor"]!.GetValue<string>());
        Assert.True(Details(records[3])["approved"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Append_OnAHeadAnotherHostMovedOn_RetriesAndNeverForks()
    {
        // Each host appends on the head it last wrote; here every append of one follows appends of the other, so the
        // head it remembers is always stale. The chain must still come out consecutive, linked and intact.
        var storage = await FreshStorageAsync();
        var (one, two) = (new DecisionChain(storage, TimeProvider.System), new DecisionChain(storage, TimeProvider.System));
        for (var i = 0; i < 4; i++)
        {
            await one.AppendAsync($"one/{i}", "t", "s", "a", new { i });
            await two.AppendAsync($"two/{i}", "t", "s", "a", new { i });
            await two.AppendAsync($"two/{i}/again", "t", "s", "a", new { i });
        }

        var verification = await one.VerifyAsync();
        var records = (await one.ListAsync(100, null)).Items.Reverse().ToList();
        Assert.True(verification.Intact, verification.Reason);
        Assert.Equal(Enumerable.Range(1, 12).Select(n => (long)n), records.Select(r => r.Sequence));
        Assert.Equal(records.Take(11).Select(r => r.Hash), records.Skip(1).Select(r => r.PreviousHash));
    }

    [Fact]
    public async Task Append_OfAKeyAlreadyRecorded_ReturnsItsRecordWithoutAddingOne_EvenOnAStaleHead()
    {
        var storage = await FreshStorageAsync();
        var (one, two) = (new DecisionChain(storage, TimeProvider.System), new DecisionChain(storage, TimeProvider.System));
        var first = await one.AppendAsync("run/r1/decision/1", "t", "s", "a", new { accepted = true });
        await one.AppendAsync("run/r2/decision/1", "t", "s", "a", new { accepted = false });
        await two.AppendAsync("run/r3/decision/1", "t", "s", "a", new { accepted = true });

        // The engine delivers the step again to the first host, whose remembered head is now stale.
        var again = await one.AppendAsync("run/r1/decision/1", "t", "s", "a", new { accepted = true });

        Assert.Equal(first.Sequence, again.Sequence);
        Assert.Equal(first.Hash, again.Hash);
        Assert.Equal(3, (await one.ListAsync(100, null)).Items.Count);
        Assert.True((await two.VerifyAsync()).Intact);
    }

    [Fact]
    public async Task Append_ManyAtOnceOnOneHost_TakeTurns_NoneRetriesAndTheChainHolds()
    {
        // Fifty runs on one host deciding at the same moment. Racing one another for each sequence number, most paid a
        // failed transaction, lookups and a pause (the clock counts those pauses); taking turns, none does.
        var storage = await FreshStorageAsync();
        var clock = new CountingClock();
        using var chain = new DecisionChain(storage, clock);

        var appended = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => chain.AppendAsync($"run/{i}/decision/1", "t", "s", "a", new { i })));

        var verification = await chain.VerifyAsync();
        Assert.True(verification.Intact, verification.Reason);
        Assert.Equal(Enumerable.Range(1, 50).Select(n => (long)n), appended.Select(r => r.Sequence).Order());
        Assert.Equal(0, clock.Pauses);
    }

    /// <summary>The system clock, counting the timers asked of it (each retry's pause is one).</summary>
    private sealed class CountingClock : TimeProvider
    {
        private int _pauses;

        public int Pauses => Volatile.Read(ref _pauses);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref _pauses);
            return System.CreateTimer(callback, state, dueTime, period);
        }
    }

    private static async Task<StorageClients> FreshStorageAsync() => new(Options.Create(new StorageOptions
    {
        ConnectionString = await Azurite.ConnectionStringAsync(),
        TablePrefix = "chain" + Guid.NewGuid().ToString("N")[..10],
    }));

    private static JsonObject Details(JsonObject record) => JsonNode.Parse(record["detailsJson"]!.GetValue<string>())!.AsObject();
}
