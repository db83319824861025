using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using DurableObjects.Shared.Audit.Chain;
using DurableObjects.Shared.Storage;
using DurableObjects.Testing;

namespace DurableObjects.Functions.IntegrationTests.Http;

/// <summary>The decision chain through the API: commits, deploys and rollbacks are linked; a row changed in storage breaks it there.</summary>
public sealed class AuditApiTests : IAsyncLifetime
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
    public async Task Verify_AfterCommitsDeployAndRollback_IsIntactWithEveryDecisionLinked()
    {
        await _admin.CreateObjectAsync("Calculator");
        await _admin.AddVersionAsync("Calculator", Api.CalculatorV1 + "\n// v2\n");
        (await _admin.PostAsJsonAsync("/api/objects/Calculator/deploy", new { })).EnsureSuccessStatusCode();
        (await _admin.PostAsJsonAsync("/api/objects/Calculator/rollback", new { version = 1 })).EnsureSuccessStatusCode();

        var verify = await _admin.GetJsonAsync("/api/audit/verify");
        var chain = await _admin.GetJsonAsync("/api/audit/chain");

        Assert.True(verify["intact"]!.GetValue<bool>(), verify.ToJsonString());
        var records = chain["items"]!.AsArray();
        var types = records.Select(r => r!["type"]!.GetValue<string>()).Reverse().ToList();
        Assert.Equal(["object.created", "version.added", "deploy.succeeded", "deploy.succeeded", "object.rolled_back"], types);
        Assert.Equal(records.Count, verify["records"]!.GetValue<int>());
        Assert.Equal(records[0]!["hash"]!.GetValue<string>(), verify["headHash"]!.GetValue<string>());
        // Each record names the one before it.
        for (var i = 0; i < records.Count - 1; i++)
        {
            Assert.Equal(records[i + 1]!["hash"]!.GetValue<string>(), records[i]!["previousHash"]!.GetValue<string>());
        }
        Assert.Equal(ChainHashing.Genesis, records[^1]!["previousHash"]!.GetValue<string>());
        Assert.Contains("contentHash", records[^2]!["detailsJson"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ARowEditedInTableStorage_FailsAtExactlyThatRecord()
    {
        await _admin.CreateObjectAsync("Calculator");
        for (var i = 2; i <= 4; i++)
        {
            await _admin.AddVersionAsync("Calculator", Api.CalculatorV1 + $"\n// v{i}\n");
        }
        Assert.True((await _admin.GetJsonAsync("/api/audit/verify"))["intact"]!.GetValue<bool>());

        // Someone with the storage key changes what record 3 says (version 3's content hash), leaving its hash as it was.
        var table = new TableClient(_host.ConnectionString, _host.Prefix + TableNames.DecisionChain);
        var row = (await table.GetEntityAsync<TableEntity>(ChainEntity.Partition, ChainEntity.RecordRowKey(3))).Value;
        var details = row.GetString("DetailsJson");
        row["DetailsJson"] = System.Text.RegularExpressions.Regex.Replace(details, "\"contentHash\":\"[0-9a-f]{4}", "\"contentHash\":\"0000");
        Assert.NotEqual(details, row.GetString("DetailsJson"));
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        var verify = await _admin.GetJsonAsync("/api/audit/verify");

        Assert.False(verify["intact"]!.GetValue<bool>());
        Assert.Equal(3, verify["brokenAt"]!.GetValue<long>());
        Assert.Contains("changed", verify["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ARecordDeletedAndTheNextRelinked_FailsAtTheFirstMissingOrRelinkedRecord()
    {
        await _admin.CreateObjectAsync("Calculator");
        await _admin.AddVersionAsync("Calculator", Api.CalculatorV1 + "\n// v2\n");
        await _admin.AddVersionAsync("Calculator", Api.CalculatorV1 + "\n// v3\n");
        var table = new TableClient(_host.ConnectionString, _host.Prefix + TableNames.DecisionChain);

        await table.DeleteEntityAsync(ChainEntity.Partition, ChainEntity.RecordRowKey(2));
        var verify = await _admin.GetJsonAsync("/api/audit/verify");

        Assert.False(verify["intact"]!.GetValue<bool>());
        Assert.Equal(2, verify["brokenAt"]!.GetValue<long>());
        Assert.Contains("missing", verify["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chain_TwoHostsCommittingInParallel_NeverForks()
    {
        await using var second = await TestHost.StartAsync(prefix: _host.Prefix);
        await _admin.CreateObjectAsync("Calculator");
        await _admin.CreateObjectAsync("Other");

        // Two objects so the version writes themselves do not serialize on one object row: the chain is the only shared thing.
        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            (i % 2 == 0 ? _admin : second.Admin()).PostAsJsonAsync(
                $"/api/objects/{(i % 4 < 2 ? "Calculator" : "Other")}/versions",
                new { files = Api.Files(Api.CalculatorV1 + $"\n// change {i}\n"), summary = $"change {i}" })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var verify = await second.Admin().GetJsonAsync("/api/audit/verify");
        Assert.True(verify["intact"]!.GetValue<bool>(), verify.ToJsonString());
        Assert.Equal(18, verify["records"]!.GetValue<int>());
    }

    [Fact]
    public async Task Verify_WithoutAToken_Is401AndChangesNothing()
    {
        var response = await _host.Anonymous().GetAsync("/api/audit/verify");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Chain_ABadContinuationToken_Is400()
    {
        var response = await _admin.GetAsync("/api/audit/chain?continuationToken=forged");

        await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
    }
}
