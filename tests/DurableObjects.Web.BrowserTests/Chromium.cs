using System.Text.RegularExpressions;
using DurableObjects.Testing;

namespace DurableObjects.Web.BrowserTests;

/// <summary>
/// One headless Chromium for the whole run: Debian's <c>/usr/bin/chromium</c> (or <c>CHROMIUM_PATH</c>) driven by
/// Playwright through <c>ExecutablePath</c>, so nothing is downloaded. Fails with the fix in plain words when the
/// browser or the built web front end is missing, rather than skipping.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The built front end the hosts serve: <c>WEB_ROOT</c>, else <c>web/dist</c>.</summary>
    public static string WebRoot => Environment.GetEnvironmentVariable("WEB_ROOT") is { Length: > 0 } configured
        ? configured
        : Path.Combine(RepositoryRoot, "web", "dist");

    /// <summary>Where screenshots go: <c>BROWSER_ARTIFACTS</c>, else <c>TestResults/screenshots</c> in the repository.</summary>
    public static string Screenshots => Environment.GetEnvironmentVariable("BROWSER_ARTIFACTS") is { Length: > 0 } configured
        ? configured
        : Path.Combine(RepositoryRoot, "TestResults", "screenshots");

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Chromium is not installed at {executable}: run 'apt-get install -y chromium' (scripts/test.sh and .ci/run do), or set CHROMIUM_PATH.");
        }
        if (!File.Exists(Path.Combine(WebRoot, "index.html")))
        {
            throw new InvalidOperationException($"The web front end is not built ({WebRoot}): run 'cd web && npm ci && npm run build' (scripts/test.sh does).");
        }
        Directory.CreateDirectory(Screenshots);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run", "--disable-extensions"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
    }

    /// <summary>A fresh tab (its own session storage) on <paramref name="host"/>; records script errors and CSP violations.</summary>
    public async Task<BrowserSession> OpenAsync(TestHost host, int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress!.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var session = new BrowserSession(context, page, host);
        page.PageError += (_, error) => session.Errors.Add("page error: " + error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                session.Errors.Add("CSP: " + message.Text);
            }
        };
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        return session;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DurableObjects.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("DurableObjects.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>One tab on one host, with the steps every walk-through shares.</summary>
public sealed class BrowserSession(IBrowserContext context, IPage page, TestHost host) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    /// <summary>Uncaught script errors and Content-Security-Policy violations seen so far (should stay empty).</summary>
    public List<string> Errors { get; } = [];

    public ILocator Nav => Page.Locator("#nav");

    public ILocator Main => Page.Locator("#main");

    public ILocator Heading(string name) => Page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true });

    public ILocator Button(string name, ILocator? within = null) =>
        (within ?? Main).GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>The form headed <paramref name="heading"/> (the object page's deploy, promote and roll back forms).</summary>
    public ILocator Form(string heading) => Main.Locator("form").Filter(new() { Has = Heading(heading) });

    /// <summary>Signs in with <paramref name="token"/> (default: the admin's) and, for the admin, waits for the objects list.</summary>
    public async Task SignInAsync(string? token = null)
    {
        await Page.GotoAsync("/");
        await Assertions.Expect(Heading("Sign in")).ToBeVisibleAsync();
        await Page.GetByLabel("API token").FillAsync(token ?? host.AdminToken);
        await Button("Sign in").ClickAsync();
        if (token is null)
        {
            await Assertions.Expect(Heading("Objects")).ToBeVisibleAsync();
        }
    }

    public async Task GoAsync(string navLink, string heading)
    {
        await Nav.GetByRole(AriaRole.Link, new() { Name = navLink, Exact = true }).ClickAsync();
        await Assertions.Expect(Heading(heading)).ToBeVisibleAsync();
    }

    /// <summary>Waits on the run page until the live status badge shows <paramref name="status"/>.</summary>
    public async Task WaitForRunAsync(string status, int seconds = 120)
    {
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("#/runs/[0-9a-f]{32}$"));
        await Assertions.Expect(Page.GetByTestId("run-status")).ToHaveTextAsync(status, new() { Timeout = seconds * 1000 });
    }

    public async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.Screenshots, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Chromium>
{
    /// <summary>Every browser test runs in this one collection: one after another, one Chromium.</summary>
    public const string Name = "browser";
}
