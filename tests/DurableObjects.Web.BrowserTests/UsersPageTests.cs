using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using DurableObjects.Testing;
using static Microsoft.Playwright.Assertions;

namespace DurableObjects.Web.BrowserTests;

/// <summary>
/// The Users page in a real browser against the real host: only admins see it in the navigation; an admin creates a
/// user (their first token shown once, and it works), changes their role and disables and enables their account, each
/// after confirming — and the host applies each change to that user's token at once. The admin's own row has no controls.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UsersPageTests(Chromium chromium, NoModelHost fixture) : IClassFixture<NoModelHost>
{
    [Fact]
    public async Task UsersPage_OnlyForAdmins_CreateShownOnce_ChangeRole_DisableAndEnableAfterConfirming()
    {
        var memberToken = await fixture.Host.Admin().CreateUserAsync("mia", "member");
        await using (var memberTab = await chromium.OpenAsync(fixture.Host))
        {
            await memberTab.SignInAsync(memberToken);
            await Expect(memberTab.Heading("Objects")).ToBeVisibleAsync();
            await Expect(memberTab.Nav.GetByRole(AriaRole.Link, new() { Name = "Tokens", Exact = true })).ToBeVisibleAsync();
            await Expect(memberTab.Nav.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true })).ToHaveCountAsync(0);
        }

        await using var tab = await chromium.OpenAsync(fixture.Host);
        var page = tab.Page;
        var confirmations = new List<string>();
        page.Dialog += (_, dialog) => confirmations.Add(dialog.Message);
        await tab.SignInAsync();
        await tab.GoAsync("Users", "Users");
        var rows = tab.Main.Locator("table.users tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        var own = rows.Filter(new() { HasText = "you" });
        await Expect(own).ToContainTextAsync("admin");
        await Expect(own.Locator("button, select")).ToHaveCountAsync(0);

        // Create: the first token is shown once, in the page, and works.
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("ada");
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("member");
        await tab.Button("Create user").ClickAsync();
        var shown = page.GetByLabel("First token of ada (shown once)");
        await Expect(shown).ToHaveValueAsync(new Regex("^do_"));
        await Expect(tab.Main).ToContainTextAsync("it will not be shown again");
        await Expect(rows).ToHaveCountAsync(3);
        await tab.ScreenshotAsync("32-users-created");
        var ada = fixture.Host.As(await shown.InputValueAsync());
        await (await ada.GetAsync("/api/me")).ExpectAsync(HttpStatusCode.OK);

        // Change the role to viewer: confirmed, shown, and the host refuses ada's next write at once.
        await page.GetByLabel("Role of ada", new() { Exact = true }).SelectOptionAsync("viewer");
        await tab.Button("Change the role of ada").ClickAsync();
        await Expect(tab.Main.GetByRole(AriaRole.Status).Filter(new() { HasText = "ada is now a viewer." })).ToBeVisibleAsync();
        Assert.Contains(confirmations, c => c.Contains("from member to viewer", StringComparison.Ordinal));
        await Expect(page.GetByLabel("Role of ada", new() { Exact = true })).ToHaveValueAsync("viewer");
        var write = await ada.PostAsJsonAsync("/api/objects", new { name = "Abacus", description = "Counts", files = Scripts.V1Files() });
        await write.ExpectProblemAsync(HttpStatusCode.Forbidden);

        // Disable: confirmed, shown as disabled, and ada's token is refused at once saying why.
        await tab.Button("Disable ada").ClickAsync();
        await Expect(tab.Main.GetByRole(AriaRole.Status).Filter(new() { HasText = "Disabled ada" })).ToBeVisibleAsync();
        Assert.Contains(confirmations, c => c.Contains("Disable ada?", StringComparison.Ordinal) && c.Contains("Nothing is deleted", StringComparison.Ordinal));
        await Expect(rows.Filter(new() { HasText = "ada" }).Locator("[data-label=\"Account\"]")).ToHaveTextAsync("disabled");
        await tab.ScreenshotAsync("33-users-disabled");
        var refused = await (await ada.GetAsync("/api/me")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Account disabled", refused["title"]!.GetValue<string>());

        // Enable again: the same token works.
        await tab.Button("Enable ada").ClickAsync();
        await Expect(tab.Main.GetByRole(AriaRole.Status).Filter(new() { HasText = "Enabled ada." })).ToBeVisibleAsync();
        await Expect(rows.Filter(new() { HasText = "ada" }).Locator("[data-label=\"Account\"]")).ToHaveTextAsync("enabled");
        await (await ada.GetAsync("/api/me")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(tab.Errors);
    }
}
