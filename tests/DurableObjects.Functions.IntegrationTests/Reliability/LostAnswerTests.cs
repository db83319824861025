using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DurableObjects.Shared.Storage;
using DurableObjects.Testing;

namespace DurableObjects.Functions.IntegrationTests.Reliability;

/// <summary>
/// Safety tests for writes whose outcome the host cannot know: storage applied them, but their answer never came back.
/// The storage client sends such a request again (and meets its own row: 409), or the request answers 503 and its
/// client retries it with the same Idempotency-Key. Either way the thing is created once. Found by the load benchmark
/// with storage frozen for 10 s (docs/benchmarks.md, "Sustained load and a storage outage"): a version written twice.
/// Faults are injected into the host's own storage clients (<see cref="StorageFaults"/>), with one storage retry.
/// </summary>
public sealed class LostAnswerTests : IAsyncLifetime
{
    private readonly StorageFaults _faults = new();
    private TestHost _host = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _host = await _faults.StartHostAsync();
        _admin = _host.Admin();
    }

    public async Task DisposeAsync()
    {
        _faults.Heal();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task CreateObject_InsertAppliedButItsAnswerLost_CreatesItWithItsFirstVersion()
    {
        _faults.LoseNextAnswer(StorageFaults.WriteTo(TableNames.Objects));

        var created = await _admin.PostAsJsonAsync("/api/objects", new { name = "Calculator", description = "A calculator", files = Api.Files() });
        var calculator = await _admin.GetJsonAsync("/api/objects/Calculator");

        await created.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(1, _faults.LostAnswers);
        Assert.Equal(1, calculator["currentVersion"]!.GetValue<int>());
    }

    [Fact]
    public async Task CreateObject_RowStoredThen503_RetryWithSameKeyFinishesItAndAnswersCreated()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { name = "Calculator", description = "A calculator", files = Api.Files() };
        // The object's row is stored but its answer is lost; then its first version cannot be stored: 503.
        _faults.LoseNextAnswer(StorageFaults.WriteTo(TableNames.Objects), then: () => _faults.Refuse(StorageFaults.WriteTo(TableNames.Versions)));

        var first = await PostAsync("/api/objects", body, key);
        _faults.Heal();
        var retry = await PostAsync("/api/objects", body, key);
        var versions = await VersionsAsync("Calculator");

        await first.ExpectAsync(HttpStatusCode.ServiceUnavailable);
        await retry.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(1, (await retry.Content.ReadFromJsonAsync<JsonObject>())!["currentVersion"]!.GetValue<int>());
        Assert.Equal([1], versions.Select(v => v["number"]!.GetValue<int>()));
    }

    [Fact]
    public async Task AddVersion_InsertAppliedButItsAnswerLost_StoresOneVersion()
    {
        await _admin.CreateObjectAsync("Calculator");
        _faults.LoseNextAnswer(StorageFaults.WriteTo(TableNames.Versions));

        var added = await _admin.PostAsJsonAsync("/api/objects/Calculator/versions", new { files = Api.Files(Changed(1)), summary = "lost answer" });
        var versions = await VersionsAsync("Calculator");

        await added.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(1, _faults.LostAnswers);
        Assert.Equal([2, 1], versions.Select(v => v["number"]!.GetValue<int>()));
        Assert.Equal(2, (await added.Content.ReadFromJsonAsync<JsonObject>())!["number"]!.GetValue<int>());
    }

    [Fact]
    public async Task AddVersion_StoredThen503_RetryWithSameKeyAdoptsItAndStoresOneVersion()
    {
        await _admin.CreateObjectAsync("Calculator");
        var key = Guid.NewGuid().ToString();
        // The version row is stored but its answer is lost; then the object row cannot be written, so the request
        // answers 503 with its version stored and not pointed at.
        _faults.LoseNextAnswer(StorageFaults.WriteTo(TableNames.Versions), then: () => _faults.Refuse(StorageFaults.WriteTo(TableNames.Objects)));

        var first = await PostAsync("/api/objects/Calculator/versions", new { files = Api.Files(Changed(1)), summary = "once" }, key);
        _faults.Heal();
        var retry = await PostAsync("/api/objects/Calculator/versions", new { files = Api.Files(Changed(1)), summary = "once" }, key);
        var versions = await VersionsAsync("Calculator");
        var calculator = await _admin.GetJsonAsync("/api/objects/Calculator");

        await first.ExpectAsync(HttpStatusCode.ServiceUnavailable);
        await retry.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(2, (await retry.Content.ReadFromJsonAsync<JsonObject>())!["number"]!.GetValue<int>());
        Assert.Equal([2, 1], versions.Select(v => v["number"]!.GetValue<int>()));
        Assert.Equal(2, calculator["currentVersion"]!.GetValue<int>());
    }

    [Fact]
    public async Task StartRun_RecordedThen503_RetryWithSameKeyAnswersTheSameRunAndStartsNoOther()
    {
        await _admin.CreateObjectAsync("Calculator");
        var key = Guid.NewGuid().ToString();
        var body = new { files = Api.Files(Changed(1)), summary = "manual", requireApproval = false, deploy = false };
        // The run's row is recorded but its answer is lost; then its audit event cannot be written: 503.
        _faults.LoseNextAnswer(StorageFaults.WriteTo("Runs"), then: () => _faults.Refuse(StorageFaults.WriteTo(TableNames.Events)));

        var first = await PostAsync("/api/objects/Calculator/modifications", body, key);
        _faults.Heal();
        var retry = await PostAsync("/api/objects/Calculator/modifications", body, key);
        var runs = (await _admin.GetJsonAsync("/api/runs?object=Calculator"))["items"]!.AsArray();

        await first.ExpectAsync(HttpStatusCode.ServiceUnavailable);
        await retry.ExpectAsync(HttpStatusCode.Accepted);
        var runId = (await retry.Content.ReadFromJsonAsync<JsonObject>())!["runId"]!.GetValue<string>();
        Assert.Equal([runId], runs.Select(r => r!["runId"]!.GetValue<string>()));
        // The first attempt scheduled the run but could not record its event: the retry did, once.
        Assert.Equal([runId], (await EventsAsync("run.started", "object/calculator")).Select(e => e["data"]!["run"]!.GetValue<string>()));
        await WaitForEndAsync(runId);
    }

    [Fact]
    public async Task CreateMonitor_StoredThen503_RetryWithSameKeyAnswersTheSameMonitorAndCreatesNoOther()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { name = "objects", eventType = "object.created", channel = "slack", target = "#objects" };
        _faults.LoseNextAnswer(StorageFaults.WriteTo("Monitors"), then: () => _faults.Refuse(StorageFaults.WriteTo(TableNames.Events)));

        var first = await PostAsync("/api/monitors", body, key);
        _faults.Heal();
        var retry = await PostAsync("/api/monitors", body, key);
        var monitors = (await _admin.GetJsonAsync("/api/monitors"))["items"]!.AsArray();

        await first.ExpectAsync(HttpStatusCode.ServiceUnavailable);
        await retry.ExpectAsync(HttpStatusCode.Created);
        var id = (await retry.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        Assert.Equal([id], monitors.Select(m => m!["id"]!.GetValue<string>()));
        Assert.Single(await EventsAsync("monitor.created", $"monitor/{id}"));
    }

    [Fact]
    public async Task AddVersion_WrittenThenItsEventRefused_RetryWithSameKeyRecordsItsEventOnce()
    {
        await _admin.CreateObjectAsync("Calculator");
        var key = Guid.NewGuid().ToString();
        var body = new { files = Api.Files(Changed(1)), summary = "event" };
        // The version is stored and current; then its version.added event cannot be written: 503.
        _faults.Refuse(StorageFaults.WriteTo(TableNames.Events));

        var first = await PostAsync("/api/objects/Calculator/versions", body, key);
        _faults.Heal();
        var retry = await PostAsync("/api/objects/Calculator/versions", body, key);

        await first.ExpectAsync(HttpStatusCode.ServiceUnavailable);
        await retry.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(2, (await retry.Content.ReadFromJsonAsync<JsonObject>())!["number"]!.GetValue<int>());
        Assert.Equal([2, 1], (await VersionsAsync("Calculator")).Select(v => v["number"]!.GetValue<int>()));
        Assert.Equal(["2"], (await EventsAsync("version.added", "object/calculator")).Select(e => e["data"]!["version"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AddVersion_EventInsertAppliedButItsAnswerLost_AnswersCreatedWithOneEvent()
    {
        await _admin.CreateObjectAsync("Calculator");
        _faults.LoseNextAnswer(StorageFaults.WriteTo(TableNames.Events));

        var added = await _admin.PostAsJsonAsync("/api/objects/Calculator/versions", new { files = Api.Files(Changed(1)), summary = "lost event answer" });

        await added.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(1, _faults.LostAnswers);
        Assert.Equal(["2"], (await EventsAsync("version.added", "object/calculator")).Select(e => e["data"]!["version"]!.GetValue<string>()));
    }

    [Fact]
    public async Task CreateObject_WrittenThenItsEventRefused_RetryWithSameKeyRecordsItsEventOnce()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { name = "Calculator", description = "A calculator", files = Api.Files() };
        // The object and its first version are stored; then its object.created event cannot be written: 503.
        _faults.Refuse(StorageFaults.WriteTo(TableNames.Events));

        var first = await PostAsync("/api/objects", body, key);
        _faults.Heal();
        var retry = await PostAsync("/api/objects", body, key);

        await first.ExpectAsync(HttpStatusCode.ServiceUnavailable);
        await retry.ExpectAsync(HttpStatusCode.Created);
        Assert.Single(await EventsAsync("object.created", "object/calculator"));
    }

    [Fact]
    public async Task Deploy_EventInsertAppliedButItsAnswerLost_RetryWithSameKeyRecordsOneDeployEvent()
    {
        await _admin.CreateObjectAsync("Calculator");
        var key = Guid.NewGuid().ToString();
        var body = new { version = 1 };
        _faults.LoseNextAnswer(EventWrites.Of("deploy.succeeded"));

        var deployed = await PostAsync("/api/objects/Calculator/deploy", body, key);
        if (deployed.StatusCode != HttpStatusCode.OK)
        {
            // What a client does with an answer it cannot use: the same request, the same key.
            deployed = await PostAsync("/api/objects/Calculator/deploy", body, key);
        }

        await deployed.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, _faults.LostAnswers);
        Assert.Equal(["1"], (await EventsAsync("deploy.succeeded", "object/calculator")).Select(e => e["data"]!["version"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Rollback_RowWriteAppliedButItsAnswerLost_AnswersOkAndRecordsOneRolledBackEvent()
    {
        await _admin.CreateObjectAsync("Calculator");
        await _admin.AddVersionAsync("Calculator", Changed(1));
        // Storage applies the rollback's row write and its answer is lost: the storage client's resend carries the ETag
        // that write moved (412), and the row read again already shows version 1 current.
        _faults.LoseNextAnswer(StorageFaults.WriteTo(TableNames.Objects));

        var rolledBack = await _admin.PostAsJsonAsync("/api/objects/Calculator/rollback", new { version = 1 });
        var calculator = await _admin.GetJsonAsync("/api/objects/Calculator");

        await rolledBack.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, _faults.LostAnswers);
        Assert.Equal(1, (await rolledBack.Content.ReadFromJsonAsync<JsonObject>())!["currentVersion"]!.GetValue<int>());
        Assert.Equal(1, calculator["currentVersion"]!.GetValue<int>());
        var events = await EventsAsync("object.rolled_back", "object/calculator");
        Assert.Equal([("2", "1")], events.Select(e => (e["data"]!["from"]!.GetValue<string>(), e["data"]!["to"]!.GetValue<string>())));
    }

    [Fact]
    public async Task Rollback_DeployedAndItsRowWriteAnswerLost_AnswersOkSwitchedWithOneEventEach()
    {
        await _admin.CreateObjectAsync("Calculator");
        await _admin.AddVersionAsync("Calculator", Changed(1));
        await (await _admin.PostAsJsonAsync("/api/objects/Calculator/deploy", new { })).ExpectAsync(HttpStatusCode.OK);
        // The rollback's row write switches production to version 1 too; storage applies it and its answer is lost.
        _faults.LoseNextAnswer(StorageFaults.WriteTo(TableNames.Objects));

        var rolledBack = await _admin.PostAsJsonAsync("/api/objects/Calculator/rollback", new { version = 1 });
        var calculator = await _admin.GetJsonAsync("/api/objects/Calculator");

        await rolledBack.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, _faults.LostAnswers);
        Assert.Equal(1, calculator["currentVersion"]!.GetValue<int>());
        Assert.Equal(1, calculator["deployments"]!["production"]!["version"]!.GetValue<int>());
        Assert.Single(await EventsAsync("object.rolled_back", "object/calculator"));
        Assert.Equal(["1", "2"], (await EventsAsync("deploy.succeeded", "object/calculator")).Select(e => e["data"]!["version"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Rollback_WrittenThenItsEventRefused_RetryWithSameKeyAnswersOkAndRecordsItsEventOnce()
    {
        await _admin.CreateObjectAsync("Calculator");
        await _admin.AddVersionAsync("Calculator", Changed(1));
        var key = Guid.NewGuid().ToString();
        // The rollback's row write lands; then its object.rolled_back event cannot be written: 503.
        _faults.Refuse(StorageFaults.WriteTo(TableNames.Events));

        var first = await PostAsync("/api/objects/Calculator/rollback", new { version = 1 }, key);
        _faults.Heal();
        var retry = await PostAsync("/api/objects/Calculator/rollback", new { version = 1 }, key);
        var again = await PostAsync("/api/objects/Calculator/rollback", new { version = 1 }, key);

        await first.ExpectAsync(HttpStatusCode.ServiceUnavailable);
        await retry.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, (await retry.Content.ReadFromJsonAsync<JsonObject>())!["currentVersion"]!.GetValue<int>());
        await again.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["true"], again.Headers.GetValues("Idempotency-Replayed"));
        var events = await EventsAsync("object.rolled_back", "object/calculator");
        Assert.Equal([("2", "1")], events.Select(e => (e["data"]!["from"]!.GetValue<string>(), e["data"]!["to"]!.GetValue<string>())));
    }

    [Fact]
    public async Task Rollback_DeployedWrittenThenItsEventsRefused_RetryWithSameKeyRecordsTheDeployAndRollbackEventsOnce()
    {
        await _admin.CreateObjectAsync("Calculator");
        await _admin.AddVersionAsync("Calculator", Changed(1));
        await (await _admin.PostAsJsonAsync("/api/objects/Calculator/deploy", new { })).ExpectAsync(HttpStatusCode.OK);
        var key = Guid.NewGuid().ToString();
        // The rollback's row write switches production to version 1 and lands; then no event can be written: 503.
        _faults.Refuse(StorageFaults.WriteTo(TableNames.Events));

        var first = await PostAsync("/api/objects/Calculator/rollback", new { version = 1 }, key);
        _faults.Heal();
        var retry = await PostAsync("/api/objects/Calculator/rollback", new { version = 1 }, key);
        var calculator = await _admin.GetJsonAsync("/api/objects/Calculator");

        await first.ExpectAsync(HttpStatusCode.ServiceUnavailable);
        await retry.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, calculator["deployments"]!["production"]!["version"]!.GetValue<int>());
        Assert.Single(await EventsAsync("object.rolled_back", "object/calculator"));
        var deployed = await EventsAsync("deploy.succeeded", "object/calculator");
        Assert.Equal([("1", "production"), ("2", "production")],
            deployed.Select(e => (e["data"]!["version"]!.GetValue<string>(), e["data"]!["environment"]!.GetValue<string>())));
    }

    [Fact]
    public async Task Rollback_EventInsertAppliedButItsAnswerLost_AnswersOkWithOneEvent()
    {
        await _admin.CreateObjectAsync("Calculator");
        await _admin.AddVersionAsync("Calculator", Changed(1));
        _faults.LoseNextAnswer(EventWrites.Of("object.rolled_back"));

        var rolledBack = await _admin.PostAsJsonAsync("/api/objects/Calculator/rollback", new { version = 1 });

        await rolledBack.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, _faults.LostAnswers);
        Assert.Single(await EventsAsync("object.rolled_back", "object/calculator"));
    }

    private async Task<List<JsonNode>> EventsAsync(string type, string subject) =>
        [.. (await _admin.GetJsonAsync($"/api/events?type={type}&subject={subject}"))["items"]!.AsArray().Select(e => e!)];

    private async Task<List<JsonNode>> VersionsAsync(string name) =>
        [.. (await _admin.GetJsonAsync($"/api/objects/{name}/versions"))["items"]!.AsArray().Select(v => v!)];

    private async Task WaitForEndAsync(string runId)
    {
        for (var i = 0; i < 600; i++)
        {
            var status = (await _admin.GetJsonAsync($"/api/runs/{runId}"))["status"]!.GetValue<string>();
            if (status is not ("running" or "awaiting_approval"))
            {
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"Run {runId} did not end within a minute.");
    }

    private Task<HttpResponseMessage> PostAsync(string path, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return _admin.SendAsync(request);
    }

    private static string Changed(int n) => Api.CalculatorV1.Replace("a + b", $"a + b + {n} - {n}", StringComparison.Ordinal);
}
