using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using DurableObjects.Sandbox.Runners;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableObjects.Functions.IntegrationTests.Http;

/// <summary>Deploy, invoke, redeploy, roll back, fail a deploy, promote — with real runner processes and real Azurite.</summary>
public sealed class DeploymentsApiTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["DurableObjects:Runner:InvocationTimeout"] = "00:00:02",
        });
        _admin = _host.Admin();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private const string Calculator = """
        namespace Samples;

        /// <summary>A calculator.</summary>
        public class Calculator
        {
            /// <summary>Adds two numbers.</summary>
            public int Add(int a, int b) => a + b;

            public int Divide(int a, int b) => a / b;

            public void Spin() { while (true) { } }

            public string Version() => "one";
        }
        """;

    [Fact]
    public async Task Deploy_ThenInvoke_ReturnsTheMethodsJsonResult()
    {
        await _admin.CreateObjectAsync("Calculator", Api.Files(Calculator));

        var deployed = await DeployAsync("Calculator");
        var sum = await InvokeAsync("Calculator", "Add", new { a = 2, b = 40 });

        Assert.Equal("deployed", deployed["status"]!.GetValue<string>());
        Assert.Equal(1, deployed["deployments"]!["production"]!["version"]!.GetValue<int>());
        await sum.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("42", await sum.Content.ReadAsStringAsync());
        Assert.Equal("1", sum.Headers.GetValues("X-Object-Version").Single());
    }

    [Fact]
    public async Task ApiSchema_IsDerivedFromTheCompiledCode()
    {
        var created = await _admin.CreateObjectAsync("Calculator", Api.Files(Calculator));

        var methods = created["apiSchema"]!["methods"]!.AsArray().Select(m => m!["name"]!.GetValue<string>()).ToList();

        Assert.Contains("Add", methods);
        Assert.Equal("Adds two numbers.", created["apiSchema"]!["methods"]!.AsArray().First(m => m!["name"]!.GetValue<string>() == "Add")!["summary"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Nope", "{}", HttpStatusCode.NotFound)]
    [InlineData("Add", "{\"a\": \"two\", \"b\": 1}", HttpStatusCode.BadRequest)]
    [InlineData("Add", "[1, 2]", HttpStatusCode.BadRequest)]
    [InlineData("Add", "{ not json", HttpStatusCode.BadRequest)]
    [InlineData("Divide", "{\"a\": 1, \"b\": 0}", HttpStatusCode.UnprocessableEntity)]
    [InlineData("Spin", "{}", HttpStatusCode.GatewayTimeout)]
    public async Task Invoke_Failures_AreProblemsWithTheRightStatus(string method, string body, HttpStatusCode expected)
    {
        await _admin.CreateObjectAsync("Calculator", Api.Files(Calculator));
        await DeployAsync("Calculator");

        var response = await _admin.PostAsync($"/api/objects/Calculator/invoke/{method}", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.ExpectProblemAsync(expected);
        Assert.DoesNotContain("   at ", problem.ToJsonString(), StringComparison.Ordinal);
        if (expected == HttpStatusCode.UnprocessableEntity)
        {
            Assert.Equal("DivideByZeroException", problem["exceptionType"]!.GetValue<string>().Split('.').Last());
        }
        // The runner keeps (or comes back to) serving.
        var after = await InvokeAsync("Calculator", "Add", new { a = 1, b = 1 });
        Assert.Equal("2", await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Invoke_NotDeployedOrUnknownObject_Returns404()
    {
        await _admin.CreateObjectAsync("Calculator", Api.Files(Calculator));

        await (await InvokeAsync("Calculator", "Add", new { a = 1, b = 2 })).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await InvokeAsync("Ghost", "Add", new { a = 1, b = 2 })).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Invoke_Anonymous_IsRefusedUntilTheOwnerMakesItPublic()
    {
        await _admin.CreateObjectAsync("Calculator", Api.Files(Calculator));
        await DeployAsync("Calculator");
        var anonymous = _host.Anonymous();

        var before = await anonymous.PostAsJsonAsync("/api/objects/Calculator/invoke/Add", new { a = 1, b = 2 });
        (await _admin.PatchAsJsonAsync("/api/objects/Calculator", new { publicInvoke = true })).EnsureSuccessStatusCode();
        var after = await anonymous.PostAsJsonAsync("/api/objects/Calculator/invoke/Add", new { a = 1, b = 2 });
        var badToken = _host.As("do_bogus-token-value");
        var forged = await badToken.PostAsJsonAsync("/api/objects/Calculator/invoke/Add", new { a = 1, b = 2 });

        await before.ExpectProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("3", await after.Content.ReadAsStringAsync());
        await forged.ExpectProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Redeploy_NewVersion_ServesIt_AndRollbackServesTheOldOneAgain()
    {
        await _admin.CreateObjectAsync("Calculator", Api.Files(Calculator));
        await DeployAsync("Calculator");
        await _admin.AddVersionAsync("Calculator", Calculator.Replace("\"one\"", "\"two\""));
        await DeployAsync("Calculator");
        var second = await (await InvokeAsync("Calculator", "Version")).Content.ReadAsStringAsync();

        var rolledBack = await _admin.PostAsJsonAsync("/api/objects/Calculator/rollback", new { version = 1 });
        var first = await (await InvokeAsync("Calculator", "Version")).Content.ReadAsStringAsync();

        Assert.Equal("\"two\"", second);
        await rolledBack.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("\"one\"", first);
        var found = await _admin.GetJsonAsync("/api/objects/Calculator");
        Assert.Equal(1, found["deployments"]!["production"]!["version"]!.GetValue<int>());
        Assert.Equal(1, found["currentVersion"]!.GetValue<int>());
    }

    [Fact]
    public async Task Deploy_VersionWhoseTestsFail_MarksFailedAndKeepsTheOldVersionServing()
    {
        await _admin.CreateObjectAsync("Calculator", Api.Files(Calculator));
        await DeployAsync("Calculator");
        var broken = Calculator.Replace("\"one\"", "\"broken\"") + """

            public class CalculatorTests
            {
                public bool Add_TwoAndTwo_IsFour() => new Samples.Calculator().Add(2, 2) == 5;
            }
            """;
        await _admin.AddVersionAsync("Calculator", broken);

        var response = await _admin.PostAsJsonAsync("/api/objects/Calculator/deploy", new { });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Add_TwoAndTwo_IsFour", problem.ToJsonString(), StringComparison.Ordinal);
        var found = await _admin.GetJsonAsync("/api/objects/Calculator");
        Assert.Equal("failed", found["status"]!.GetValue<string>());
        Assert.Contains("tests", found["lastError"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, found["deployments"]!["production"]!["version"]!.GetValue<int>());
        Assert.Equal("\"one\"", await (await InvokeAsync("Calculator", "Version")).Content.ReadAsStringAsync());
        var events = await _admin.GetJsonAsync("/api/events?type=deploy.failed");
        Assert.Single(events["items"]!.AsArray());
    }

    [Fact]
    public async Task Deploy_ConstructorThatThrows_FailsTheSmokeCheck()
    {
        await _admin.CreateObjectAsync("Fragile", Api.Files("namespace Samples; public class Fragile { public Fragile() { throw new InvalidOperationException(\"no\"); } public int One() => 1; }"));

        var response = await _admin.PostAsJsonAsync("/api/objects/Fragile/deploy", new { });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("smoke", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await (await InvokeAsync("Fragile", "One")).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Environments_DeployToDevelopment_ThenPromoteStepByStep()
    {
        await _admin.CreateObjectAsync("Calculator", Api.Files(Calculator));
        await DeployAsync("Calculator", "development");

        var productionBefore = await InvokeAsync("Calculator", "Add", new { a = 1, b = 1 });
        var development = await InvokeAsync("Calculator", "Add", new { a = 1, b = 1 }, "development");
        (await _admin.PostAsJsonAsync("/api/objects/Calculator/promote", new { from = "development" })).EnsureSuccessStatusCode();
        (await _admin.PostAsJsonAsync("/api/objects/Calculator/promote", new { from = "staging" })).EnsureSuccessStatusCode();
        var productionAfter = await InvokeAsync("Calculator", "Add", new { a = 1, b = 1 });
        var pastTheEnd = await _admin.PostAsJsonAsync("/api/objects/Calculator/promote", new { from = "production" });
        var unknown = await _admin.PostAsJsonAsync("/api/objects/Calculator/deploy", new { environment = "moon" });

        await productionBefore.ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("2", await development.Content.ReadAsStringAsync());
        Assert.Equal("2", await productionAfter.Content.ReadAsStringAsync());
        await pastTheEnd.ExpectProblemAsync(HttpStatusCode.BadRequest);
        await unknown.ExpectProblemAsync(HttpStatusCode.BadRequest);
        var found = await _admin.GetJsonAsync("/api/objects/Calculator");
        Assert.Equal(["development", "production", "staging"], found["deployments"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Runner_KilledFromOutside_RestartsOnTheNextCall()
    {
        await _admin.CreateObjectAsync("Calculator", Api.Files(Calculator));
        await DeployAsync("Calculator");
        await InvokeAsync("Calculator", "Add", new { a = 1, b = 1 });
        var pool = _host.Services.GetRequiredService<RunnerPool>();
        Assert.True(pool.TryGet(pool.Keys.Single(), out var client));
        System.Diagnostics.Process.GetProcessById(client!.ProcessId!.Value).Kill();
        await Task.Delay(200);

        var answer = await InvokeAsync("Calculator", "Add", new { a = 20, b = 22 });

        Assert.Equal("42", await answer.Content.ReadAsStringAsync());
        Assert.True(client.StartCount >= 2);
    }

    [Fact]
    public async Task HostileObject_Hanging_DoesNotDisturbAnotherObject()
    {
        await _admin.CreateObjectAsync("Calculator", Api.Files(Calculator));
        await _admin.CreateObjectAsync("Spinner", Api.Files("namespace Samples; public class Spinner { public int Spin() { while (true) { } } }"));
        await DeployAsync("Calculator");
        await DeployAsync("Spinner");

        var spinning = InvokeAsync("Spinner", "Spin");
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => InvokeAsync("Calculator", "Add", new { a = i, b = 1 })));
        var timedOut = await spinning;

        await timedOut.ExpectProblemAsync(HttpStatusCode.GatewayTimeout);
        for (var i = 0; i < answers.Length; i++)
        {
            Assert.Equal((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), await answers[i].Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Create_CachesTheCompiledArtifactInBlobStorageByContentHash()
    {
        await _admin.CreateObjectAsync("Calculator", Api.Files(Calculator));
        var version = await _admin.GetJsonAsync("/api/objects/Calculator/versions/1");
        var hash = version["contentHash"]!.GetValue<string>();

        var container = new Azure.Storage.Blobs.BlobServiceClient(_host.ConnectionString).GetBlobContainerClient(_host.Prefix.ToLowerInvariant() + "artifacts");
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        // One blob per artifact (its manifest and assembly together): stored and found in one request each.
        Assert.Single(names, n => n.Contains($"/{hash}.", StringComparison.Ordinal));
        Assert.Contains(names, n => n.EndsWith($"/{hash}.artifact", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restart_DeployedObject_KeepsServingWithoutARedeploy()
    {
        await _admin.CreateObjectAsync("Calculator", Api.Files(Calculator));
        await DeployAsync("Calculator");
        var (prefix, token) = (_host.Prefix, _host.AdminToken);
        await _host.DisposeAsync();

        _host = await TestHost.StartAsync(prefix);
        var answer = await _host.As(token).PostAsJsonAsync("/api/objects/Calculator/invoke/Add", new { a = 5, b = 6 });

        await answer.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("11", await answer.Content.ReadAsStringAsync());
    }

    private async Task<JsonObject> DeployAsync(string name, string? environment = null)
    {
        var response = await _admin.PostAsJsonAsync($"/api/objects/{name}/deploy", new { environment });
        await response.ExpectAsync(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private Task<HttpResponseMessage> InvokeAsync(string name, string method, object? arguments = null, string? environment = null) =>
        _admin.PostAsJsonAsync($"/api/objects/{name}/invoke/{method}" + (environment is null ? "" : $"?environment={environment}"), arguments ?? new { });
}
