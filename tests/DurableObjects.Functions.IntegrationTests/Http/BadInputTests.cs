using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DurableObjects.Testing;

namespace DurableObjects.Functions.IntegrationTests.Http;

/// <summary>Every kind of bad input gets a clear 4xx problem answer and leaves storage exactly as it was.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["DurableObjects:Limits:MaxFiles"] = "3",
            ["DurableObjects:Limits:MaxFileBytes"] = "2000",
            ["DurableObjects:Limits:MaxRequestBytes"] = "20000",
        });
        _admin = _host.Admin();
        await _admin.CreateObjectAsync("Calculator");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, object> InvalidCreations => new()
    {
        { "empty name", new { name = "", files = Api.Files() } },
        { "missing name", new { files = Api.Files() } },
        { "name with space", new { name = "my calc", files = Api.Files() } },
        { "name with slash", new { name = "a/b", files = Api.Files() } },
        { "name starting with digit", new { name = "1calc", files = Api.Files() } },
        { "name too long", new { name = new string('a', 65), files = Api.Files() } },
        { "no files", new { name = "NoFiles", files = new Dictionary<string, string>() } },
        { "path traversal", new { name = "Traversal", files = new Dictionary<string, string> { ["../evil.cs"] = "class A {}" } } },
        { "absolute path", new { name = "Absolute", files = new Dictionary<string, string> { ["/etc/evil.cs"] = "class A {}" } } },
        { "not a .cs file", new { name = "NotCs", files = new Dictionary<string, string> { ["run.sh"] = "rm -rf /" } } },
        { "too many files", new { name = "Many", files = Enumerable.Range(0, 4).ToDictionary(i => $"F{i}.cs", i => "class A {}") } },
        { "file too large", new { name = "Large", files = new Dictionary<string, string> { ["Big.cs"] = new string('x', 2001) } } },
        { "description too long", new { name = "Wordy", description = new string('d', 4001), files = Api.Files() } },
    };

    [Theory]
    [MemberData(nameof(InvalidCreations))]
    public async Task Create_InvalidInput_Returns400AndChangesNothing(string _, object body)
    {
        var before = await StorageSnapshot.TakeAsync(_host);

        var response = await _admin.PostAsJsonAsync("/api/objects", body);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()));
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_host));
    }

    [Theory]
    [InlineData("{ \"name\": \"Broken\", ")]
    [InlineData("not json at all")]
    [InlineData("{ \"name\": 42, \"files\": { } }")]
    [InlineData("{ \"name\": \"X\", \"files\": [\"a.cs\"] }")]
    public async Task Create_MalformedJson_Returns400AndChangesNothing(string json)
    {
        var before = await StorageSnapshot.TakeAsync(_host);

        var response = await _admin.PostAsync("/api/objects", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_host));
    }

    [Fact]
    public async Task AddVersion_RequestOverTheSizeLimit_Returns413AndChangesNothing()
    {
        var before = await StorageSnapshot.TakeAsync(_host);
        var body = new { files = Enumerable.Range(0, 3).ToDictionary(i => $"F{i}.cs", _ => new string('x', 9000)) };

        var response = await _admin.PostAsJsonAsync("/api/objects/Calculator/versions", body);

        await response.ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_host));
    }

    [Fact]
    public async Task AddVersion_NoFiles_Returns400AndChangesNothing()
    {
        var before = await StorageSnapshot.TakeAsync(_host);

        var response = await _admin.PostAsJsonAsync("/api/objects/Calculator/versions", new { files = new Dictionary<string, string>() });

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_host));
    }

    [Theory]
    [InlineData("/api/objects/Calculator/versions/7", HttpStatusCode.NotFound)]
    [InlineData("/api/objects/Calculator/versions/0", HttpStatusCode.BadRequest)]
    [InlineData("/api/objects/Calculator/versions/banana", HttpStatusCode.BadRequest)]
    [InlineData("/api/objects/Nothing", HttpStatusCode.NotFound)]
    [InlineData("/api/objects/Nothing/versions", HttpStatusCode.NotFound)]
    [InlineData("/api/objects/Calculator/diff?from=1&to=9", HttpStatusCode.NotFound)]
    [InlineData("/api/objects/Calculator/diff?from=1", HttpStatusCode.BadRequest)]
    [InlineData("/api/objects?status=sleeping", HttpStatusCode.BadRequest)]
    [InlineData("/api/objects?pageSize=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/objects?pageSize=abc", HttpStatusCode.BadRequest)]
    [InlineData("/api/objects?continuationToken=garbage", HttpStatusCode.BadRequest)]
    [InlineData("/api/objects?continuationToken=Z2FyYmFnZQ.00000000", HttpStatusCode.BadRequest)]
    [InlineData("/api/objects/Calculator/versions?continuationToken=1!8!abc", HttpStatusCode.BadRequest)]
    [InlineData("/api/events?continuationToken=..", HttpStatusCode.BadRequest)]
    [InlineData("/api/outbox?continuationToken=12", HttpStatusCode.BadRequest)]
    [InlineData("/api/runs?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/runs?limit=-1", HttpStatusCode.BadRequest)]
    [InlineData("/api/runs?limit=201", HttpStatusCode.BadRequest)]
    public async Task Get_UnknownOrInvalid_ReturnsProblem(string url, HttpStatusCode expected)
    {
        var response = await _admin.GetAsync(url);

        await response.ExpectProblemAsync(expected);
    }

    [Theory]
    [InlineData(5, HttpStatusCode.NotFound)]
    [InlineData(0, HttpStatusCode.NotFound)]
    [InlineData(-1, HttpStatusCode.NotFound)]
    [InlineData(1, HttpStatusCode.Conflict)]
    public async Task Rollback_ToMissingOrCurrentVersion_ReturnsProblemAndChangesNothing(int version, HttpStatusCode expected)
    {
        var before = await StorageSnapshot.TakeAsync(_host);

        var response = await _admin.PostAsJsonAsync("/api/objects/Calculator/rollback", new { version });

        await response.ExpectProblemAsync(expected);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_host));
    }

    [Fact]
    public async Task Rollback_WithoutVersion_Returns400()
    {
        var response = await _admin.PostAsJsonAsync("/api/objects/Calculator/rollback", new { });

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("namespace Samples; public class Calculator { public int Add(int a, int b) => a + ; }", "CS1525")]
    [InlineData("namespace Samples; public class Calculator { public string Read() => System.IO.File.ReadAllText(\"/etc/passwd\"); }", "DO1001")]
    [InlineData("namespace Samples; public static class Helpers { }", "DO2001")]
    public async Task AddVersion_CodeThatCannotServe_Returns422WithDiagnosticsAndChangesNothing(string code, string diagnosticId)
    {
        var before = await StorageSnapshot.TakeAsync(_host);

        var response = await _admin.PostAsJsonAsync("/api/objects/Calculator/versions", new { files = Api.Files(code) });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains(diagnosticId, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEmpty(problem["errors"]!["diagnostics"]!.AsArray());
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_host));
    }

    [Fact]
    public async Task AddVersion_ToUnknownObject_Returns404AndChangesNothing()
    {
        var before = await StorageSnapshot.TakeAsync(_host);

        var response = await _admin.PostAsJsonAsync("/api/objects/Ghost/versions", new { files = Api.Files() });

        await response.ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_host));
    }

    [Fact]
    public async Task CreateUser_BadNameOrDuplicate_Returns4xx()
    {
        var bad = await _admin.PostAsJsonAsync("/api/users", new { name = "no spaces allowed", role = "member" });
        var badRole = await _admin.PostAsync("/api/users", new StringContent("{\"name\":\"x\",\"role\":\"god\"}", Encoding.UTF8, "application/json"));
        var duplicate = await _admin.PostAsJsonAsync("/api/users", new { name = "admin", role = "member" });

        await bad.ExpectProblemAsync(HttpStatusCode.BadRequest);
        await badRole.ExpectProblemAsync(HttpStatusCode.BadRequest);
        await duplicate.ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task CreateToken_NameTooLong_Returns400NamingItAndChangesNothing()
    {
        var before = await StorageSnapshot.TakeAsync(_host);

        var response = await _admin.PostAsJsonAsync("/api/tokens", new { name = new string('t', 10_000) });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]?["name"]);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_host));
    }

    public static TheoryData<string, string, string> BadRunNotifications => new()
    {
        { "no channel", """{ "channel": null, "target": "ada@example.com" }""", "notify.channel" },
        { "unknown channel", """{ "channel": "pigeon", "target": "ada@example.com" }""", "notify.channel" },
        { "no target", """{ "channel": "email", "target": null }""", "notify.target" },
        { "not an address", """{ "channel": "email", "target": "not an address" }""", "notify.target" },
        { "overlong Slack target", $$"""{ "channel": "slack", "target": "{{new string('c', 5000)}}" }""", "notify.target" },
    };

    [Theory]
    [MemberData(nameof(BadRunNotifications))]
    public async Task Modify_BadNotification_Returns400NamingTheFieldAndStartsNothing(string _, string notify, string field)
    {
        var before = await StorageSnapshot.TakeAsync(_host);
        var files = JsonSerializer.Serialize(Api.Files(Api.CalculatorV1.Replace("Adds", "Sums", StringComparison.Ordinal)));

        var response = await _admin.PostAsync("/api/objects/Calculator/modifications",
            new StringContent($$"""{ "files": {{files}}, "summary": "s", "notify": {{notify}} }""", Encoding.UTF8, "application/json"));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]?[field]);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_host));
    }

    [Theory]
    [InlineData("""{ "name": null, "requirements": "Adds numbers." }""", "name")]
    [InlineData("""{ "name": "Fresh", "requirements": " " }""", "requirements")]
    [InlineData("""{ "name": "Fresh", "requirements": "Adds numbers.", "notify": { "channel": "pigeon", "target": "x" } }""", "notify.channel")]
    public async Task CreateFromScratch_InvalidWithoutAModel_Returns400NotTheMissingModel(string body, string field)
    {
        var response = await _admin.PostAsync("/api/objects/from-scratch", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]?[field]);
    }

    [Fact]
    public async Task SetContact_SlackTargetWithSpaces_Returns400AndChangesNothing()
    {
        var before = await StorageSnapshot.TakeAsync(_host);

        var response = await _admin.PutAsJsonAsync("/api/me/contact", new { slack = "not a slack id" });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]?["slack"]);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_host));
    }

    [Theory]
    [InlineData("/api/objects/Calculator/promote", """{ "from": "mars" }""", "from")]
    [InlineData("/api/objects/Calculator/deploy", """{ "environment": "mars" }""", "environment")]
    public async Task DeployOrPromote_UnknownEnvironment_Returns400NamingTheField(string url, string body, string field)
    {
        var before = await StorageSnapshot.TakeAsync(_host);

        var response = await _admin.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]?[field]);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_host));
    }

    [Theory]
    [InlineData("mars")]
    [InlineData("Production")]
    [InlineData("")]
    public async Task Invoke_UnknownEnvironment_Returns400NamingItAndListingTheEnvironments(string environment)
    {
        var before = await StorageSnapshot.TakeAsync(_host);

        var response = await _admin.PostAsync(
            $"/api/objects/Calculator/invoke/Add?environment={Uri.EscapeDataString(environment)}", new StringContent("""{ "a": 1, "b": 2 }""", Encoding.UTF8, "application/json"));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("development, staging, production", problem["errors"]!["environment"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_host));
    }

    [Theory]
    [InlineData("Calculator", null, HttpStatusCode.Unauthorized)]
    [InlineData("Calculator", "Bearer do_not-a-real-token-at-all", HttpStatusCode.Unauthorized)]
    [InlineData("Ghost", null, HttpStatusCode.NotFound)]
    public async Task Invoke_UnknownEnvironmentWithoutAccess_AnswersAsForAKnownOne(string name, string? authorization, HttpStatusCode expected)
    {
        var client = _host.Anonymous();
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.Authorization = System.Net.Http.Headers.AuthenticationHeaderValue.Parse(authorization);
        }
        var before = await StorageSnapshot.TakeAsync(_host);

        var known = await client.PostAsync($"/api/objects/{name}/invoke/Add?environment=production", new StringContent("""{ "a": 1 }""", Encoding.UTF8, "application/json"));
        var unknown = await client.PostAsync($"/api/objects/{name}/invoke/Add?environment=mars", new StringContent("""{ "a": 1 }""", Encoding.UTF8, "application/json"));

        var knownProblem = await known.ExpectProblemAsync(expected);
        var unknownProblem = await unknown.ExpectProblemAsync(expected);
        Assert.Equal(knownProblem["title"]!.GetValue<string>(), unknownProblem["title"]!.GetValue<string>());
        Assert.Equal(knownProblem["detail"]!.GetValue<string>(), unknownProblem["detail"]!.GetValue<string>());
        Assert.Null(unknownProblem["errors"]);
        Assert.DoesNotContain("staging", unknownProblem.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_host));
    }

    [Fact]
    public async Task Invoke_UnknownEnvironmentOfAPublicObjectWithoutToken_Returns400NamingIt()
    {
        await (await _admin.PatchAsJsonAsync("/api/objects/Calculator", new { publicInvoke = true })).ExpectAsync(HttpStatusCode.OK);
        var before = await StorageSnapshot.TakeAsync(_host);

        var response = await _host.Anonymous().PostAsync(
            "/api/objects/Calculator/invoke/Add?environment=mars", new StringContent("""{ "a": 1, "b": 2 }""", Encoding.UTF8, "application/json"));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("development, staging, production", problem["errors"]!["environment"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_host));
    }
}
