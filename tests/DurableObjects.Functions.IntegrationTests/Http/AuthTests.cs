using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using DurableObjects.Testing;

namespace DurableObjects.Functions.IntegrationTests.Http;

public sealed class AuthTests : IAsyncLifetime
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
    public async Task FirstStart_PrintsAWorkingAdminToken()
    {
        var me = await _admin.GetJsonAsync("/api/me");

        Assert.StartsWith("do_", _host.AdminToken, StringComparison.Ordinal);
        Assert.Equal("admin", me["id"]!.GetValue<string>());
        Assert.Equal("admin", me["role"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/api/objects")]
    [InlineData("/api/events")]
    [InlineData("/api/me")]
    public async Task AnyApiCall_WithoutToken_Returns401Problem(string url)
    {
        var response = await _host.Anonymous().GetAsync(url);

        await response.ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("Bearer do_not-a-real-token-at-all", "The API token is not valid: it was revoked, or never issued here.")]
    [InlineData("Bearer nonsense", "The API token is not valid: it was revoked, or never issued here.")]
    [InlineData("Basic YWRtaW46YWRtaW4=", "Use 'Authorization: Bearer <token>'.")]
    public async Task ApiCall_WithBadCredentials_Returns401ProblemSayingWhatWasWrong(string header, string why)
    {
        var client = _host.Anonymous();
        client.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(header);

        var response = await client.GetAsync("/api/objects");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(why + " Send a personal API token as 'Authorization: Bearer <token>'.", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task ApiCall_WithARevokedToken_Returns401ProblemSayingTheTokenIsNotValid()
    {
        var created = await _admin.PostAsJsonAsync("/api/tokens", new { name = "short-lived" });
        await created.ExpectAsync(HttpStatusCode.Created);
        var issued = (await created.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!;
        var token = issued["token"]!.GetValue<string>();
        await (await _admin.DeleteAsync($"/api/tokens/{issued["tokenId"]!.GetValue<string>()}")).ExpectAsync(HttpStatusCode.NoContent);

        var response = await _host.As(token).GetAsync("/api/me");

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.StartsWith("The API token is not valid: it was revoked", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Viewer_CanReadButNotWrite()
    {
        await _admin.CreateObjectAsync("Calculator");
        var viewer = _host.As(await _admin.CreateUserAsync("vera", "viewer"));

        var read = await viewer.GetAsync("/api/objects/Calculator");
        var write = await viewer.PostAsJsonAsync("/api/objects/Calculator/versions", new { files = Api.Files() });
        var create = await viewer.PostAsJsonAsync("/api/objects", new { name = "Mine", files = Api.Files() });

        await read.ExpectAsync(HttpStatusCode.OK);
        await write.ExpectProblemAsync(HttpStatusCode.Forbidden);
        await create.ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Member_ChangingAnotherMembersObject_Returns403AndChangesNothing()
    {
        var alice = _host.As(await _admin.CreateUserAsync("alice", "member"));
        var bob = _host.As(await _admin.CreateUserAsync("bob", "member"));
        await alice.CreateObjectAsync("AliceCalc");
        var before = await StorageSnapshot.TakeAsync(_host);

        var version = await bob.PostAsJsonAsync("/api/objects/AliceCalc/versions", new { files = Api.Files() });
        var deprecate = await bob.PostAsync("/api/objects/AliceCalc/deprecate", null);
        var describe = await bob.PatchAsJsonAsync("/api/objects/AliceCalc", new { description = "mine now" });

        await version.ExpectProblemAsync(HttpStatusCode.Forbidden);
        await deprecate.ExpectProblemAsync(HttpStatusCode.Forbidden);
        await describe.ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, await StorageSnapshot.TakeAsync(_host));
    }

    [Fact]
    public async Task Member_ChangesOwnObject_AndAdminChangesAnyObject()
    {
        var alice = _host.As(await _admin.CreateUserAsync("alice", "member"));
        await alice.CreateObjectAsync("AliceCalc");

        await alice.AddVersionAsync("AliceCalc", Api.CalculatorV1 + "// by alice\n");
        await _admin.AddVersionAsync("AliceCalc", Api.CalculatorV1 + "// by admin\n");

        var versions = await alice.GetJsonAsync("/api/objects/AliceCalc/versions");
        Assert.Equal(["admin", "alice", "alice"], versions["items"]!.AsArray().Select(v => v!["author"]!.GetValue<string>()));
    }

    [Fact]
    public async Task UserManagement_ByMember_Returns403()
    {
        var member = _host.As(await _admin.CreateUserAsync("mia", "member"));

        var list = await member.GetAsync("/api/users");
        var create = await member.PostAsJsonAsync("/api/users", new { name = "eve", role = "admin" });

        await list.ExpectProblemAsync(HttpStatusCode.Forbidden);
        await create.ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task NewToken_IsShownOnceAndWorks_AndIsAudited()
    {
        var response = await _admin.PostAsJsonAsync("/api/tokens", new { name = "laptop" });
        await response.ExpectAsync(HttpStatusCode.Created);
        var token = (await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["token"]!.GetValue<string>();

        var me = await _host.As(token).GetJsonAsync("/api/me");
        var events = await _admin.GetJsonAsync("/api/events?type=token.created");

        Assert.Equal("admin", me["id"]!.GetValue<string>());
        Assert.Equal(2, events["items"]!.AsArray().Count);
        Assert.DoesNotContain(token, events.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthAndApiReference_AreAnonymous()
    {
        var client = _host.Anonymous();

        await (await client.GetAsync("/health")).ExpectAsync(HttpStatusCode.OK);
        var openApi = await client.GetStringAsync("/openapi/v1.json");
        var reference = await client.GetAsync("/api-reference/v1");
        await reference.ExpectAsync(HttpStatusCode.OK);
        Assert.Contains("text/html", reference.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);

        Assert.Contains("/api/objects/{name}/versions", openApi, StringComparison.Ordinal);
        Assert.Contains("bearer", openApi, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api-reference", HttpStatusCode.Found)] // a redirect to the page
    [InlineData("/api-reference/", HttpStatusCode.OK)]
    [InlineData("/api-reference/v1", HttpStatusCode.OK)]
    [InlineData("/openapi/v1.json", HttpStatusCode.OK)]
    public async Task ApiReferenceAndOpenApiDocument_Head_AnswersAsGetWithoutTheBody(string url, HttpStatusCode expected)
    {
        var client = _host.Anonymous();

        var get = await client.GetAsync(url);
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        await get.ExpectAsync(expected);
        await head.ExpectAsync(expected);
        Assert.Equal(get.Headers.Location, head.Headers.Location);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.True(expected != HttpStatusCode.OK || (await get.Content.ReadAsByteArrayAsync()).Length > 0);
    }
}
