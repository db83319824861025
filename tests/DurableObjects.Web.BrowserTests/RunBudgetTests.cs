using System.Net;
using System.Net.Http.Json;
using DurableObjects.Testing;
using DurableObjects.Testing.Fakes;
using static Microsoft.Playwright.Assertions;

namespace DurableObjects.Web.BrowserTests;

/// <summary>A run started in the browser on an object with a token budget stops as budget-exhausted, and the run page shows why and what was spent.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RunBudgetTests(Chromium chromium, ScriptedModelHost fixture) : IClassFixture<ScriptedModelHost>
{
    [Fact]
    public async Task RunPage_TokenBudgetSpent_ShowsTheStopAndTheSpendPerItem()
    {
        // Plan and one candidate (150 tokens each): the budget is spent before the gates, so no judge is asked.
        fixture.Models.Planner.EnqueueJson(Scripts.Plan());
        fixture.Models.Generator.EnqueueJson(Scripts.Candidate());
        var admin = fixture.Host.Admin();
        await admin.CreateObjectAsync("ledger", Scripts.V1Files());
        await (await admin.PutAsJsonAsync("/api/objects/ledger/pipeline-policy", new { maxTokens = 250 })).ExpectAsync(HttpStatusCode.OK);
        await using var tab = await chromium.OpenAsync(fixture.Host);
        var page = tab.Page;
        await tab.SignInAsync();
        await page.GotoAsync("/#/objects/ledger");

        await page.GetByLabel("Describe the change").FillAsync("Add a Multiply method.");
        await tab.Button("Start modification").ClickAsync();
        await tab.WaitForRunAsync("budget-exhausted");

        var budget = page.GetByTestId("run-budget");
        await Expect(budget.GetByRole(AriaRole.Note)).ToHaveTextAsync("Stopped: the budget is spent (tokens 300 of 250). No further step was started.");
        await Expect(budget.Locator("tbody tr").First).ToContainTextAsync("model");
        await Expect(tab.Main.Locator("[data-testid=run-status]")).ToHaveTextAsync("budget-exhausted");
        await tab.ScreenshotAsync("22-run-budget-exhausted");
        Assert.Equal(1, (await admin.GetJsonAsync("/api/objects/ledger"))["latestVersion"]!.GetValue<int>());
        Assert.Empty(tab.Errors);
    }
}
