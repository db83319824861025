using System.Net;
using DurableObjects.Testing;

namespace DurableObjects.Functions.IntegrationTests.Http;

/// <summary>The host serves a built web front end at <c>/</c> without touching the API's answers.</summary>
public sealed class WebFrontEndTests : IAsyncLifetime
{
    private const string Index = "<!doctype html><html><head><script type=\"module\" src=\"/assets/app-1a2b.js\"></script></head><body>app</body></html>";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "do-web-" + Guid.NewGuid().ToString("N")[..8]);
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_root, "assets"));
        await File.WriteAllTextAsync(Path.Combine(_root, "index.html"), Index);
        await File.WriteAllTextAsync(Path.Combine(_root, "assets", "app-1a2b.js"), "console.log('app');");
        _host = await TestHost.StartAsync(settings: new Dictionary<string, string?> { ["Web:Root"] = _root });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Root_ServesTheAppPage_WithSecurityHeaders_AndNoToken()
    {
        var response = await _host.Anonymous().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Index, await response.Content.ReadAsStringAsync());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task HashedAssets_AreServedWithTheirTypeAndCachedForGood()
    {
        var response = await _host.Anonymous().GetAsync("/assets/app-1a2b.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/objects/calculator")]
    [InlineData("/runs")]
    public async Task OtherPagePaths_FallBackToTheAppPage(string path)
    {
        var response = await _host.Anonymous().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Index, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/nothing-here")]
    [InlineData("/webhooks/nothing-here")]
    [InlineData("/assets/missing.js")]
    public async Task MissesUnderServerPaths_AreProblems_NotTheAppPage(string path)
    {
        var response = await _host.Admin().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("<!doctype html>", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheApi_StillNeedsAToken()
    {
        var response = await _host.Anonymous().GetAsync("/api/objects");

        await response.ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void Resolve_FindsNothing_WhenTheAppIsNotBuilt()
    {
        Assert.Null(Web.WebFrontEnd.Resolve(null, Path.Combine(_root, "assets")));
        Assert.Equal(Path.GetFullPath(_root), Web.WebFrontEnd.Resolve(_root, "/"));
    }
}
