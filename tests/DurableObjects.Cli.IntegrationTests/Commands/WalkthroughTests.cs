using System.Text.Json.Nodes;
using DurableObjects.Cli.IntegrationTests.Support;
using DurableObjects.Testing;

namespace DurableObjects.Cli.IntegrationTests.Commands;

/// <summary>The README's "From your shell" section, step by step with its code: login, create, pull, edit, push, deploy, invoke, roll back.</summary>
public sealed class WalkthroughTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string ReadmeV1 = """
        namespace Samples;

        /// <summary>Adds numbers.</summary>
        public class Calculator
        {
            public int Add(int a, int b) => a + b;
        }

        """;

    private const string ReadmeV2 = """
        namespace Samples;

        /// <summary>Adds and multiplies numbers.</summary>
        public class Calculator
        {
            public int Add(int a, int b) => a + b;

            public int Multiply(int a, int b) => a * b;
        }

        """;

    private const string ReadmeTestsV1 = """
        namespace Samples;

        public class CalculatorTests
        {
            public bool AddsNumbers() => new Calculator().Add(2, 3) == 5;
        }

        """;

    private const string ReadmeTestsV2 = """
        namespace Samples;

        public class CalculatorTests
        {
            public bool AddsNumbers() => new Calculator().Add(2, 3) == 5;

            public bool MultipliesNumbers() => new Calculator().Multiply(4, 5) == 20;
        }

        """;

    [Fact]
    public async Task Walkthrough_ReadmeSteps_EachSucceedsAndInvokeFollowsTheServingVersion()
    {
        var name = Objects.UniqueName("Calculator");
        using var cli = new Shell();
        var login = await cli.RunAsync("login", fixture.Host.BaseAddress!.ToString(), "--token", fixture.Host.AdminToken);
        Directory.CreateDirectory(cli.PathOf("calc", "Tests"));
        await File.WriteAllTextAsync(cli.PathOf("calc", "Calculator.cs"), ReadmeV1);
        await File.WriteAllTextAsync(cli.PathOf("calc", "Tests", "CalculatorTests.cs"), ReadmeTestsV1);

        var create = await cli.RunAsync("objects", "create", name, "calc", "-d", "Adds numbers");
        var pull = await cli.RunAsync("pull", name);
        await File.WriteAllTextAsync(cli.PathOf(name, "Calculator.cs"), ReadmeV2);
        await File.WriteAllTextAsync(cli.PathOf(name, "Tests", "CalculatorTests.cs"), ReadmeTestsV2);
        var push = await cli.RunAsync("push", name, "-m", "Add Multiply");
        var deploy = await cli.RunAsync("deploy", name, "--env", "development");
        var multiply = await cli.RunAsync("invoke", name, "Multiply", "--arg", "a=6", "--arg", "b=7", "--env", "development");
        var add = await cli.RunAsync("invoke", name, "Add", "{\"a\": 2, \"b\": 40}", "--env", "development");
        var promote = await cli.RunAsync("promote", name, "--from", "development");
        var rollback = await cli.RunAsync("rollback", name, "1");
        var gone = await cli.RunAsync("invoke", name, "Multiply", "--arg", "a=6", "--arg", "b=7", "--env", "development");
        var versions = await cli.RunAsync("versions", name);
        var diff = await cli.RunAsync("diff", name, "1", "2");

        foreach (var step in new[] { login, create, pull, push, deploy, multiply, add, promote, rollback, versions, diff })
        {
            Assert.True(step.ExitCode == 0, step.ToString());
        }
        Assert.Contains($"Created {name} v1", create.Out);
        Assert.Contains($"Pulled {name} v1", pull.Out);
        Assert.Contains($"accepted: v2 of {name}", push.Out);
        Assert.Contains("development=v2", deploy.Out);
        Assert.Equal("42", multiply.Out.Trim());
        Assert.Equal("42", add.Out.Trim());
        Assert.Contains("staging=v2", promote.Out);
        Assert.Contains("back to v1", rollback.Out);
        Assert.Equal(ExitCodes.Refused, gone.ExitCode);
        Assert.Contains("Unknown method", gone.Error);
        Assert.Contains("* v1", versions.Out);
        Assert.Contains("+    public int Multiply(int a, int b) => a * b;", diff.Out);
    }

    [Fact]
    public async Task Login_ValidToken_StoresUrlAndTokenReadableOnlyByTheUser()
    {
        using var cli = new Shell();

        var login = await cli.RunAsync("login", fixture.Host.BaseAddress!.ToString(), "--token", fixture.Host.AdminToken);
        var list = await cli.RunAsync("objects", "list", "--json");

        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.Contains("as admin", login.Out);
        var file = Path.Combine(cli.ConfigDirectory, "config.json");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        Assert.Equal(fixture.Host.AdminToken, JsonNode.Parse(await File.ReadAllTextAsync(file))!["token"]!.GetValue<string>());
        Assert.Equal(0, list.ExitCode);
    }

    [Fact]
    public async Task Login_BadToken_ExitFourAndNothingStored()
    {
        using var cli = new Shell();

        var login = await cli.RunAsync("login", fixture.Host.BaseAddress!.ToString(), "--token", "do_not-a-real-token");

        Assert.Equal(ExitCodes.Unavailable, login.ExitCode);
        Assert.StartsWith("error: ", login.Error);
        Assert.False(File.Exists(Path.Combine(cli.ConfigDirectory, "config.json")));
    }

    [Fact]
    public async Task AnyCommand_EnvironmentVariables_OverrideStoredLogin()
    {
        using var cli = new Shell();
        await cli.RunAsync("login", fixture.Host.BaseAddress!.ToString(), "--token", fixture.Host.AdminToken);
        cli.Set(CliEnvironment.TokenVariable, "do_wrong");

        var list = await cli.RunAsync("objects", "list");

        Assert.Equal(ExitCodes.Unavailable, list.ExitCode);
        Assert.Contains("DURABLEOBJECTS_TOKEN", list.Error);
    }

    [Fact]
    public async Task AnyCommand_ServerNotListening_ExitFourCannotReach()
    {
        using var cli = new Shell(new Uri("http://127.0.0.1:9"), "do_x");

        var list = await cli.RunAsync("objects", "list");

        Assert.Equal(ExitCodes.Unavailable, list.ExitCode);
        Assert.Contains("Cannot reach", list.Error);
    }
}
