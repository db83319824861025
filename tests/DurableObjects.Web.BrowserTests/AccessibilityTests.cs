using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using DurableObjects.Testing;
using static Microsoft.Playwright.Assertions;

namespace DurableObjects.Web.BrowserTests;

/// <summary>
/// Every main page checked with axe-core (WCAG 2 A/AA rules, run inside the page; shipped in the NuGet package, nothing
/// fetched): no serious or critical violations — labelled controls, contrast, landmarks, names on buttons and links.
/// And the app is usable from the keyboard alone: sign in and reach a page without the mouse.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(Chromium chromium, NoModelHost fixture) : IClassFixture<NoModelHost>
{
    [Fact]
    public async Task MainPages_HaveNoSeriousOrCriticalAxeViolations()
    {
        var admin = fixture.Host.Admin();
        await admin.CreateObjectAsync("axe", Scripts.V1Files());
        await using var tab = await chromium.OpenAsync(fixture.Host);
        var page = tab.Page;
        await page.GotoAsync("/");
        await Expect(tab.Heading("Sign in")).ToBeVisibleAsync();
        var problems = new List<string>();
        problems.AddRange(await ViolationsAsync(page, "sign in"));
        await tab.SignInAsync();

        (string Hash, string Heading)[] pages =
        [
            ("#/objects", "Objects"), ("#/new", "New object"), ("#/from-scratch", "Create from scratch"), ("#/objects/axe", "axe"),
            ("#/runs", "Runs"), ("#/monitors", "Monitors"), ("#/events", "Audit log"), ("#/outbox", "Outbox"), ("#/tokens", "Tokens"),
            ("#/users", "Users"),
        ];
        foreach (var (hash, heading) in pages)
        {
            await page.GotoAsync("/" + hash);
            await Expect(tab.Heading(heading)).ToBeVisibleAsync();
            await Expect(page.Locator(".loading")).ToHaveCountAsync(0);
            problems.AddRange(await ViolationsAsync(page, hash));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task KeyboardOnly_SignInAndOpenAPage()
    {
        await using var tab = await chromium.OpenAsync(fixture.Host);
        var page = tab.Page;
        await page.GotoAsync("/");
        await Expect(tab.Heading("Sign in")).ToBeVisibleAsync();

        await Expect(page.GetByLabel("API token")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(fixture.Host.AdminToken);
        await page.Keyboard.PressAsync("Enter");
        await Expect(tab.Heading("Objects")).ToBeVisibleAsync();

        // Tab from the top of a freshly loaded page reaches the skip link first; it moves the focus to the content and
        // leaves the route alone. (The token stays in the tab's session storage across the reload.)
        await page.ReloadAsync();
        await Expect(tab.Heading("Objects")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#main")).ToBeFocusedAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/objects$"));
        await Expect(tab.Heading("Objects")).ToBeVisibleAsync();

        await page.ReloadAsync();
        await Expect(tab.Heading("Objects")).ToBeVisibleAsync();
        var monitors = tab.Nav.GetByRole(AriaRole.Link, new() { Name = "Monitors", Exact = true });
        for (var i = 0; i < 20 && !await monitors.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }
        await Expect(monitors).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(tab.Heading("Monitors")).ToBeVisibleAsync();
        Assert.Empty(tab.Errors);
    }

    private static async Task<IEnumerable<string>> ViolationsAsync(IPage page, string where)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        Assert.True(result.Passes.Length > 0, $"axe checked nothing on {where}");
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{where}: {v.Id} ({v.Impact}) {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}");
    }
}
