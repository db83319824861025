using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DurableObjects.Testing;

namespace DurableObjects.Functions.IntegrationTests.Http;

public sealed class ObjectsApiTests : IAsyncLifetime
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
    public async Task Create_ValidObject_Returns201WithVersion1InDraft()
    {
        var created = await _admin.CreateObjectAsync("Calculator");

        Assert.Equal("Calculator", created["name"]!.GetValue<string>());
        Assert.Equal("draft", created["status"]!.GetValue<string>());
        Assert.Equal(1, created["currentVersion"]!.GetValue<int>());
        Assert.Equal("admin", created["owner"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_SameNameDifferentCase_Returns409()
    {
        await _admin.CreateObjectAsync("Calculator");

        var response = await _admin.PostAsJsonAsync("/api/objects", new { name = "CALCULATOR", files = Api.Files() });

        await response.ExpectProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Get_AnyCasing_FindsTheObject()
    {
        await _admin.CreateObjectAsync("Calculator");

        var found = await _admin.GetJsonAsync("/api/objects/calculator");

        Assert.Equal("Calculator", found["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_FilteredByStatus_ReturnsOnlyThatStatusAndPages()
    {
        await _admin.CreateObjectAsync("One");
        await _admin.CreateObjectAsync("Two");
        await _admin.CreateObjectAsync("Three");
        (await _admin.PostAsync("/api/objects/Two/deprecate", null)).EnsureSuccessStatusCode();

        var drafts = await _admin.GetJsonAsync("/api/objects?status=draft");
        var deprecated = await _admin.GetJsonAsync("/api/objects?status=deprecated");
        var firstPage = await _admin.GetJsonAsync("/api/objects?pageSize=2");
        var token = firstPage["continuationToken"]!.GetValue<string>();
        var secondPage = await _admin.GetJsonAsync($"/api/objects?pageSize=2&continuationToken={Uri.EscapeDataString(token)}");

        Assert.Equal(["One", "Three"], Names(drafts));
        Assert.Equal(["Two"], Names(deprecated));
        Assert.Equal(2, firstPage["items"]!.AsArray().Count);
        Assert.Single(secondPage["items"]!.AsArray());
    }

    [Fact]
    public async Task List_AnEditedContinuationToken_Is400_NotSomeOtherPage()
    {
        await _admin.CreateObjectAsync("One");
        await _admin.CreateObjectAsync("Two");
        await _admin.CreateObjectAsync("Three");
        var token = (await _admin.GetJsonAsync("/api/objects?pageSize=2"))["continuationToken"]!.GetValue<string>();
        var edited = (token[0] == 'A' ? 'B' : 'A') + token[1..];

        var response = await _admin.GetAsync($"/api/objects?pageSize=2&continuationToken={Uri.EscapeDataString(edited)}");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("continuationToken", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateDescription_ChangesOnlyTheDescription()
    {
        await _admin.CreateObjectAsync("Calculator");

        var response = await _admin.PatchAsJsonAsync("/api/objects/Calculator", new { description = "Adds and subtracts" });

        await response.ExpectAsync(HttpStatusCode.OK);
        var found = await _admin.GetJsonAsync("/api/objects/Calculator");
        Assert.Equal("Adds and subtracts", found["description"]!.GetValue<string>());
        Assert.Equal(1, found["currentVersion"]!.GetValue<int>());
    }

    [Fact]
    public async Task Rollback_ToEarlierVersion_MakesItCurrentAndKeepsLaterVersions()
    {
        await _admin.CreateObjectAsync("Calculator");
        await _admin.AddVersionAsync("Calculator", Api.CalculatorV1.Replace("a + b", "b + a"));
        await _admin.AddVersionAsync("Calculator", Api.CalculatorV1.Replace("a + b", "checked(a + b)"));

        var response = await _admin.PostAsJsonAsync("/api/objects/Calculator/rollback", new { version = 1 });

        await response.ExpectAsync(HttpStatusCode.OK);
        var found = await _admin.GetJsonAsync("/api/objects/Calculator");
        Assert.Equal(1, found["currentVersion"]!.GetValue<int>());
        Assert.Equal(3, found["latestVersion"]!.GetValue<int>());
        var versions = await _admin.GetJsonAsync("/api/objects/Calculator/versions");
        Assert.Equal([3, 2, 1], versions["items"]!.AsArray().Select(v => v!["number"]!.GetValue<int>()));
        var events = await _admin.GetJsonAsync("/api/events?type=object.rolled_back&subject=object/calculator");
        Assert.Equal("1", events["items"]![0]!["data"]!["to"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deprecate_ThenAddVersion_Returns409AndStatusIsDeprecated()
    {
        await _admin.CreateObjectAsync("Calculator");
        (await _admin.PostAsync("/api/objects/Calculator/deprecate", null)).EnsureSuccessStatusCode();

        var response = await _admin.PostAsJsonAsync("/api/objects/Calculator/versions", new { files = Api.Files() });

        await response.ExpectProblemAsync(HttpStatusCode.Conflict);
        var found = await _admin.GetJsonAsync("/api/objects/Calculator");
        Assert.Equal("deprecated", found["status"]!.GetValue<string>());
    }

    private static List<string> Names(JsonObject page) =>
        page["items"]!.AsArray().Select(o => o!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
}
