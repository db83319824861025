using DurableObjects.Sandbox.Compiling;

namespace DurableObjects.Sandbox.UnitTests.Policy;

public class SemanticPolicyTests
{
    public static TheoryData<string, string, string> BannedSnippets => new()
    {
        { "file read", "return System.IO.File.ReadAllText(\"/etc/passwd\");", "file system" },
        { "directory listing", "return System.IO.Directory.GetFiles(\"/\");", "file system" },
        { "http client", "return new System.Net.Http.HttpClient();", "network" },
        { "socket", "return new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);", "network" },
        { "dns", "return System.Net.Dns.GetHostName();", "network" },
        { "process start", "return System.Diagnostics.Process.Start(\"sh\");", "processes" },
        { "environment variable", "return Environment.GetEnvironmentVariable(\"PATH\");", "environment" },
        { "environment exit", "Environment.Exit(1);", "environment" },
        { "get type", "return \"x\".GetType();", "reflection" },
        { "type get type", "return Type.GetType(\"System.IO.File\");", "reflection" },
        { "typeof", "return typeof(string);", "reflection" },
        { "activator", "return Activator.CreateInstance<System.Text.StringBuilder>();", "reflection" },
        { "reflection namespace", "return System.Reflection.Assembly.GetExecutingAssembly();", "reflection" },
        { "delegate method", "Func<int> f = () => 1; return f.Method;", "reflection" },
        { "exception target site", "return new Exception().TargetSite;", "reflection" },
        { "dynamic", "dynamic d = 1; return d;", "dynamic" },
        { "thread", "new System.Threading.Thread(() => { }).Start();", "schedule" },
        { "timer", "return new System.Threading.Timer(_ => { });", "schedule" },
        { "thread pool", "System.Threading.ThreadPool.QueueUserWorkItem(_ => { });", "schedule" },
        { "task run", "return Task.Run(() => 1);", "schedule" },
        { "task delay", "return Task.Delay(10);", "schedule" },
        { "task factory", "return Task.Factory.StartNew(() => 1);", "schedule" },
        { "parallel", "System.Threading.Tasks.Parallel.For(0, 2, _ => { });", "schedule" },
        { "gc", "GC.Collect();", "garbage collector" },
        { "app domain", "return AppDomain.CurrentDomain;", "AppDomain" },
        { "assembly load context", "return new System.Runtime.Loader.AssemblyLoadContext(\"x\");", "assembly loading" },
        { "marshal", "return System.Runtime.InteropServices.Marshal.AllocHGlobal(10);", "native interop" },
        { "unsafe class", "return System.Runtime.CompilerServices.Unsafe.SizeOf<int>();", "unchecked memory" },
        { "expression compile", "System.Linq.Expressions.Expression<Func<int>> e = () => 1; return e.Compile();", "expression" },
        { "stackalloc", "Span<int> s = stackalloc int[4]; return s.Length;", "stackalloc" },
        { "console read", "return Console.ReadLine();", "Console.Write" },
        { "console set out", "Console.SetOut(new System.IO.StringWriter());", "Console.Write" },
        { "regex without timeout", "return System.Text.RegularExpressions.Regex.IsMatch(\"a\", \"a+\");", "matchTimeout" },
        { "regex ctor without timeout", "return new System.Text.RegularExpressions.Regex(\"a+\");", "matchTimeout" },
        { "queryable", "return new[] { 1 }.AsQueryable();", "expression trees" },
        { "app context", "return AppContext.BaseDirectory;", "runtime switches" },
        { "string writer async", "return new System.IO.StringWriter().WriteAsync(\"x\");", "thread pool" },
        { "string reader async", "return new System.IO.StringReader(\"x\").ReadToEndAsync();", "thread pool" },
    };

    [Theory]
    [MemberData(nameof(BannedSnippets))]
    public void Compile_BannedApi_FailsWithPolicyDiagnostic(string name, string statements, string reason)
    {
        var result = ObjectCode.Compile(ObjectCode.InMethod(statements));

        Assert.False(result.Success, name);
        var violation = Assert.Single(result.Errors.Where(e => e.Id == CompilerDiagnostic.PolicyViolationId).Take(1));
        Assert.Contains(reason, violation.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Object.cs", violation.File);
        Assert.Equal(6, violation.Line);
    }

    public static TheoryData<string, string, string> BannedDeclarations => new()
    {
        { "unsafe method", "public class P { public unsafe int Run() { int x = 1; int* p = &x; return *p; } }", "unsafe" },
        { "function pointer", "public unsafe class P { public int Run() { delegate*<int> f = null; return 0; } }", "unsafe" },
        { "dll import", "public class P { [System.Runtime.InteropServices.DllImport(\"libc\")] public static extern int getpid(); }", "interop" },
        { "module initializer", "public class P { [System.Runtime.CompilerServices.ModuleInitializer] internal static void Init() { } }", "module initializer" },
        { "finalizer", "public class P { ~P() { while (true) { } } public int Run() => 1; }", "finalizer" },
        { "banned base type", "public class P : System.IO.FileSystemWatcher { public int Run() => 1; }", "file system" },
        { "banned field type", "public class P { private System.Threading.Thread? _t; public int Run() => 1; }", "schedule" },
        { "using alias", "using F = System.IO.File; public class P { public string Run() => F.ReadAllText(\"x\"); }", "file system" },
        { "using static", "using static System.Environment; public class P { public string? Run() => GetEnvironmentVariable(\"X\"); }", "environment" },
        { "generic argument", "public class P { public object Run() => new List<System.IO.FileInfo>(); }", "file system" },
        { "async iterator", "public class P { public async IAsyncEnumerable<int> Run() { await Task.CompletedTask; yield return 1; } }", "async iterator" },
        { "async local iterator", "public class P { public int Run() { async IAsyncEnumerable<int> Items() { await Task.CompletedTask; yield return 1; } return 1; } }", "async iterator" },
    };

    [Theory]
    [MemberData(nameof(BannedDeclarations))]
    public void Compile_BannedDeclaration_FailsWithReason(string name, string code, string reason)
    {
        var result = ObjectCode.Compile(code);

        Assert.False(result.Success, name);
        Assert.Contains(result.Errors, e => e.Message.Contains(reason, StringComparison.OrdinalIgnoreCase));
        Assert.All(result.Errors, e => Assert.True(e.Line > 0, $"{name}: {e}"));
    }

    [Fact]
    public void Compile_RegexWithTimeout_IsAllowed()
    {
        var result = ObjectCode.Compile(ObjectCode.InMethod(
            "return new System.Text.RegularExpressions.Regex(\"a+\", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)).IsMatch(\"aa\");"));

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void Compile_AsyncAwaitOnCompletedTasks_IsAllowed()
    {
        var result = ObjectCode.Compile("""
            public class P
            {
                public async Task<int> Run() { var a = await Task.FromResult(1); await Task.WhenAll(Task.CompletedTask); return a; }
                public async ValueTask<string> Name() { await Task.CompletedTask; return "x"; }
            }
            """);

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void Compile_AsyncShapesTheCompilerLowersToBuildersAndAwaiters_AreAllowed()
    {
        // Async methods and void, configured awaits, GetAwaiter().GetResult() and in-memory text writers: the compiler
        // emits the builder and awaiter calls the policy keeps from source code.
        var result = ObjectCode.Compile("""
            public class P
            {
                public async Task<int> Run() { await Task.CompletedTask.ConfigureAwait(false); return await Task.FromResult(1).ConfigureAwait(false); }
                public async ValueTask<string> Name() { await new ValueTask<int>(1).ConfigureAwait(false); return await new ValueTask<string>("x"); }
                public int Sync() => Task.FromResult(2).GetAwaiter().GetResult();
                public async void Fire() => await Task.CompletedTask;
                public string Text() { var w = new System.IO.StringWriter(); w.Write("a"); w.WriteLine(1); return w.ToString(); }
            }
            """);

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
    }
}
