using DurableObjects.Testing;
using static Microsoft.Playwright.Assertions;

namespace DurableObjects.Web.BrowserTests;

/// <summary>
/// The seed's walk-through with a (scripted) model: method 1 with a plain-language prompt — plan, generate, evaluate
/// with the judges, then approve in the browser — and method 2, creation from scratch.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ModelWalkThroughTests(Chromium chromium, ScriptedModelHost fixture) : IClassFixture<ScriptedModelHost>
{
    [Fact]
    public async Task Method1_WithAPrompt_PlanGenerateEvaluate_ScoresAgainstThresholds_ApprovedInTheBrowser()
    {
        var models = fixture.Models;
        models.Planner.EnqueueJson(Scripts.Plan());
        models.Generator.EnqueueJson(Scripts.Candidate(summary: "Adds Multiply."));
        models.Judge.EnqueueJson(Scripts.Preference(0.9));
        await fixture.Host.Admin().CreateObjectAsync("abacus", Scripts.V1Files());
        await using var tab = await chromium.OpenAsync(fixture.Host);
        var page = tab.Page;
        await tab.SignInAsync();
        await page.GotoAsync("/#/objects/abacus");

        await page.GetByLabel("Describe the change").FillAsync("Add a Multiply method.");
        await page.GetByLabel("Ask me to approve before it is committed").First.CheckAsync();
        await tab.Button("Start modification").ClickAsync();

        await tab.WaitForRunAsync("awaiting_approval");
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Scores against thresholds, iteration 1" })).ToBeVisibleAsync();
        await Expect(tab.Main).ToContainTextAsync("Adds Multiply.");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Steps" })).ToContainTextAsync("plan");
        await tab.ScreenshotAsync("20-run-awaiting-approval");
        Assert.Equal(1, (await fixture.Host.Admin().GetJsonAsync("/api/objects/abacus"))["latestVersion"]!.GetValue<int>());

        await tab.Button("Approve").ClickAsync();
        await tab.WaitForRunAsync("succeeded");
        await Expect(tab.Main).ToContainTextAsync("Version v2");
        await tab.ScreenshotAsync("21-run-approved");
        Assert.Equal(2, (await fixture.Host.Admin().GetJsonAsync("/api/objects/abacus"))["currentVersion"]!.GetValue<int>());
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task Method1_AJudgeRejectsTheFirstTry_TheFeedbackLoopIsShown_ThenRejectedByAPerson()
    {
        var models = fixture.Models;
        models.Planner.EnqueueJson(Scripts.Plan());
        models.Generator.EnqueueJson(Scripts.Candidate(summary: "First try."))
            .EnqueueJson(Scripts.Candidate(summary: "Second try."));
        models.Judge.EnqueueJson(Scripts.Preference(0.3, "Multiply lacks an overflow note")).EnqueueJson(Scripts.Preference(0.9));
        await fixture.Host.Admin().CreateObjectAsync("slide-rule", Scripts.V1Files());
        await using var tab = await chromium.OpenAsync(fixture.Host);
        var page = tab.Page;
        var streams = new List<(string Url, int Status, string? Type)>();
        page.Response += (_, response) =>
        {
            if (response.Url.EndsWith("/events", StringComparison.Ordinal))
            {
                lock (streams)
                {
                    streams.Add((response.Url, response.Status, response.Headers.GetValueOrDefault("content-type")));
                }
            }
        };
        await tab.SignInAsync();
        await page.GotoAsync("/#/objects/slide-rule");

        await page.GetByLabel("Describe the change").FillAsync("Add a Multiply method.");
        await page.GetByLabel("Ask me to approve before it is committed").First.CheckAsync();
        await tab.Button("Start modification").ClickAsync();

        await tab.WaitForRunAsync("awaiting_approval");
        var first = page.GetByRole(AriaRole.Region, new() { Name = "Iteration 1", Exact = true });
        await Expect(first).ToContainTextAsync("Multiply lacks an overflow note");
        await Expect(first).ToContainTextAsync("0.30");
        await Expect(tab.Heading("Iteration 2")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Scores against thresholds, iteration 2" })).ToBeVisibleAsync();
        await tab.ScreenshotAsync("25-run-feedback-loop");

        await page.GetByLabel("Comment").FillAsync("Not now.");
        await tab.Button("Reject").ClickAsync();
        await tab.WaitForRunAsync("rejected");
        Assert.Equal(1, (await fixture.Host.Admin().GetJsonAsync("/api/objects/slide-rule"))["latestVersion"]!.GetValue<int>());
        lock (streams)
        {
            Assert.Contains(streams, s => s.Status == 200 && s.Type?.StartsWith("text/event-stream", StringComparison.Ordinal) == true);
        }
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task Method2_CreateFromScratch_PlansGeneratesEvaluates_ThenTheObjectIsThereToInvoke()
    {
        var models = fixture.Models;
        models.Planner.EnqueueJson(Scripts.CreationPlan());
        models.Generator.EnqueueJson(Scripts.GreeterCandidate());
        models.Judge.EnqueueJson(Scripts.Preference(0.9));
        await using var tab = await chromium.OpenAsync(fixture.Host);
        var page = tab.Page;
        await tab.SignInAsync();

        await tab.GoAsync("Create from scratch", "Create from scratch");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("greeter");
        await page.GetByLabel("Description", new() { Exact = true }).FillAsync("Greets people");
        await page.GetByLabel("Requirements", new() { Exact = true }).FillAsync("Greet(name) returns 'Hello, {name}!'");
        await tab.ScreenshotAsync("22-from-scratch");
        await tab.Button("Create from scratch").ClickAsync();

        await tab.WaitForRunAsync("succeeded");
        await Expect(tab.Heading("Iteration 1")).ToBeVisibleAsync();
        await tab.ScreenshotAsync("23-run-created");
        await tab.Main.GetByRole(AriaRole.Link, new() { Name = "greeter", Exact = true }).First.ClickAsync();
        await Expect(tab.Heading("greeter")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Greeter.cs, v1")).ToContainTextAsync("Hello, {name}!");

        // Deploy it and greet someone through the console.
        var deploy = tab.Form("Deploy");
        await deploy.GetByLabel("Environment").SelectOptionAsync("development");
        await tab.Button("Deploy", deploy).ClickAsync();
        await Expect(tab.Main).ToContainTextAsync("to development: done.");
        await Expect(tab.Main.Locator("dl.facts")).ToContainTextAsync("development: v1");
        var greet = tab.Main.Locator("form", new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Call Greet" }) });
        await greet.GetByLabel("name (string)").FillAsync("Ada");
        await tab.Button("Call Greet", greet).ClickAsync();
        await Expect(greet.Locator("pre.result")).ToHaveTextAsync("\"Hello, Ada!\"");
        await tab.ScreenshotAsync("24-created-object-invoked");

        await tab.GoAsync("Objects", "Objects");
        var row = tab.Main.Locator("tbody tr", new() { HasText = "greeter" });
        await Expect(row).ToContainTextAsync("succeeded");
        Assert.Empty(tab.Errors);
    }
}
