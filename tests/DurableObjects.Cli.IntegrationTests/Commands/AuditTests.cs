using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using DurableObjects.Cli.IntegrationTests.Support;
using DurableObjects.Shared.Audit.Chain;
using DurableObjects.Shared.Storage;
using DurableObjects.Testing;

namespace DurableObjects.Cli.IntegrationTests.Commands;

/// <summary><c>audit verify</c> and <c>audit chain</c> against a host of their own (the test changes a stored record).</summary>
public sealed class AuditTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(listen: true);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AuditVerify_IntactThenARecordChangedInStorage_ExitsZeroThenFiveNamingIt()
    {
        await _host.Admin().CreateCalculatorAsync("Calculator");
        var v2 = Scripts.V1Files();
        v2["Calculator.cs"] += "\n// v2\n";
        (await _host.Admin().PostAsJsonAsync("/api/objects/Calculator/versions", new { files = v2, summary = "v2" })).EnsureSuccessStatusCode();
        using var cli = Shell.For(_host);

        var intact = await cli.RunAsync("audit", "verify");
        var chain = await cli.RunAsync("audit", "chain", "--json");
        var table = new TableClient(_host.ConnectionString, _host.Prefix + TableNames.DecisionChain);
        var row = (await table.GetEntityAsync<TableEntity>(ChainEntity.Partition, ChainEntity.RecordRowKey(1))).Value;
        row["Actor"] = "someone-else";
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        var broken = await cli.RunAsync("audit", "verify");

        Assert.True(intact.ExitCode == ExitCodes.Ok, intact.ToString());
        Assert.Contains("intact: 2 record(s)", intact.Out, StringComparison.Ordinal);
        Assert.Equal(2, JsonNode.Parse(chain.Out)!["items"]!.AsArray().Count);
        Assert.Equal(ExitCodes.ChainBroken, broken.ExitCode);
        Assert.Contains("BROKEN at record 1", broken.Out, StringComparison.Ordinal);
    }
}
