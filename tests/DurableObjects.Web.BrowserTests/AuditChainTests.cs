using Azure.Data.Tables;
using DurableObjects.Shared.Audit.Chain;
using DurableObjects.Shared.Storage;
using DurableObjects.Testing;
using static Microsoft.Playwright.Assertions;

namespace DurableObjects.Web.BrowserTests;

/// <summary>
/// The audit page verifies the decision chain: intact after real commits and a deploy, then broken at exactly the
/// record someone changed in Table Storage. A host of its own, since the test damages its chain.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AuditChainTests(Chromium chromium, NoModelHost fixture) : IClassFixture<NoModelHost>
{
    [Fact]
    public async Task AuditPage_VerifyTheChain_IntactThenBrokenAtTheChangedRecord()
    {
        var admin = fixture.Host.Admin();
        await admin.CreateObjectAsync("Calculator");
        await admin.AddVersionAsync("Calculator", Api.CalculatorV1 + "\n// v2\n");
        (await admin.PostAsync("/api/objects/Calculator/deploy", System.Net.Http.Json.JsonContent.Create(new { }))).EnsureSuccessStatusCode();
        await using var tab = await chromium.OpenAsync(fixture.Host);
        await tab.SignInAsync();

        await tab.GoAsync("Audit log", "Audit log");
        await tab.Button("Verify the decision chain").ClickAsync();
        var verdict = tab.Main.Locator(".chain-verdict");
        await Expect(verdict).ToContainTextAsync("Intact: 3 record(s)");
        await Expect(tab.Main.Locator("table.chain tbody tr")).ToHaveCountAsync(3);
        await tab.ScreenshotAsync("12-chain-intact");

        var table = new TableClient(fixture.Host.ConnectionString, fixture.Host.Prefix + TableNames.DecisionChain);
        var row = (await table.GetEntityAsync<TableEntity>(ChainEntity.Partition, ChainEntity.RecordRowKey(2))).Value;
        row["Actor"] = "mallory";
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        await tab.Button("Verify the decision chain").ClickAsync();

        await Expect(verdict).ToContainTextAsync("Broken at record 2");
        await Expect(tab.Main.Locator("table.chain tr.broken td").First).ToHaveTextAsync("2");
        await tab.ScreenshotAsync("13-chain-broken");
        Assert.Empty(tab.Errors);
    }
}
