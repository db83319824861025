namespace DurableObjects.Runner.IntegrationTests.HostileCorpus;

/// <summary>
/// Hostile code the compiler must reject, each with the words its diagnostic must contain. Every case is a complete
/// object (an API class named Hostile) so nothing but the policy stands between it and a runner.
/// </summary>
internal static class CompileTimeCases
{
    public static TheoryData<string, string, string> All => new()
    {
        { "file-read", Run("return System.IO.File.ReadAllText(\"/etc/passwd\");"), "file system" },
        { "file-write", Run("System.IO.File.WriteAllText(\"/tmp/pwned\", \"x\"); return null;"), "file system" },
        { "file-stream", Run("return new System.IO.FileStream(\"/etc/shadow\", System.IO.FileMode.Open);"), "file system" },
        { "directory-listing", Run("return System.IO.Directory.GetFiles(\"/\");"), "file system" },
        { "http-client", Run("return new System.Net.Http.HttpClient().GetStringAsync(\"http://169.254.169.254/\").Result;"), "network" },
        { "raw-socket", Run("var s = new System.Net.Sockets.TcpClient(); s.Connect(\"10.0.0.1\", 80); return s;"), "network" },
        { "dns-lookup", Run("return System.Net.Dns.GetHostAddresses(\"example.com\");"), "network" },
        { "process-start", Run("return System.Diagnostics.Process.Start(\"/bin/sh\", \"-c id\");"), "processes" },
        { "process-kill-host", Run("System.Diagnostics.Process.GetProcessById(1).Kill(); return null;"), "processes" },
        { "environment-secrets", Run("return Environment.GetEnvironmentVariables();"), "environment" },
        { "environment-exit", Run("Environment.FailFast(\"bye\"); return null;"), "environment" },
        { "type-gettype", Run("return Type.GetType(\"System.IO.File, System.IO.FileSystem\");"), "reflection" },
        { "gettype-assembly", Run("return 1.GetType().Assembly.GetTypes();"), "reflection" },
        { "typeof-getmethod", Run("return typeof(string).GetMethod(\"Concat\");"), "reflection" },
        { "activator", Run("return Activator.CreateInstance(\"System.IO.FileSystem\", \"System.IO.File\");"), "reflection" },
        { "delegate-method-invoke", Run("Func<object?> f = Run; return f.Method.Invoke(this, null);"), "reflection" },
        { "reflection-emit", Run("return new System.Reflection.Emit.DynamicMethod(\"m\", null, null);"), "reflection" },
        { "dynamic", Run("dynamic d = \"x\"; return d.GetType();"), "dynamic" },
        { "unsafe-pointer", "public class Hostile { public unsafe int Run() { int x = 1; int* p = &x; return p[100]; } }", "unsafe" },
        { "function-pointer", "public unsafe class Hostile { public int Run() { delegate*<int> f = null; return f(); } }", "unsafe" },
        { "pinvoke", "public class Hostile { [System.Runtime.InteropServices.DllImport(\"libc\")] static extern int system(string cmd); public int Run() => system(\"id\"); }", "interop" },
        { "marshal", Run("return System.Runtime.InteropServices.Marshal.ReadInt64(new IntPtr(0x1000));"), "native interop" },
        { "unsafe-as-type-confusion", Run("object s = \"x\"; return System.Runtime.CompilerServices.Unsafe.As<int[]>(s).Length;"), "unchecked memory" },
        { "stackalloc", Run("Span<byte> b = stackalloc byte[1 << 20]; return b.Length;"), "stackalloc" },
        { "thread-spawn", Run("new System.Threading.Thread(() => { while (true) { } }).Start(); return null;"), "schedule" },
        { "timer-spawn", Run("return new System.Threading.Timer(_ => Console.WriteLine(\"tick\"), null, 0, 1);"), "schedule" },
        { "threadpool", Run("System.Threading.ThreadPool.QueueUserWorkItem(_ => { while (true) { } }); return null;"), "schedule" },
        { "task-run-escape", Run("_ = Task.Run(() => { while (true) { } }); return null;"), "schedule" },
        { "task-delay-escape", Run("_ = Task.Delay(10).ContinueWith(_ => { while (true) { } }); return null;"), "schedule" },
        { "parallel-for", Run("System.Threading.Tasks.Parallel.For(0, 1000, _ => { }); return null;"), "schedule" },
        { "module-initializer", "public class Hostile { public int Run() => 1; } static class Init { [System.Runtime.CompilerServices.ModuleInitializer] internal static void Go() { } }", "module initializer" },
        { "finalizer", "public class Hostile { ~Hostile() { while (true) { } } public int Run() => 1; }", "finalizer" },
        { "gc-control", Run("GC.Collect(); GC.KeepAlive(this); return null;"), "garbage collector" },
        { "appdomain-hook", Run("AppDomain.CurrentDomain.UnhandledException += (_, _) => { }; return null;"), "AppDomain" },
        { "assembly-load", Run("return System.Reflection.Assembly.Load(new byte[] { 1, 2 });"), "reflection" },
        { "assembly-load-context", Run("return new System.Runtime.Loader.AssemblyLoadContext(\"evil\");"), "assembly loading" },
        { "expression-compile", Run("System.Linq.Expressions.Expression<Func<int>> e = () => 1; return e.Compile()();"), "expression" },
        { "console-raw-stdout", Run("var o = Console.OpenStandardOutput(); o.Write(new byte[] { 255, 255, 255, 127 }); return null;"), "Console.Write" },
        { "console-setout", Run("Console.SetOut(System.IO.TextWriter.Null); return null;"), "Console.Write" },
        { "console-out-property", Run("Console.Out.Flush(); return null;"), "Console.Write" },
        { "regex-redos", Run("return System.Text.RegularExpressions.Regex.IsMatch(new string('a', 40) + \"!\", \"^(a+)+$\");"), "matchTimeout" },
        { "static-ctor-env", "public class Hostile { static readonly string? Secret = Environment.GetEnvironmentVariable(\"KEY\"); public string? Run() => Secret; }", "environment" },
        { "using-static-env", "using static System.Environment; public class Hostile { public string? Run() => GetEnvironmentVariable(\"KEY\"); }", "environment" },
        { "global-using-alias", "global using Disk = System.IO.File; public class Hostile { public string Run() => Disk.ReadAllText(\"/etc/hostname\"); }", "file system" },
        { "exception-targetsite", Run("try { throw new Exception(); } catch (Exception e) { return e.TargetSite?.DeclaringType; }"), "reflection" },
        { "force-yielding-escape", "public class Hostile { public async Task<int> Run() { await Task.CompletedTask.ConfigureAwait((ConfigureAwaitOptions)4); while (true) { } } }", "schedule" },
        { "async-continuation-escape", Run("var tcs = new TaskCompletionSource((TaskCreationOptions)64); _ = Spin(tcs.Task); tcs.SetResult(); return null; } static async Task Spin(Task t) { await t; while (true) { }"), "thread pool" },
        { "progress-callback-escape", Run("IProgress<int> p = new Progress<int>(_ => { while (true) { } }); p.Report(1); return null;"), "thread pool" },
        { "waitasync-timer-escape", "public class Hostile { public async Task<int> Run() { try { await new TaskCompletionSource().Task.WaitAsync(TimeSpan.FromMilliseconds(1)); } catch (TimeoutException) { } while (true) { } } }", "schedule" },
        { "timeprovider-timer", Run("return TimeProvider.System.CreateTimer(_ => { while (true) { } }, null, TimeSpan.Zero, TimeSpan.Zero);"), "schedule" },
        { "typedreference", Run("int x = 1; var r = __makeref(x); return __refvalue(r, int);"), "typed reference" },
        // Work that outlives the invocation through the awaiter and builder machinery async/await is allowed to use.
        { "awaiter-oncompleted-escape", Run("Task.CompletedTask.GetAwaiter().OnCompleted(() => { while (true) { } }); return null;"), "schedule" },
        { "configured-awaiter-unsafe-oncompleted-escape", Run("Task.FromResult(1).ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() => { while (true) { } }); return null;"), "schedule" },
        { "valuetask-awaiter-oncompleted-escape", Run("new ValueTask<int>(1).GetAwaiter().OnCompleted(() => { while (true) { } }); return null;"), "schedule" },
        { "notify-completion-interface-escape", Run("System.Runtime.CompilerServices.INotifyCompletion n = Task.CompletedTask.GetAwaiter(); n.OnCompleted(() => { while (true) { } }); return null;"), "completes later" },
        { "method-builder-escape", """
            using System.Runtime.CompilerServices;
            public class Hostile
            {
                public object? Run()
                {
                    var builder = AsyncTaskMethodBuilder.Create();
                    var awaiter = Task.CompletedTask.GetAwaiter();
                    var machine = new Spinner();
                    builder.AwaitUnsafeOnCompleted(ref awaiter, ref machine);
                    return null;
                }
            }
            struct Spinner : IAsyncStateMachine
            {
                public void MoveNext() { while (true) { } }
                public void SetStateMachine(IAsyncStateMachine stateMachine) { }
            }
            """, "compiler-generated" },
        { "textwriter-async-escape", """
            public class Hostile
            {
                public object? Run() { _ = new Spinner().WriteAsync('x'); return null; }
            }
            class Spinner : System.IO.TextWriter
            {
                public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
                public override void Write(char value) { while (true) { } }
            }
            """, "thread pool" },
        { "textreader-async-escape", """
            public class Hostile
            {
                public object? Run() { _ = new Spinner().ReadToEndAsync(); return null; }
            }
            class Spinner : System.IO.TextReader
            {
                public override int Read(char[] buffer, int index, int count) { while (true) { } }
            }
            """, "thread pool" },
        // A task that completes later: completed on a deep stack, its continuation is queued to the thread pool.
        { "never-completing-task", "public class Hostile { public async Task<int> Run() => await new TaskCompletionSource<int>().Task; }", "thread pool" },
        { "deep-stack-completion-escape", """
            public class Hostile
            {
                public object? Run() { var tcs = new TaskCompletionSource(); _ = Spin(tcs.Task); Deep(tcs); return null; }
                static async Task Spin(Task t) { await t; while (true) { } }
                static int Deep(TaskCompletionSource tcs)
                {
                    if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack()) { tcs.SetResult(); return 0; }
                    return Deep(tcs) + 1;
                }
            }
            """, "thread pool" },
        { "deep-stack-custom-awaiter-escape", """
            using System.Runtime.CompilerServices;
            public class Hostile
            {
                public object? Run() { var gate = new Gate(); _ = Spin(Wait(gate)); Deep(gate); return null; }
                static async Task Wait(Gate gate) => await gate;
                static async Task Spin(Task t) { await t; while (true) { } }
                static int Deep(Gate gate) => RuntimeHelpers.TryEnsureSufficientExecutionStack() ? Deep(gate) + 1 : gate.Open();
            }
            class Gate : INotifyCompletion
            {
                private Action? _next;
                public Gate GetAwaiter() => this;
                public bool IsCompleted => false;
                public void GetResult() { }
                public void OnCompleted(Action continuation) => _next = continuation;
                public int Open() { _next?.Invoke(); return 0; }
            }
            """, "thread pool" },
        // Reads and writes past the end of an array through APIs in permitted namespaces.
        { "vector-loadunsafe-read", Run("int[] a = [1]; return System.Numerics.Vector.LoadUnsafe(ref a[0], 1_000_000).ToString();"), "unchecked memory" },
        { "vector-storeunsafe-write", Run("float[] a = [1]; System.Numerics.Vector.StoreUnsafe(System.Numerics.Vector4.One, ref a[0], 1_000_000); return null;"), "unchecked memory" },
        { "vector4-loadunsafe-read", Run("float[] a = [1]; return System.Numerics.Vector4.LoadUnsafe(ref a[0], 1_000_000);"), "unchecked memory" },
        { "memorymarshal-span-over-memory", Run("int x = 1; return System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref x, 1 << 20).Length;"), "interop" },
        { "explicit-layout-type-confusion", "public class Hostile { public long Run() { var u = new U { O = \"x\" }; return u.P; } } [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit)] struct U { [System.Runtime.InteropServices.FieldOffset(0)] public object O; [System.Runtime.InteropServices.FieldOffset(0)] public long P; }", "interop" },
        { "unmanaged-callers-only", "public class Hostile { [System.Runtime.InteropServices.UnmanagedCallersOnly] static int Callback() => 1; public int Run() => 1; }", "interop" },
        { "arglist", "public class Hostile { public int Run() => Count(__arglist(1, 2)); static int Count(__arglist) => new ArgIterator(__arglist).GetRemainingCount(); }", "unchecked memory" },
        // Secrets and the host, through files and the process.
        { "proc-self-environ", Run("return System.IO.File.ReadAllText(\"/proc/self/environ\");"), "file system" },
        { "proc-host-environ-streamreader", Run("return new System.IO.StreamReader(\"/proc/1/environ\").ReadToEnd();"), "file system" },
        { "environment-exit-code", Run("Environment.Exit(0); return null;"), "environment" },
        { "console-in-read-protocol", Run("return Console.In.ReadLine();"), "Console.Write" },
        { "console-raw-stdin", Run("var i = Console.OpenStandardInput(); return i.ReadByte();"), "Console.Write" },
        // Reflection and code loading by other names.
        { "typeof-assembly-walk", Run("return typeof(Hostile).Assembly.GetReferencedAssemblies();"), "reflection" },
        { "delegate-createdelegate", Run("return Delegate.CreateDelegate(typeof(Func<object?>), this, \"Run\");"), "reflection" },
        { "record-equality-contract", "public record Hostile { public object Run() => EqualityContract; }", "reflection" },
        { "runtimehelpers-uninitialized-object", Run("return System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(typeof(Hostile));"), "compiler emits" },
        { "appdomain-load-bytes", Run("return AppDomain.CurrentDomain.Load(new byte[] { 77, 90 });"), "AppDomain" },
        { "alc-load-bytes", Run("return System.Runtime.Loader.AssemblyLoadContext.Default.LoadFromStream(new System.IO.MemoryStream(new byte[] { 77, 90 }));"), "assembly loading" },
        // The garbage collector.
        { "gchandle-pin", Run("return System.Runtime.InteropServices.GCHandle.Alloc(this, System.Runtime.InteropServices.GCHandleType.Pinned);"), "interop" },
        { "gc-uninitialized-array", Run("return GC.AllocateUninitializedArray<byte>(1 << 20);"), "garbage collector" },
        // Compiler and runtime features switched on by an attribute the object declares itself.
        { "unsafe-accessor-polyfill", "namespace System.Runtime.CompilerServices { sealed class UnsafeAccessorAttribute(int kind) : Attribute { public string? Name { get; set; } } } public class Hostile { [System.Runtime.CompilerServices.UnsafeAccessor(1, Name = \"_secret\")] static extern ref object Secret(object o); public object Run() => Secret(this); }", "extern" },
        // The object's tests run in the runner too and are held to the same policy.
        { "tests-read-secrets", "public class Hostile { public int Run() => 1; } public class HostileTests { public bool Leak() => System.IO.File.ReadAllText(\"/proc/self/environ\").Length > 0; }", "file system" },
        { "tests-escape-invocation", "public class Hostile { public int Run() => 1; } public class HostileTests { public void Spin() => Task.CompletedTask.GetAwaiter().OnCompleted(() => { while (true) { } }); }", "schedule" },
    };

    /// <summary>
    /// Hostile code only the check of the emitted IL sees: the source names nothing banned, so its diagnostic has no
    /// source location.
    /// </summary>
    public static TheoryData<string, string, string> SeenOnlyInIl => new()
    {
        // The compiler honours a ModuleInitializerAttribute the object declares itself.
        { "module-initializer-polyfill", "namespace System.Runtime.CompilerServices { sealed class ModuleInitializerAttribute : Attribute { } } public class Hostile { public int Run() => 1; } static class Init { [System.Runtime.CompilerServices.ModuleInitializer] internal static void Go() { } }", "module initializer" },
    };

    private static string Run(string body) => $$"""
        public class Hostile
        {
            public object? Run()
            {
                {{body}}
            }
        }
        """;
}
