using DurableObjects.Sandbox.Compiling;
using DurableObjects.Sandbox.Runners;

namespace DurableObjects.Runner.IntegrationTests;

/// <summary>Compiles object code and deploys it to a real runner process.</summary>
internal static class RunnerKit
{
    public static ObjectCompiler Compiler { get; } = new();

    public const string Calculator = """
        public class Calculator
        {
            private int _calls;

            public int Add(int a, int b) => a + b;

            public int Calls() => System.Threading.Interlocked.Increment(ref _calls);

            public async Task<string> Greet(string name = "world") { await Task.CompletedTask; return $"hello {name}"; }

            public void Fail(string message) => throw new InvalidOperationException(message);

            public string Spin(int ms)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                while (watch.ElapsedMilliseconds < ms) { }
                return "done";
            }

            public string Chatty(int lines)
            {
                for (var i = 0; i < lines; i++) Console.WriteLine($"line {i}");
                return "quiet result";
            }

            public int Recurse(int n) => n <= 0 ? 0 : 1 + Recurse(n - 1) + Recurse(-1);

            public string Big(int size) => new string('x', size);
        }

        public class CalculatorTests
        {
            public bool Add_Small_Works() => new Calculator().Add(2, 3) == 5;
            public void Greet_Default_SaysHello() { if (new Calculator().Greet().Result != "hello world") throw new Exception("wrong"); }
            public bool Deliberately_Failing() => false;
        }
        """;

    public static RunnerOptions Options(Action<RunnerOptions>? configure = null)
    {
        var options = new RunnerOptions
        {
            InvocationTimeout = TimeSpan.FromSeconds(3),
            StartTimeout = TimeSpan.FromSeconds(10),
            HeapHardLimitBytes = 192L << 20,
            MaxResultBytes = 256 << 10,
            MaxOutputBytes = 16 << 10,
            IdleTimeout = TimeSpan.Zero,
        };
        configure?.Invoke(options);
        return options;
    }

    public static RunnerDeployment Deployment(string code, string name = "object")
    {
        var result = Compiler.Compile(new Dictionary<string, string> { ["Object.cs"] = code });
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return RunnerDeployment.From(name, result);
    }

    public static RunnerClient Client(string code, RunnerOptions? options = null) =>
        new(Deployment(code), options ?? Options());

    /// <summary>Starts a fresh, well-behaved runner and checks it answers correctly.</summary>
    public static async Task AssertHealthyRunnerAsync()
    {
        await using var healthy = Client(Calculator);
        var outcome = await healthy.InvokeAsync("Add", """{"a":40,"b":2}""");
        Assert.Equal(InvocationStatus.Ok, outcome.Status);
        Assert.Equal("42", outcome.ResultJson);
    }

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    /// <summary>Whether the process still runs; a killed child stays a zombie until reaped, which counts as gone.</summary>
    public static bool ProcessAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return !stat.Contains(") Z ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
