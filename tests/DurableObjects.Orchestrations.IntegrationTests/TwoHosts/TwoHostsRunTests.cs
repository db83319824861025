using System.Net;
using DurableObjects.Orchestrations.IntegrationTests.Support;
using DurableObjects.Testing;

namespace DurableObjects.Orchestrations.IntegrationTests.TwoHosts;

/// <summary>
/// Two standalone hosts on one task hub share the runs: a run started on either host has its activities done by
/// whichever host asks the engine first, so the steps of the runs are recorded by both processes, and every run
/// still commits exactly one version.
/// </summary>
[Collection(nameof(TwoHostsCollection))]
public sealed class TwoHostsRunTests
{
    private const int Runs = 4;

    [Fact]
    public async Task Runs_StartedOnEitherHost_StepsDoneByBothAndOneVersionEach()
    {
        await using var pair = await HostPair.StartAsync();
        var names = Enumerable.Range(1, Runs).Select(i => $"Calculator{i}").ToArray();
        var ids = new string[Runs];
        for (var i = 0; i < Runs; i++)
        {
            var admin = pair.Hosts[i % 2].Admin();
            await admin.CreateCalculatorAsync(names[i]);
            ids[i] = await admin.ModifyAsync(names[i], new { prompt = "Add a Multiply method." });
        }

        // Each run is read back through the host that did not start it: both see every run.
        var runs = new System.Text.Json.Nodes.JsonObject[Runs];
        for (var i = 0; i < Runs; i++)
        {
            runs[i] = await pair.Hosts[(i + 1) % 2].Admin().WaitAsync(ids[i]);
        }
        var workers = new HashSet<string?>();
        for (var i = 0; i < Runs; i++)
        {
            foreach (var (_, worker) in await pair.StepWorkersAsync(ids[i]))
            {
                workers.Add(worker);
            }
        }

        Assert.True(runs.All(run => run.Status() == "succeeded"),
            string.Join("\n", runs.Where(run => run.Status() != "succeeded").Select(run => run.ToJsonString())) + "\n" + pair.Output());
        Assert.All(runs, run => Assert.Equal(2, run["version"]!.GetValue<int>()));
        Assert.All(runs, run => Assert.Single(run.StepNames(), s => s == "commit"));
        foreach (var name in names)
        {
            Assert.Equal(2, await pair.First.Admin().VersionCountAsync(name));
        }
        Assert.True(workers.Contains(HostPair.WorkerOf(pair.First)) && workers.Contains(HostPair.WorkerOf(pair.Second)),
            $"Steps were recorded by {string.Join(", ", workers)}; expected both {HostPair.WorkerOf(pair.First)} and {HostPair.WorkerOf(pair.Second)}.");
        Assert.Equal(2, workers.Count);
        Assert.Equal(3 * Runs, pair.Model.Replied);

        // Each run deployed its version: both hosts serve it, each from its own runner.
        foreach (var host in pair.Hosts)
        {
            foreach (var name in names)
            {
                var product = await host.Admin().PostAsync(new Uri($"/api/objects/{name}/invoke/Multiply", UriKind.Relative), Json(new { a = 6, b = 7 }));
                await product.ExpectAsync(HttpStatusCode.OK);
                Assert.Equal("42", await product.Content.ReadAsStringAsync());
                Assert.Equal("2", product.Headers.GetValues("X-Object-Version").Single());
            }
        }
    }

    private static StringContent Json(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
