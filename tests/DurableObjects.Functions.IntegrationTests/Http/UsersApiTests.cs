using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using DurableObjects.Shared.Storage;
using DurableObjects.Testing;

namespace DurableObjects.Functions.IntegrationTests.Http;

/// <summary>
/// <c>PATCH /api/users/{userId}</c> (admins): a role change and a disabled account take effect on this host at the very
/// next request of the user's token (which this host had read and cached just before); re-enabling restores the same
/// token; an admin cannot demote or disable themselves, so an enabled admin always remains; every refusal changes nothing.
/// </summary>
public sealed class UsersApiTests : IAsyncLifetime
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
    public async Task Patch_MemberPromotedToAdmin_CanListUsersAtOnceAndTheChangeIsAudited()
    {
        var mia = _host.As(await _admin.CreateUserAsync("mia", "member"));
        var before = await mia.GetAsync("/api/users");

        var promote = await PatchAsync(_admin, "mia", new { role = "admin" });
        var after = await mia.GetAsync("/api/users");
        var events = Items(await _admin.GetJsonAsync("/api/events?type=user.role_changed"));

        await before.ExpectProblemAsync(HttpStatusCode.Forbidden);
        await promote.ExpectAsync(HttpStatusCode.OK);
        var body = (await promote.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("admin", body["role"]!.GetValue<string>());
        Assert.False(body["disabled"]!.GetValue<bool>());
        await after.ExpectAsync(HttpStatusCode.OK);
        var changed = Assert.Single(events);
        Assert.Equal("user/mia", changed["subject"]!.GetValue<string>());
        Assert.Equal("admin", changed["actor"]!.GetValue<string>());
        Assert.Equal("member", changed["data"]!["from"]!.GetValue<string>());
        Assert.Equal("admin", changed["data"]!["to"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_AdminDemotedToViewer_403OnCreateObjectAtOnceOnThisHost()
    {
        var root = _host.As(await _admin.CreateUserAsync("root", "admin"));
        // Read (and so cached) by this host just before: the default cache bound (30 s) would keep the admin role.
        await root.CreateObjectAsync("Calculator");

        var demote = await PatchAsync(_admin, "root", new { role = "viewer" });
        var create = await root.PostAsJsonAsync("/api/objects", new { name = "Abacus", description = "Counts", files = Api.Files() });
        var read = await root.GetAsync("/api/objects/Calculator");

        await demote.ExpectAsync(HttpStatusCode.OK);
        await create.ExpectProblemAsync(HttpStatusCode.Forbidden);
        await read.ExpectAsync(HttpStatusCode.OK);
        await (await _admin.GetAsync("/api/objects/Abacus")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Patch_DisableThenEnable_TokenRefused401AtOnceSayingWhyThenTheSameTokenWorksAgain()
    {
        var token = await _admin.CreateUserAsync("ada", "member");
        var ada = _host.As(token);
        await ada.CreateObjectAsync("Calculator");
        await (await ada.GetAsync("/api/me")).ExpectAsync(HttpStatusCode.OK);

        var disable = await PatchAsync(_admin, "ada", new { disabled = true });
        var refused = await ada.GetAsync("/api/me");
        var write = await ada.PostAsJsonAsync("/api/objects", new { name = "Abacus", description = "Counts", files = Api.Files() });
        var listed = await _admin.GetFromJsonAsync<JsonArray>("/api/users");
        var objectKept = await _admin.GetJsonAsync("/api/objects/Calculator");
        var enable = await PatchAsync(_admin, "ada", new { disabled = false });
        var back = await ada.GetAsync("/api/me");
        var events = Items(await _admin.GetJsonAsync("/api/events?subject=user/ada"));

        await disable.ExpectAsync(HttpStatusCode.OK);
        Assert.True((await disable.Content.ReadFromJsonAsync<JsonObject>())!["disabled"]!.GetValue<bool>());
        var problem = await refused.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Account disabled", problem["title"]!.GetValue<string>());
        Assert.Contains("'ada' is disabled", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await write.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.True(listed!.Single(u => u!["id"]!.GetValue<string>() == "ada")!["disabled"]!.GetValue<bool>());
        Assert.False(listed!.Single(u => u!["id"]!.GetValue<string>() == "admin")!["disabled"]!.GetValue<bool>());
        Assert.Equal("ada", objectKept["owner"]!.GetValue<string>());
        await enable.ExpectAsync(HttpStatusCode.OK);
        await back.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["user.enabled", "user.disabled"], events.Select(e => e["type"]!.GetValue<string>()).Where(t => t is "user.enabled" or "user.disabled"));
        await (await _admin.GetAsync("/api/objects/Abacus")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("{\"role\":\"member\"}")]
    [InlineData("{\"role\":\"viewer\"}")]
    [InlineData("{\"disabled\":true}")]
    [InlineData("{\"role\":\"member\",\"disabled\":true}")]
    public async Task Patch_LastEnabledAdminDemotesOrDisablesThemselves_409SayingWhyAndNothingChanged(string body)
    {
        var before = await StorageSnapshot.TakeAsync(_host);

        var response = await PatchAsync(_admin, "admin", body);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("last enabled admin", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_host));
        await (await _admin.GetAsync("/api/users")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Patch_AdminDemotesThemselvesWhileAnotherAdminExists_409AndNothingChanged()
    {
        await _admin.CreateUserAsync("root", "admin");
        var before = await StorageSnapshot.TakeAsync(_host);

        var demote = await PatchAsync(_admin, "admin", new { role = "member" });
        var disable = await PatchAsync(_admin, "Admin", new { disabled = true });

        var problem = await demote.ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("cannot demote or disable themselves", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await disable.ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_host));
    }

    [Fact]
    public async Task Patch_SameRoleAndState_200WithoutAnEvent()
    {
        await _admin.CreateUserAsync("ada", "member");
        var before = await StorageSnapshot.TakeAsync(_host);

        var response = await PatchAsync(_admin, "ada", new { role = "member", disabled = false });

        await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_host));
    }

    [Fact]
    public async Task Patch_ByMemberOrViewer_403AndNothingChanged()
    {
        var mia = _host.As(await _admin.CreateUserAsync("mia", "member"));
        var val = _host.As(await _admin.CreateUserAsync("val", "viewer"));
        var before = await StorageSnapshot.TakeAsync(_host);

        var promoteSelf = await PatchAsync(mia, "mia", new { role = "admin" });
        var disableAdmin = await PatchAsync(val, "admin", new { disabled = true });

        await promoteSelf.ExpectProblemAsync(HttpStatusCode.Forbidden);
        await disableAdmin.ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_host));
    }

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "not JSON", "not json at all" },
        { "cut short", "{\"role\": \"viewer\"," },
        { "unknown role", "{\"role\":\"god\"}" },
        { "role as a number naming no role", "{\"role\":7}" },
        { "disabled not a boolean", "{\"disabled\":\"yes\"}" },
        { "nothing to change", "{}" },
        { "only nulls", "{\"role\":null,\"disabled\":null}" },
        { "a list", "[]" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Patch_MalformedBody_400AndStorageUnchanged(string _, string body)
    {
        await _admin.CreateUserAsync("ada", "member");
        var before = await StorageSnapshot.TakeAsync(_host);

        var response = await PatchAsync(_admin, "ada", body);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()));
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_host));
    }

    [Fact]
    public async Task Patch_UnknownUser404_MalformedId400_NothingChanged()
    {
        var before = await StorageSnapshot.TakeAsync(_host);

        var unknown = await PatchAsync(_admin, "nobody", new { disabled = true });
        var malformed = await PatchAsync(_admin, "no%20spaces", new { disabled = true });
        var newline = await PatchAsync(_admin, "admin%0A", new { disabled = true });

        var notFound = await unknown.ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("No user named 'nobody'.", notFound["detail"]!.GetValue<string>());
        Assert.NotNull((await malformed.ExpectProblemAsync(HttpStatusCode.BadRequest))["errors"]!["userId"]);
        await newline.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_host));
    }

    [Fact]
    public async Task UserRowWithoutTheDisabledColumn_ReadsAsEnabled_AndCanBeDisabled()
    {
        // A row written before accounts could be disabled: no Disabled column at all.
        var users = new TableClient(_host.ConnectionString, _host.Prefix + TableNames.Users);
        await users.AddEntityAsync(new TableEntity("user", "legacy") { ["Role"] = "member", ["CreatedAt"] = DateTimeOffset.UtcNow });

        var listed = await _admin.GetFromJsonAsync<JsonArray>("/api/users");
        var disable = await PatchAsync(_admin, "legacy", new { disabled = true });

        Assert.False(listed!.Single(u => u!["id"]!.GetValue<string>() == "legacy")!["disabled"]!.GetValue<bool>());
        await disable.ExpectAsync(HttpStatusCode.OK);
        Assert.True((await users.GetEntityAsync<TableEntity>("user", "legacy")).Value.GetBoolean("Disabled"));
    }

    [Fact]
    public async Task CreateUser_NameWithATrailingNewline_400AndNothingStored()
    {
        var before = await StorageSnapshot.TakeAsync(_host);

        var response = await _admin.PostAsJsonAsync("/api/users", new { name = "ada\n", role = "member" });

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_host));
    }

    public static TheoryData<string> RolesNotByName => new()
    {
        "{\"role\":2}",
        "{\"role\":0}",
        "{\"role\":\"2\"}",
        "{\"role\":\"god\"}",
        "{\"role\":true}",
    };

    [Theory]
    [MemberData(nameof(RolesNotByName))]
    public async Task Patch_RoleNotGivenByName_400NamingTheRolesAndNothingChanged(string body)
    {
        await _admin.CreateUserAsync("ada", "member");
        var before = await StorageSnapshot.TakeAsync(_host);

        var response = await PatchAsync(_admin, "ada", body);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("viewer, member or admin", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_host));
    }

    [Theory]
    [MemberData(nameof(RolesNotByName))]
    public async Task CreateUser_RoleNotGivenByName_400NamingTheRolesAndNothingStored(string role)
    {
        var before = await StorageSnapshot.TakeAsync(_host);
        var body = role.Replace("{", "{\"name\":\"ada\",", StringComparison.Ordinal);

        var response = await _admin.PostAsync("/api/users", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("viewer, member or admin", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_host));
    }

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, string userId, object body) =>
        PatchAsync(client, userId, System.Text.Json.JsonSerializer.Serialize(body));

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, string userId, string body) =>
        client.PatchAsync($"/api/users/{userId}", new StringContent(body, Encoding.UTF8, "application/json"));

    private static List<JsonObject> Items(JsonObject listing) => [.. listing["items"]!.AsArray().Select(t => t!.AsObject())];
}
