using System.Net;
using System.Text.RegularExpressions;
using DurableObjects.Testing;
using static Microsoft.Playwright.Assertions;

namespace DurableObjects.Web.BrowserTests;

/// <summary>
/// The Tokens page in a real browser against the real host: a member sees their tokens (the one this tab uses marked),
/// creates one whose value is shown once and works, revokes it after confirming (it is refused at once), and revoking
/// the token the tab is signed in with signs the tab out.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TokensPageTests(Chromium chromium, NoModelHost fixture) : IClassFixture<NoModelHost>
{
    [Fact]
    public async Task TokensPage_CreateShownOnce_RevokeAfterConfirming_RevokeOwnSessionSignsOut()
    {
        var memberToken = await fixture.Host.Admin().CreateUserAsync("ada", "member");
        await using var tab = await chromium.OpenAsync(fixture.Host);
        var page = tab.Page;
        var confirmations = new List<string>();
        page.Dialog += (_, dialog) => confirmations.Add(dialog.Message);
        await tab.SignInAsync(memberToken);
        await Expect(tab.Heading("Objects")).ToBeVisibleAsync();

        await tab.GoAsync("Tokens", "Tokens");
        var rows = tab.Main.Locator("table.tokens tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("first");
        await Expect(rows.First).ToContainTextAsync("this session");

        // Create: the value is shown once, in the page, and works.
        await page.GetByLabel("Name (optional)").FillAsync("laptop");
        await tab.Button("Create token").ClickAsync();
        var shown = page.GetByLabel("Your new token (shown once)");
        await Expect(shown).ToHaveValueAsync(new Regex("^do_"));
        await Expect(tab.Main).ToContainTextAsync("it will not be shown again");
        await Expect(rows).ToHaveCountAsync(2);
        await tab.ScreenshotAsync("30-tokens-created");
        var laptop = await shown.InputValueAsync();
        await (await fixture.Host.As(laptop).GetAsync("/api/me")).ExpectAsync(HttpStatusCode.OK);
        var laptopId = (await rows.Nth(1).Locator("code").TextContentAsync())!;

        // Revoke it: confirmed (the tab accepts dialogs), gone from the list, refused by the host at once.
        await tab.Button($"Revoke token laptop ({laptopId})").ClickAsync();
        await Expect(tab.Main.GetByRole(AriaRole.Status).Filter(new() { HasText = "Revoked" })).ToContainTextAsync("Revoked “laptop");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(tab.Main).Not.ToContainTextAsync(laptop);
        Assert.Contains(confirmations, c => c.Contains($"Revoke “laptop ({laptopId})”?", StringComparison.Ordinal));
        await (await fixture.Host.As(laptop).GetAsync("/api/me")).ExpectProblemAsync(HttpStatusCode.Unauthorized);

        // Revoke the token this tab is signed in with: warned first, then signed out.
        var firstId = (await rows.First.Locator("code").TextContentAsync())!;
        await tab.Button($"Revoke token first ({firstId})").ClickAsync();
        await Expect(tab.Heading("Sign in")).ToBeVisibleAsync();
        await Expect(tab.Main).ToContainTextAsync("You revoked the token you were signed in with");
        Assert.Contains(confirmations, c => c.Contains("You are signed in with it", StringComparison.Ordinal));
        await tab.ScreenshotAsync("31-tokens-revoked-own-session");
        await (await fixture.Host.As(memberToken).GetAsync("/api/me")).ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Empty(tab.Errors);
    }
}
