using System.Net;
using System.Net.Http.Json;
using DurableObjects.Monitors.IntegrationTests.Infrastructure;
using DurableObjects.Testing;

namespace DurableObjects.Monitors.IntegrationTests.Api;

/// <summary>Bad definitions get a 400 problem naming the field and what is wrong, and nothing is stored.</summary>
public sealed class MonitorValidationTests
{
    private static readonly (string Body, string Field, string Message)[] BadDefinitions =
    [
        ("""{"eventType":"user.registered","channel":"fax"}""", "channel", "Unknown channel 'fax'"),
        ("""{"eventType":"user..registered","channel":"email","target":"a@example.com"}""", "eventType", "not an event-type pattern"),
        ("""{"eventType":"user.signed_up","channel":"email","target":"a@example.com"}""", "eventType", "No event type matches"),
        ("""{"channel":"email","target":"a@example.com"}""", "eventType", "required"),
        ("""{"eventType":"run.failed","channel":"email","target":"a@example.com","schedule":"61 9 * * *"}""", "schedule", "not a cron expression"),
        ("""{"eventType":"run.failed","channel":"sms"}""", "target", "verify one with PUT /api/me/phone"),
        ("""{"eventType":"run.failed","channel":"voice","target":"+15559990000"}""", "target", "verify one"),
        ("""{"eventType":"run.failed","channel":"email"}""", "target", "email address is needed"),
        ("""{"eventType":"run.failed","channel":"email","target":"not-an-address"}""", "target", "not an email address"),
        ("""{"eventType":"run.failed","channel":"email","target":"a@example.com","quietHours":"late"}""", "quietHours", "HH:mm-HH:mm"),
        ("""{"eventType":"run.failed","channel":"email","target":"a@example.com","timeZone":"Mars/Olympus"}""", "timeZone", "Unknown time zone"),
        ("""{"eventType":"run.failed","channel":"email","target":"a@example.com","rateLimitPerHour":0}""", "rateLimitPerHour", "Between 1 and 3600"),
    ];

    [Fact]
    public async Task Create_BadDefinitions_400WithFieldAndNothingStored()
    {
        await using var provider = await ProviderStandIn.StartAsync();
        await using var host = await MonitorsHost.StartAsync(provider, timer: false);
        var ada = await host.UserAsync("ada");

        foreach (var (body, field, message) in BadDefinitions)
        {
            var response = await ada.PostAsync("/api/monitors", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

            var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
            var errors = problem["errors"]?[field]?.AsArray().Select(e => e!.GetValue<string>()).ToList() ?? [];
            Assert.True(errors.Any(e => e.Contains(message, StringComparison.Ordinal)), $"{body}: expected {field} to say '{message}'; got {problem.ToJsonString()}");
        }
        var list = await ada.GetJsonAsync("/api/monitors");
        Assert.Empty(list["items"]!.AsArray());
        var created = await host.Admin().GetJsonAsync("/api/events?type=monitor.created");
        Assert.Empty(created["items"]!.AsArray());
    }

    [Fact]
    public async Task Create_SmsToAnotherNumberThanTheVerifiedPhone_400()
    {
        await using var provider = await ProviderStandIn.StartAsync();
        await using var host = await MonitorsHost.StartAsync(provider, timer: false);
        var ada = await host.UserAsync("ada");
        await host.VerifyPhoneAsync(ada, "+15551230005");

        var response = await ada.PostAsJsonAsync("/api/monitors", new { eventType = "run.failed", channel = "sms", target = "+15559990000" });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("only go to your own verified phone", problem["errors"]!["target"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("+15551230005", problem.ToJsonString(), StringComparison.Ordinal);
        var ok = await ada.PostAsJsonAsync("/api/monitors", new { eventType = "run.failed", channel = "sms", target = "(555) 123-0005" });
        await ok.ExpectAsync(HttpStatusCode.Created);
    }
}
