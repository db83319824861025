using DurableObjects.Sandbox.Runners;

namespace DurableObjects.Runner.IntegrationTests.HostileCorpus;

/// <summary>
/// Hostile code that passes the policy (it uses only permitted APIs) but misbehaves when run. Each must be contained
/// with a clear outcome: one of the expected statuses, and the message fragment when one is given.
/// </summary>
internal static class RunTimeCases
{
    public sealed record Case(string Code, InvocationStatus[] Expected, string? MessageContains = null,
        string Arguments = "{}");

    public static readonly IReadOnlyDictionary<string, Case> ByName = new Dictionary<string, Case>
    {
        ["infinite-loop"] = new(Run("while (true) { }"), [InvocationStatus.Timeout], "did not finish"),
        ["stack-overflow"] = new(Members("public object? Run() => Down(0);", "static int Down(int n) => Down(n + 1) + 1;"),
            [InvocationStatus.RunnerCrashed], "stopped"),
        ["allocation-bomb"] = new(Run("var hoard = new List<byte[]>(); while (true) hoard.Add(new byte[1 << 20]);"),
            [InvocationStatus.ObjectThrew, InvocationStatus.RunnerCrashed]),
        ["huge-string-result"] = new(Run("return new string('x', 5_000_000);"),
            [InvocationStatus.ResultTooLarge]),
        ["huge-collection-result"] = new(Run("return Enumerable.Range(0, 10_000_000);"), [InvocationStatus.ResultTooLarge]),
        ["console-flood"] = new(Run("for (var i = 0; i < 2_000_000; i++) Console.Write(\"flood \"); return \"ok\";"),
            [InvocationStatus.Ok]),
        ["console-fake-frames"] = new(Run("Console.Write(\"\\u0009\\u0000\\u0000\\u0000\\u0080\\u0001\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\"); Console.WriteLine(\"\\u0000\\u00ff\\r\\n\"); return \"ok\";"),
            [InvocationStatus.Ok]),
        ["static-ctor-loop"] = new(Members("public object? Run() => Trap.Value;",
            "static class Trap { public static readonly int Value = Loop(); static int Loop() { while (true) { } } }"),
            [InvocationStatus.Timeout]),
        ["static-ctor-throws"] = new(Members("public object? Run() => Trap.Value;",
            "static class Trap { public static readonly int Value = int.Parse(\"not a number\"); }"),
            [InvocationStatus.ObjectThrew], "type initializer"),
        ["constructor-loop"] = new("public class Hostile { public Hostile() { while (true) { } } public int Ok() => 1; public object? Run() => null; }",
            [InvocationStatus.Timeout], "Loading the object"),
        ["exception-message-throws"] = new(Members("public object? Run() => throw new Evil();",
            "class Evil : Exception { public override string Message => throw new InvalidOperationException(\"gotcha\"); }"),
            [InvocationStatus.ObjectThrew], "Message property threw"),
        ["exception-huge-message"] = new(Run("throw new InvalidOperationException(new string('m', 5_000_000));"),
            [InvocationStatus.ObjectThrew], "truncated"),
        ["exception-fake-stacktrace"] = new(Members("public object? Run() => throw new Liar();",
            "class Liar : Exception { public override string StackTrace => \"at Host.Secret()\"; public override string ToString() => \"at Host.Secret()\"; public Liar() : base(\"liar\") { } }"),
            [InvocationStatus.ObjectThrew], "liar"),
        ["exception-message-loops"] = new(Members("public object? Run() => throw new Slow();",
            "class Slow : Exception { public override string Message { get { while (true) { } } } }"),
            [InvocationStatus.Timeout]),
        ["async-void-crash"] = new(Members("public object? Run() { Boom(); return \"returned\"; }",
            "static async void Boom() { await Task.CompletedTask; throw new InvalidOperationException(\"async void\"); }"),
            [InvocationStatus.Ok, InvocationStatus.RunnerCrashed]),
        ["monitor-deadlock"] = new(Members("private readonly object _gate = new();",
            "public object? Run() { lock (_gate) { System.Threading.Monitor.Wait(_gate); } return null; }"),
            [InvocationStatus.Timeout]),
        ["cyclic-result"] = new(Members("public Node Run() { var n = new Node(); n.Next = n; return n; }",
            "public class Node { public Node? Next { get; set; } }"),
            [InvocationStatus.ObjectThrew], "cycle"),
        ["throwing-result-getter"] = new(Members("public Bad Run() => new Bad();",
            "public class Bad { public int Value => throw new NotSupportedException(\"no value\"); }"),
            [InvocationStatus.ObjectThrew], "no value"),
        ["recursive-result-getter"] = new(Members("public Deep Run() => new Deep();",
            "public class Deep { public Deep Child => new Deep(); }"),
            [InvocationStatus.ObjectThrew], "depth"),
        ["deeply-nested-arguments"] = new(Members("public int Run(List<object> nested) => nested.Count;"),
            [InvocationStatus.BadArguments], null, "{\"nested\":" + new string('[', 500) + new string(']', 500) + "}"),
        ["regex-catastrophic-with-timeout"] = new(Run("return System.Text.RegularExpressions.Regex.IsMatch(new string('a', 5000) + \"!\", \"^(a+)+$\", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(200));"),
            [InvocationStatus.ObjectThrew], "timed out"),
        ["result-getter-loops"] = new(Members("public Slow Run() => new Slow();",
            "public class Slow { public int Value { get { while (true) { } } } }"),
            [InvocationStatus.Timeout]),
        ["infinite-enumerable-result"] = new(Members("public IEnumerable<int> Run() { while (true) yield return 1; }"),
            [InvocationStatus.ResultTooLarge]),
        // Each call instantiates a new generic type: JIT and type-loader memory, outside the GC heap limit, bounded by the
        // runner's control group where it has one (RunnerControlGroupTests), by the timeout here.
        ["generic-instantiation-explosion"] = new(Members("public object? Run() => Grow<int>(1_000_000);",
            "static int Grow<T>(int n) => n == 0 ? 0 : 1 + Grow<List<T>>(n - 1);"),
            [InvocationStatus.Timeout, InvocationStatus.RunnerCrashed, InvocationStatus.ObjectThrew]),
        ["delegate-begininvoke"] = new(Run("Action a = () => { while (true) { } }; a.BeginInvoke(null, null); return null;"),
            [InvocationStatus.ObjectThrew], "not supported"),
    };

    public static TheoryData<string> Names => [.. ByName.Keys];

    private static string Run(string body) => Members($"public object? Run() {{ {body} }}");

    private static string Members(params string[] members) => $$"""
        public class Hostile
        {
            public int Ok() => 1;
            {{string.Join("\n    ", members.Where(m => !m.StartsWith("class ", StringComparison.Ordinal) && !m.StartsWith("static class", StringComparison.Ordinal) && !m.StartsWith("public class", StringComparison.Ordinal)))}}
        }

        {{string.Join("\n", members.Where(m => m.StartsWith("class ", StringComparison.Ordinal) || m.StartsWith("static class", StringComparison.Ordinal) || m.StartsWith("public class", StringComparison.Ordinal)))}}
        """;
}
