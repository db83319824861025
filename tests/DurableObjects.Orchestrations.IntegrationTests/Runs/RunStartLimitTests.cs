using System.Net;
using System.Net.Http.Json;
using DurableObjects.Orchestrations.IntegrationTests.Support;
using DurableObjects.Testing;

namespace DurableObjects.Orchestrations.IntegrationTests.Runs;

/// <summary>A person who starts more runs an hour than the host allows is refused, told when to come back, and nothing is recorded.</summary>
public sealed class RunStartLimitTests
{
    [Fact]
    public async Task Start_PastThePersonsHourlyBound_Is429WithRetryAfterAndChangesNothing()
    {
        await using var host = await RunsHelper.StartHostAsync(new ScriptedModels().AcceptFirstTry().AcceptFirstTry(), settings: new Dictionary<string, string?>
        {
            ["DurableObjects:Pipeline:MaxRunsPerUserPerHour"] = "2",
        });
        var admin = host.Admin();
        await admin.CreateCalculatorAsync();
        var member = host.As(await admin.CreateUserAsync("mallory", "member"));
        await member.CreateCalculatorAsync("Abacus");
        for (var i = 0; i < 2; i++)
        {
            await admin.WaitAsync(await admin.ModifyAsync("Calculator", new { prompt = "Add a Multiply method.", requireApproval = false, deploy = false }));
        }
        var before = await StorageSnapshot.TakeAsync(host);

        var refused = await admin.PostAsJsonAsync("/api/objects/Calculator/modifications", new { prompt = "Add a Divide method." });

        var problem = await refused.ExpectProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("MaxRunsPerUserPerHour", problem["detail"]!.GetValue<string>());
        // Two an hour: one comes back every 30 minutes.
        var retryAfter = Assert.Single(refused.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 1800);
        Assert.Equal(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), problem["retryAfterSeconds"]!.GetValue<int>());
        Assert.Equal(before, await StorageSnapshot.TakeAsync(host));

        // The bound is each person's: someone else still starts.
        var other = await member.PostAsJsonAsync("/api/objects/Abacus/modifications", new { prompt = "Add a Multiply method.", requireApproval = false, deploy = false });
        await other.ExpectAsync(HttpStatusCode.Accepted);
    }
}
