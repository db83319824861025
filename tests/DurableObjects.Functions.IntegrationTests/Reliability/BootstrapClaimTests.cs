using System.Net;
using System.Text.Json.Nodes;
using DurableObjects.Shared.Storage;
using DurableObjects.Shared.Users;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Functions.IntegrationTests.Reliability;

/// <summary>
/// The first-start claim (the row "bootstrap" in partition "system" of the users table) is one host's: when storage
/// applied that host's insert but its answer was lost, the storage client's resend meets the row (409) and the host
/// still knows the claim for its own and creates the admin once; a claim another host made stays not its own, lost
/// answer or not. Faults are injected into the host's own storage clients (<see cref="StorageFaults"/>), with one
/// storage retry.
/// </summary>
public sealed class BootstrapClaimTests : FaultInjectedHostTests
{
    private static readonly Func<Azure.Core.HttpMessage, bool> ClaimInsert = StorageFaults.InsertOf(TableNames.Users, "system", "bootstrap");

    [Fact]
    public async Task Bootstrap_ClaimAppliedButItsAnswerLost_HostStartsWithItsAdminOnce()
    {
        // Armed before the host starts: the claim is the first insert of the bootstrap row.
        Faults.LoseNextAnswer(ClaimInsert);

        var host = await StartAsync();
        var admin = host.Admin();

        Assert.Equal(1, Faults.LostAnswers);
        await (await admin.GetAsync("/api/me")).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(await EventsAsync(admin, "user.registered"));
        Assert.Single(await EventsAsync(admin, "token.created"));
    }

    [Fact]
    public async Task TryClaim_ClaimMadeByAnotherHostAndAnswerLost_IsNotMine()
    {
        var host = await StartAsync();
        var claim = host.Services.GetRequiredService<BootstrapClaim>();
        // This try meets the first host's row (409), its answer lost anyway; the client's resend meets it again.
        Faults.LoseNextAnswer(ClaimInsert);

        var claimed = await claim.TryClaimAsync();

        Assert.False(claimed);
        Assert.Equal(1, Faults.LostAnswers);
    }

    private static async Task<List<JsonNode>> EventsAsync(HttpClient admin, string type) =>
        [.. (await admin.GetJsonAsync($"/api/events?type={type}&subject=user/admin"))["items"]!.AsArray().Select(e => e!)];
}
