using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DurableObjects.Testing;

namespace DurableObjects.Functions.IntegrationTests.Http;

public sealed class VersionsApiTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync();
        _admin = _host.Admin();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AddVersion_NewFiles_NumbersItAfterTheLatestWithParentAndHash()
    {
        await _admin.CreateObjectAsync("Calculator");

        var added = await _admin.AddVersionAsync("Calculator", Api.CalculatorV1 + "\n// v2\n", "Second");

        Assert.Equal(2, added["number"]!.GetValue<int>());
        Assert.Equal(1, added["parentVersion"]!.GetValue<int>());
        Assert.Equal("Second", added["summary"]!.GetValue<string>());
        Assert.Equal(64, added["contentHash"]!.GetValue<string>().Length);
    }

    [Fact]
    public async Task AddVersion_BaseVersionNoLongerCurrent_409NamingBothVersionsAndStoresNothing()
    {
        await _admin.CreateObjectAsync("Calculator");
        await _admin.AddVersionAsync("Calculator", Api.CalculatorV1 + "\n// v2\n");
        var before = await StorageSnapshot.TakeAsync(_host);

        var response = await _admin.PostAsJsonAsync("/api/objects/Calculator/versions",
            new { files = Api.Files(Api.CalculatorV1 + "\n// made from v1\n"), summary = "stale", baseVersion = 1 });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Version 2 was added while this change was made from version 1; nothing was committed. Start again from version 2.",
            problem["detail"]!.GetValue<string>());
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_host));
    }

    [Fact]
    public async Task AddVersion_BaseVersionIsCurrent_AddsItOnTop()
    {
        await _admin.CreateObjectAsync("Calculator");
        await _admin.AddVersionAsync("Calculator", Api.CalculatorV1 + "\n// v2\n");

        var response = await _admin.PostAsJsonAsync("/api/objects/Calculator/versions",
            new { files = Api.Files(Api.CalculatorV1 + "\n// made from v2\n"), summary = "current", baseVersion = 2 });

        await response.ExpectAsync(HttpStatusCode.Created);
        var added = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(3, added["number"]!.GetValue<int>());
        Assert.Equal(2, added["parentVersion"]!.GetValue<int>());
    }

    [Fact]
    public async Task AddVersion_NoBaseVersion_AddsItOnTopWhateverCameBefore()
    {
        await _admin.CreateObjectAsync("Calculator");
        await _admin.AddVersionAsync("Calculator", Api.CalculatorV1 + "\n// v2\n");

        var response = await _admin.PostAsJsonAsync("/api/objects/Calculator/versions", new { files = Api.Files(Api.CalculatorV1 + "\n// v3\n"), summary = "no base" });

        await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(3, (await response.Content.ReadFromJsonAsync<JsonObject>())!["number"]!.GetValue<int>());
    }

    [Fact]
    public async Task AddVersion_BaseVersionBelowOne_400()
    {
        await _admin.CreateObjectAsync("Calculator");

        var response = await _admin.PostAsJsonAsync("/api/objects/Calculator/versions", new { files = Api.Files(Api.CalculatorV1 + "\n// v2\n"), baseVersion = 0 });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["baseVersion"]);
        Assert.Equal(1, (await _admin.GetJsonAsync("/api/objects/Calculator"))["latestVersion"]!.GetValue<int>());
    }

    [Fact]
    public async Task OpenApi_AddVersionRequest_DescribesBaseVersion()
    {
        var document = JsonNode.Parse(await _host.Anonymous().GetStringAsync("/openapi/v1.json"))!;

        var baseVersion = document["components"]!["schemas"]!["AddVersionRequest"]!["properties"]!["baseVersion"]!;

        Assert.Contains("409", baseVersion["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetVersion_WithVPrefix_ReturnsItsFiles()
    {
        await _admin.CreateObjectAsync("Calculator");

        var version = await _admin.GetJsonAsync("/api/objects/Calculator/versions/v1");

        Assert.Equal(Api.CalculatorV1, version["files"]!["Calculator.cs"]!.GetValue<string>());
        Assert.Equal("admin", version["author"]!.GetValue<string>());
    }

    [Fact]
    public async Task Diff_BetweenTwoVersions_IsAUnifiedDiff()
    {
        await _admin.CreateObjectAsync("Calculator");
        await _admin.AddVersionAsync("Calculator", Api.CalculatorV1.Replace("a + b", "checked(a + b)"));

        var response = await _admin.GetAsync("/api/objects/Calculator/diff?from=1&to=2");

        await response.ExpectAsync(HttpStatusCode.OK);
        var diff = await response.Content.ReadAsStringAsync();
        Assert.Contains("--- v1/Calculator.cs", diff);
        Assert.Contains("+++ v2/Calculator.cs", diff);
        Assert.Contains("-    public int Add(int a, int b) => a + b;", diff);
        Assert.Contains("+    public int Add(int a, int b) => checked(a + b);", diff);
    }

    [Fact]
    public async Task Versions_AreImmutable_OldVersionUnchangedAfterNewOnes()
    {
        await _admin.CreateObjectAsync("Calculator");
        var before = await _admin.GetJsonAsync("/api/objects/Calculator/versions/1");

        await _admin.AddVersionAsync("Calculator", "namespace Samples; public class Calculator { }");
        var after = await _admin.GetJsonAsync("/api/objects/Calculator/versions/1");

        Assert.Equal(before.ToJsonString(), after.ToJsonString());
    }

    [Fact]
    public async Task AddVersion_TwentyInParallel_YieldsTwentyDistinctConsecutiveVersions()
    {
        await _admin.CreateObjectAsync("Calculator");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            _admin.PostAsJsonAsync("/api/objects/Calculator/versions", new { files = Api.Files(Api.CalculatorV1 + $"\n// change {i}\n"), summary = $"change {i}" })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var numbers = new List<int>();
        foreach (var response in responses)
        {
            numbers.Add((await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["number"]!.GetValue<int>());
        }
        Assert.Equal(Enumerable.Range(2, 20), numbers.Order());
        var listed = await _admin.GetJsonAsync("/api/objects/Calculator/versions?pageSize=100");
        Assert.Equal(21, listed["items"]!.AsArray().Count);
        var summaries = listed["items"]!.AsArray().Select(v => v!["summary"]!.GetValue<string>()).Where(s => s.StartsWith("change", StringComparison.Ordinal)).ToHashSet();
        Assert.Equal(20, summaries.Count);
        var found = await _admin.GetJsonAsync("/api/objects/Calculator");
        Assert.Equal(21, found["latestVersion"]!.GetValue<int>());
    }
}
