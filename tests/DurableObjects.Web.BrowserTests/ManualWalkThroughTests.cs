using System.Text.RegularExpressions;
using DurableObjects.Testing;
using static Microsoft.Playwright.Assertions;

namespace DurableObjects.Web.BrowserTests;

/// <summary>
/// The seed's walk-through, method 1, with no language model configured: everything a person does by hand in the
/// browser — sign in, create an object, modify it with edited code and watch the pipeline evaluate it, deploy,
/// invoke through the console, compare versions, roll back — plus monitors, the audit log and the outbox.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ManualWalkThroughTests(Chromium chromium, NoModelHost fixture) : IClassFixture<NoModelHost>
{
    [Fact]
    public async Task SignIn_AWrongToken_IsRefusedInPlainWords_TheAdminTokenOpensTheObjects()
    {
        await using var tab = await chromium.OpenAsync(fixture.Host);

        await tab.SignInAsync("do_not-a-real-token");
        await Expect(tab.Main.GetByRole(AriaRole.Alert)).ToContainTextAsync("token");
        await Expect(tab.Heading("Sign in")).ToBeVisibleAsync();

        await tab.SignInAsync();
        await Expect(tab.Heading("Objects")).ToBeVisibleAsync();
        await tab.ScreenshotAsync("01-objects");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task SignInPage_Loads_WithNoFailedRequest()
    {
        await using var tab = await chromium.OpenAsync(fixture.Host);
        var failed = new List<string>();
        // A resource the browser asks for by itself (the tab's icon) shows only as a console error, not as a response.
        tab.Page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                failed.Add(message.Text);
            }
        };
        tab.Page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                failed.Add($"{response.Status} {response.Url}");
            }
        };

        await tab.Page.GotoAsync("/");
        await Expect(tab.Heading("Sign in")).ToBeVisibleAsync();
        await tab.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await tab.Page.WaitForTimeoutAsync(500);

        Assert.Empty(failed);
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task Method1_ByHand_Create_ModifyWithEditedCode_WatchTheEvaluation_Deploy_Invoke_Diff_RollBack()
    {
        await using var tab = await chromium.OpenAsync(fixture.Host);
        var page = tab.Page;
        await tab.SignInAsync();

        // 1. Create the object with its initial code (and a test the sandbox runs).
        await tab.GoAsync("New object", "New object");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("calculator");
        await page.GetByLabel("Description", new() { Exact = true }).FillAsync("Adds numbers");
        var first = page.GetByRole(AriaRole.Group, new() { Name = "File 1" });
        await first.GetByLabel("Path").FillAsync("Calculator.cs");
        await first.GetByLabel("C# source").FillAsync(Scripts.CalculatorV1);
        await tab.Button("Add a file").ClickAsync();
        var second = page.GetByRole(AriaRole.Group, new() { Name = "File 2" });
        await second.GetByLabel("Path").FillAsync("Tests/CalculatorTests.cs");
        await second.GetByLabel("C# source").FillAsync(Scripts.TestsV1);
        await tab.ScreenshotAsync("02-new-object");
        await tab.Button("Create").ClickAsync();
        await Expect(tab.Heading("calculator")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Calculator.cs, v1")).ToContainTextAsync("public int Add(int a, int b)");

        // 2. Modify it with edited code: the run page follows the pipeline live until the gates accept it.
        await tab.Button("Edit the code of v1").ClickAsync();
        await page.GetByLabel("Calculator.cs", new() { Exact = true }).FillAsync(Scripts.CalculatorV2);
        await page.GetByLabel("Tests/CalculatorTests.cs", new() { Exact = true }).FillAsync(Scripts.TestsV2);
        await page.GetByLabel("Summary", new() { Exact = true }).FillAsync("Multiply by hand");
        await tab.Button("Evaluate and apply").ClickAsync();
        await tab.WaitForRunAsync("succeeded");
        await Expect(tab.Heading("Iteration 1")).ToBeVisibleAsync();
        var gates = page.Locator("table", new() { Has = page.Locator("caption", new() { HasText = "Gates" }) }).First;
        await Expect(gates).ToContainTextAsync("passed");
        await Expect(tab.Main).ToContainTextAsync("Version v2");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Steps" })).ToContainTextAsync("commit");
        await tab.ScreenshotAsync("03-run-manual");

        // 3. Deploy v2 to development.
        await tab.Main.GetByRole(AriaRole.Link, new() { Name = "calculator", Exact = true }).First.ClickAsync();
        await Expect(tab.Heading("calculator")).ToBeVisibleAsync();
        var deploy = tab.Form("Deploy");
        await deploy.GetByLabel("Environment").SelectOptionAsync("development");
        await deploy.GetByLabel("Version").SelectOptionAsync("2");
        await tab.Button("Deploy", deploy).ClickAsync();
        await Expect(tab.Main).ToContainTextAsync("Deploy v2 to development: done.");
        await Expect(tab.Main.Locator("dl.facts")).ToContainTextAsync("development: v2");

        // 4. Invoke the new method through the console generated from the API schema.
        var multiply = tab.Main.Locator("form", new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Call Multiply" }) });
        await Expect(multiply).ToBeVisibleAsync();
        await multiply.GetByLabel("a (integer)").FillAsync("6");
        await multiply.GetByLabel("b (integer)").FillAsync("7");
        await tab.Button("Call Multiply", multiply).ClickAsync();
        await Expect(multiply.Locator("pre.result")).ToHaveTextAsync("42");
        await tab.ScreenshotAsync("04-object-invoked");

        // 5. The diff between v1 and v2.
        var compare = tab.Main.Locator("section", new() { Has = tab.Heading("Compare versions") });
        await compare.GetByLabel("From").SelectOptionAsync("1");
        await compare.GetByLabel("To").SelectOptionAsync("2");
        await tab.Button("Show diff", compare).ClickAsync();
        var diff = page.GetByLabel("Diff v1 to v2");
        await Expect(diff).ToContainTextAsync("+    public int Multiply(int a, int b) => a * b;");
        await diff.ScrollIntoViewIfNeededAsync();
        await tab.ScreenshotAsync("05-diff");

        // 6. Roll back to v1: it is current again and the console no longer offers Multiply.
        var rollBack = tab.Form("Roll back");
        await rollBack.GetByLabel("To version").SelectOptionAsync("1");
        await tab.Button("Roll back", rollBack).ClickAsync();
        await Expect(tab.Main).ToContainTextAsync("Roll back to v1: done.");
        await Expect(tab.Main.Locator("dl.facts")).ToContainTextAsync("development: v1");
        await Expect(tab.Button("Call Multiply")).ToHaveCountAsync(0);
        await Expect(tab.Button("Call Add")).ToBeVisibleAsync();
        await tab.ScreenshotAsync("06-rolled-back");

        // The runs list shows the run.
        await tab.GoAsync("Runs", "Runs");
        await Expect(tab.Main.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Open run ") })).Not.ToHaveCountAsync(0);
        await Expect(tab.Main).ToContainTextAsync("succeeded");
        await tab.ScreenshotAsync("07-runs");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task EditedCodeThatFailsItsTests_IsRejected_AndNothingIsCommitted()
    {
        await using var tab = await chromium.OpenAsync(fixture.Host);
        var page = tab.Page;
        var admin = fixture.Host.Admin();
        await admin.CreateObjectAsync("adder", Scripts.V1Files());
        await tab.SignInAsync();
        await page.GotoAsync("/#/objects/adder");

        await tab.Button("Edit the code of v1").ClickAsync();
        await page.GetByLabel("Calculator.cs", new() { Exact = true }).FillAsync(Scripts.CalculatorInjected);
        await page.GetByLabel("Tests/CalculatorTests.cs", new() { Exact = true }).FillAsync(Scripts.TestsV2);
        await tab.Button("Evaluate and apply").ClickAsync();

        await tab.WaitForRunAsync("rejected");
        await Expect(page.Locator("table", new() { Has = page.Locator("caption", new() { HasText = "Gates" }) }).First).ToContainTextAsync("failed");
        await tab.ScreenshotAsync("08-run-rejected");
        var versions = await admin.GetJsonAsync("/api/objects/adder");
        Assert.Equal(1, versions["latestVersion"]!.GetValue<int>());
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task WithNoModel_APrompt_AndCreateFromScratch_SayHowToConfigureOne()
    {
        await using var tab = await chromium.OpenAsync(fixture.Host);
        var page = tab.Page;
        await fixture.Host.Admin().CreateObjectAsync("counter", Scripts.V1Files());
        await tab.SignInAsync();
        await page.GotoAsync("/#/objects/counter");

        await page.GetByLabel("Describe the change").FillAsync("Add a Multiply method.");
        await tab.Button("Start modification").ClickAsync();
        await Expect(tab.Main.GetByRole(AriaRole.Alert)).ToContainTextAsync("AI:Provider");

        await tab.GoAsync("Create from scratch", "Create from scratch");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("greeter");
        await page.GetByLabel("Description", new() { Exact = true }).FillAsync("Greets people");
        await page.GetByLabel("Requirements", new() { Exact = true }).FillAsync("Greet(name) returns 'Hello, {name}!'");
        await tab.Button("Create from scratch").ClickAsync();
        await Expect(tab.Main.GetByRole(AriaRole.Alert)).ToContainTextAsync("AI:Provider");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await fixture.Host.Admin().GetAsync("/api/objects/greeter")).StatusCode);
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task Monitor_CreatedListedDisabledAndDeleted_AuditLogAndOutboxShown()
    {
        await using var tab = await chromium.OpenAsync(fixture.Host);
        var page = tab.Page;
        await tab.SignInAsync();

        await tab.GoAsync("Monitors", "Monitors");
        // An event type that does not exist is refused in plain words, naming the ones that do; nothing is stored.
        await page.GetByLabel("Event type").FillAsync("object.deployed");
        await page.GetByLabel("Channel").SelectOptionAsync("email");
        await page.GetByLabel(new Regex("^Target")).FillAsync("ops@example.com");
        await tab.Button("Create monitor").ClickAsync();
        await Expect(tab.Main.GetByRole(AriaRole.Alert)).ToContainTextAsync("No event type matches 'object.deployed'");
        await Expect(tab.Main).ToContainTextAsync("deploy.succeeded");
        Assert.Empty(Items(await fixture.Host.Admin().GetJsonAsync("/api/monitors")));

        await page.GetByLabel("Event type").FillAsync("deploy.succeeded");
        await tab.Button("Create monitor").ClickAsync();
        var row = tab.Main.Locator("tbody tr", new() { HasText = "deploy.succeeded" });
        await Expect(row).ToHaveCountAsync(1);
        await tab.ScreenshotAsync("09-monitors");

        await row.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Disable monitor") }).ClickAsync();
        await Expect(row.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Enable monitor") })).ToBeVisibleAsync();
        var listed = await fixture.Host.Admin().GetJsonAsync("/api/monitors");
        Assert.Contains(Items(listed), m => m!["eventType"]!.GetValue<string>() == "deploy.succeeded" && !m["enabled"]!.GetValue<bool>());

        await row.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Delete monitor") }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        Assert.DoesNotContain(Items(await fixture.Host.Admin().GetJsonAsync("/api/monitors")), m => m!["eventType"]!.GetValue<string>() == "deploy.succeeded");

        await tab.GoAsync("Audit log", "Audit log");
        await Expect(tab.Main.Locator("tbody tr").First).ToBeVisibleAsync();
        await Expect(tab.Main).ToContainTextAsync("monitor.");
        await tab.ScreenshotAsync("10-audit-log");

        await tab.GoAsync("Outbox", "Outbox");
        // Other walk-throughs on this host may have left undeliverable notices (the admin has no phone or email):
        // either the empty state or the table, never an error.
        await Expect(tab.Main.GetByText("Nothing is waiting").Or(tab.Main.Locator("table"))).ToBeVisibleAsync();
        await Expect(tab.Main.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await tab.ScreenshotAsync("11-outbox");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task OnANarrowScreen_TheObjectPageStillReads()
    {
        await fixture.Host.Admin().CreateObjectAsync("narrow", Scripts.V1Files());
        await using var tab = await chromium.OpenAsync(fixture.Host, width: 390, height: 844);
        await tab.SignInAsync();
        await tab.Page.GotoAsync("/#/objects/narrow");
        await Expect(tab.Heading("narrow")).ToBeVisibleAsync();

        var overflow = await tab.Page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"The page scrolls sideways by {overflow}px at 390px wide.");
        await tab.ScreenshotAsync("12-object-narrow");
        Assert.Empty(tab.Errors);
    }

    private static IEnumerable<System.Text.Json.Nodes.JsonNode?> Items(System.Text.Json.Nodes.JsonObject page) =>
        page["items"]?.AsArray() ?? [];
}
