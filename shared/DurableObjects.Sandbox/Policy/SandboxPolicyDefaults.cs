namespace DurableObjects.Sandbox.Policy;

/// <summary>
/// The default permit-list. The guiding rule: object code computes over its arguments and its own in-memory state.
/// It gets the core types, collections, LINQ, text, regular expressions (with a match timeout), math, JSON, dates,
/// GUIDs, exceptions and async/await. It gets nothing that reaches outside the process (files, network, processes,
/// environment), inspects or generates code (reflection, expression compilation, assembly loading), escapes memory
/// safety (unsafe, pointers, interop), or schedules work that could outlive an invocation (threads, timers,
/// Task.Run, Task.Delay).
/// </summary>
/// <remarks>
/// Decision on <c>Task</c>: object methods may be <c>async</c> and return <c>Task</c>/<c>ValueTask</c> — that keeps
/// generated code idiomatic — but every way of putting work on another thread or timer is banned (<c>Task.Run</c>,
/// <c>Task.Factory</c>, task constructors/<c>Start</c>, <c>ContinueWith</c>, <c>Task.Delay</c>, <c>Task.Yield</c>,
/// <c>WaitAsync</c> (a timer), <c>ConfigureAwaitOptions</c> (<c>ForceYielding</c>), <c>Progress&lt;T&gt;</c>, <c>TimeProvider.CreateTimer</c>, <c>Parallel</c>, <c>TaskScheduler</c>, <c>System.Threading.Thread</c>/<c>Timer</c>/<c>ThreadPool</c>,
/// an awaiter's <c>OnCompleted</c> (on a completed task it queues the callback to the thread pool), the async method
/// builders (compiler-only: their <c>AwaitOnCompleted</c> does the same), and the asynchronous members of
/// <c>TextReader</c>/<c>TextWriter</c> (their base implementations run the synchronous ones on the thread pool). Nor
/// may object code make a task that completes later: no <c>TaskCompletionSource</c>, no awaiter of its own
/// (<c>INotifyCompletion</c>). Such a task's continuations run inline when it completes, but on a deep enough stack
/// the runtime queues them to the thread pool instead, and code can recurse to that depth on purpose. So every task
/// object code sees is already complete, every <c>await</c> continues at once, and an async method runs to completion
/// on the invoking thread: nothing it starts can keep running after its invocation returns or times out.
/// </remarks>
internal static class SandboxPolicyDefaults
{
    private const string Reflection = "reflection can reach any API and bypass the permit-list";
    private const string Scheduling = "object code may not schedule work on other threads or timers";
    private const string Unsafe = "unchecked memory access is not allowed";
    private const string Interop = "native interop is not allowed";
    private const string Pending = "object code may not make a task that completes later (a task completion source, " +
        "an awaiter of its own): its continuations can run on the thread pool, outside the invocation";

    public static SandboxPolicy Create() => new(
        allowedNamespaces:
        [
            "System", "System.Collections", "System.Collections.Generic", "System.Collections.Concurrent",
            "System.Collections.Immutable", "System.Collections.ObjectModel", "System.Collections.Specialized",
            "System.Linq", "System.Text", "System.Text.RegularExpressions", "System.Text.Json",
            "System.Text.Json.Nodes", "System.Text.Json.Serialization", "System.Globalization", "System.Numerics",
            "System.Buffers", "System.Buffers.Text", "System.Threading.Tasks", "System.Diagnostics.CodeAnalysis",
        ],
        allowedTypes:
        [
            // System.IO: in-memory text only.
            "System.IO.StringReader", "System.IO.StringWriter", "System.IO.TextReader", "System.IO.TextWriter",
            // System.Threading: synchronization of the object's own state, nothing that starts or waits on threads.
            "System.Threading.Interlocked", "System.Threading.Volatile", "System.Threading.Monitor",
            "System.Threading.Lock", "System.Threading.CancellationToken", "System.Threading.LazyThreadSafetyMode",
            // System.Diagnostics: timing and the attributes the compiler emits.
            "System.Diagnostics.Stopwatch", "System.Diagnostics.UnreachableException",
            "System.Diagnostics.ConditionalAttribute", "System.Diagnostics.DebuggableAttribute",
            "System.Diagnostics.DebuggerHiddenAttribute", "System.Diagnostics.DebuggerStepThroughAttribute",
            "System.Diagnostics.DebuggerBrowsableAttribute", "System.Diagnostics.DebuggerBrowsableState",
            "System.Diagnostics.DebuggerDisplayAttribute", "System.Diagnostics.DebuggerNonUserCodeAttribute",
            "System.Reflection.DefaultMemberAttribute",
            "System.Security.Cryptography.SHA256", "System.Security.Cryptography.SHA512",
            "System.Security.Cryptography.HMACSHA256", "System.Security.Cryptography.RandomNumberGenerator",
            "System.Security.Cryptography.CryptographicException",
            .. CompilerServices.Select(n => "System.Runtime.CompilerServices." + n),
        ],
        bannedNamespaces: new Dictionary<string, string>
        {
            ["System.IO"] = "file system and stream access is not allowed",
            ["System.Net"] = "network access is not allowed",
            ["System.Diagnostics"] = "processes and diagnostics are not allowed",
            ["System.Reflection"] = Reflection,
            ["System.Runtime.Loader"] = "assembly loading is not allowed",
            ["System.Runtime.InteropServices"] = Interop,
            ["System.Runtime.Intrinsics"] = Unsafe,
            ["System.Runtime.CompilerServices"] = "compiler services are reserved for compiler-generated code",
            ["System.Threading"] = Scheduling,
            ["System.Linq.Expressions"] = "expression trees can be compiled into code at run time",
            ["System.Security"] = "security and cryptography APIs other than hashing are not allowed",
            ["System.Resources"] = "resource loading is not allowed",
            ["System.Xml"] = "XML resolvers can reach files and the network",
            ["System.Data"] = "data access is not allowed",
            ["Microsoft.Win32"] = "the registry and native handles are not allowed",
        },
        bannedTypes: new Dictionary<string, string>
        {
            ["System.Environment"] = "environment variables and process control are not allowed",
            ["System.AppContext"] = "runtime switches and data are not allowed",
            ["System.AppDomain"] = "AppDomain access is not allowed",
            ["System.GC"] = "garbage collector control is not allowed",
            ["System.Activator"] = Reflection,
            ["System.Type"] = Reflection,
            ["System.RuntimeTypeHandle"] = Reflection,
            ["System.RuntimeMethodHandle"] = Reflection,
            ["System.RuntimeFieldHandle"] = Reflection,
            ["System.ModuleHandle"] = Reflection,
            ["System.TypedReference"] = Unsafe,
            ["System.ArgIterator"] = Unsafe,
            ["System.RuntimeArgumentHandle"] = Unsafe,
            ["System.Runtime.CompilerServices.Unsafe"] = Unsafe,
            ["System.Runtime.CompilerServices.ModuleInitializerAttribute"] =
                "module initializers run code when the assembly loads",
            ["System.Linq.Queryable"] = "queryables compile expression trees",
            ["System.Linq.EnumerableQuery"] = "queryables compile expression trees",
            ["System.Linq.EnumerableQuery`1"] = "queryables compile expression trees",
            ["System.Linq.ParallelEnumerable"] = Scheduling,
            ["System.Threading.Tasks.Parallel"] = Scheduling,
            ["System.Threading.Tasks.TaskFactory"] = Scheduling,
            ["System.Threading.Tasks.TaskFactory`1"] = Scheduling,
            ["System.Threading.Tasks.TaskScheduler"] = Scheduling,
            ["System.Threading.Tasks.ConcurrentExclusiveSchedulerPair"] = Scheduling,
            ["System.Threading.Tasks.TaskExtensions"] = Scheduling,
            ["System.Progress`1"] = "Progress<T> posts its callbacks to the thread pool",
            ["System.Threading.Tasks.ConfigureAwaitOptions"] = Scheduling,
            ["System.Threading.Tasks.TaskCompletionSource"] = Pending,
            ["System.Threading.Tasks.TaskCompletionSource`1"] = Pending,
            ["System.Runtime.CompilerServices.INotifyCompletion"] = Pending,
            ["System.Runtime.CompilerServices.ICriticalNotifyCompletion"] = Pending,
        }.WithCompilerServices(AsyncMethodBuilders,
            "async method builders are for compiler-generated code (their AwaitOnCompleted can queue work to the thread pool)"),
        memberRules: new Dictionary<string, MemberRule>
        {
            ["System.Console"] = MemberRule.Only(
                "only Console.Write and Console.WriteLine are allowed (their output is captured per invocation)",
                "Write", "WriteLine"),
            ["System.Object"] = MemberRule.Except(Reflection, "GetType"),
            ["System.Delegate"] = MemberRule.Except(Reflection, "DynamicInvoke", "CreateDelegate", "Method",
                "GetMethodImpl"),
            ["System.MulticastDelegate"] = MemberRule.Except(Reflection, "DynamicInvoke", "Method", "GetMethodImpl"),
            ["System.Exception"] = MemberRule.Except(Reflection, "TargetSite"),
            ["System.Threading.Tasks.Task"] = MemberRule.When(m => TaskRule(m, "Run", "Factory", "Start",
                "RunSynchronously", "ContinueWith", "Delay", "Yield", "WaitAsync")),
            ["System.Threading.Tasks.Task`1"] = MemberRule.When(m => TaskRule(m, "Factory", "Start",
                "RunSynchronously", "ContinueWith", "WaitAsync")),
            ["System.Threading.Tasks.ValueTask"] = MemberRule.When(m => TaskRule(m)),
            ["System.Threading.Tasks.ValueTask`1"] = MemberRule.When(m => TaskRule(m)),
            ["System.Text.RegularExpressions.Regex"] = MemberRule.When(RegexRule),
            ["System.TimeProvider"] = MemberRule.Except(Scheduling, "CreateTimer"),
            // Their base implementations run the synchronous member on the thread pool (Task.Factory.StartNew), so a
            // subclass's Write or Read would outlive the invocation. StringReader/StringWriter override some of them
            // synchronously, but a call compiles to the base member in IL (which the IL check refuses), so they are
            // refused in source too, where the diagnostic can point at the call; their synchronous members do the same.
            ["System.IO.TextReader"] = MemberRule.When(TextAsyncRule),
            ["System.IO.TextWriter"] = MemberRule.When(TextAsyncRule),
            ["System.IO.StringReader"] = MemberRule.When(TextAsyncRule),
            ["System.IO.StringWriter"] = MemberRule.When(TextAsyncRule),
            ["System.Numerics.Vector"] = MemberRule.Except(Unsafe, "LoadUnsafe", "StoreUnsafe"),
            ["System.Numerics.Vector2"] = MemberRule.Except(Unsafe, "LoadUnsafe", "StoreUnsafe"),
            ["System.Numerics.Vector3"] = MemberRule.Except(Unsafe, "LoadUnsafe", "StoreUnsafe"),
            ["System.Numerics.Vector4"] = MemberRule.Except(Unsafe, "LoadUnsafe", "StoreUnsafe"),
            ["System.TimeZoneInfo"] = MemberRule.Except("looking up time zones by id reads files of the runner's machine",
                "FindSystemTimeZoneById", "TryFindSystemTimeZoneById", "GetSystemTimeZones", "ClearCachedData"),
            ["System.Runtime.CompilerServices.RuntimeHelpers"] = MemberRule.Only(
                "only the helpers the compiler emits are allowed", "InitializeArray", "CreateSpan", "GetSubArray",
                "IsReferenceOrContainsReferences", "EnsureSufficientExecutionStack",
                "TryEnsureSufficientExecutionStack"),
        }
        // A callback given to an awaiter of a completed task is queued to the thread pool; the compiler never calls
        // these itself (it goes through the builder).
        .WithCompilerServices(Awaiters, MemberRule.Except(Scheduling, "OnCompleted", "UnsafeOnCompleted")),
        compilerIntrinsics: new Dictionary<string, string[]>
        {
            ["System.Runtime.InteropServices.CollectionsMarshal"] = ["AsSpan", "SetCount"],
            ["System.Runtime.InteropServices.MemoryMarshal"] = ["CreateSpan", "CreateReadOnlySpan", "GetArrayDataReference"],
            ["System.Runtime.CompilerServices.Unsafe"] = ["As", "Add", "AsRef"],
            // Iterators check the creating thread; records compare their EqualityContract (typeof(T)).
            ["System.Environment"] = ["get_CurrentManagedThreadId"],
            ["System.Type"] = ["GetTypeFromHandle", "op_Equality", "op_Inequality"],
            // Only the compiler produces these handles (ldtoken), as arguments to the intrinsics above.
            ["System.RuntimeTypeHandle"] = [],
            ["System.RuntimeFieldHandle"] = [],
        }
        // What the compiler's async state machines call on their builders.
        .WithCompilerServices(AsyncMethodBuilders, ["Create", "Start", "SetStateMachine", "SetResult", "SetException",
            "get_Task", "AwaitOnCompleted", "AwaitUnsafeOnCompleted", "MoveNext", "Complete"]));

    /// <summary>Adds one entry per named <c>System.Runtime.CompilerServices</c> type, all with the same value.</summary>
    private static Dictionary<string, T> WithCompilerServices<T>(this Dictionary<string, T> entries,
        IEnumerable<string> names, T value)
    {
        foreach (var name in names)
        {
            entries.Add("System.Runtime.CompilerServices." + name, value);
        }

        return entries;
    }

    private static string? TextAsyncRule(MemberUse member) =>
        member.Name.EndsWith("Async", StringComparison.Ordinal) && member.Name != "DisposeAsync"
            ? "the asynchronous members of TextReader/TextWriter run on the thread pool (use the synchronous ones)"
            : null;

    /// <summary>
    /// Task members: no constructors (unstarted tasks), none of the named scheduling members, and no overload taking
    /// <c>ConfigureAwaitOptions</c> (<c>ForceYielding</c> is <c>Task.Yield</c> by another name).
    /// </summary>
    private static string? TaskRule(MemberUse member, params string[] banned) =>
        (member.IsConstructor && banned.Length > 0) || banned.Contains(MemberRule.Normalize(member.Name)) ||
        member.ParameterTypes.Contains("System.Threading.Tasks.ConfigureAwaitOptions")
            ? Scheduling
            : null;

    /// <summary>Regex may run only with a match timeout, so a pathological pattern cannot pin a CPU.</summary>
    private static string? RegexRule(MemberUse member)
    {
        if (!(member.IsConstructor || member.IsStatic) || member.Name is "Escape" or "Unescape" ||
            !(member.IsConstructor || member.Name is "IsMatch" or "Match" or "Matches" or "Replace" or "Split"
                or "Count" or "EnumerateMatches" or "EnumerateSplits"))
        {
            return null;
        }

        return member.ParameterTypes.Contains("System.TimeSpan")
            ? null
            : "use an overload that takes a matchTimeout (TimeSpan)";
    }

    private static readonly string[] AsyncMethodBuilders =
    [
        "AsyncTaskMethodBuilder", "AsyncTaskMethodBuilder`1", "AsyncValueTaskMethodBuilder",
        "AsyncValueTaskMethodBuilder`1", "AsyncVoidMethodBuilder", "AsyncIteratorMethodBuilder",
        "PoolingAsyncValueTaskMethodBuilder", "PoolingAsyncValueTaskMethodBuilder`1",
    ];

    private static readonly string[] Awaiters =
    [
        "TaskAwaiter", "TaskAwaiter`1", "ValueTaskAwaiter", "ValueTaskAwaiter`1",
        "ConfiguredTaskAwaitable+ConfiguredTaskAwaiter", "ConfiguredTaskAwaitable`1+ConfiguredTaskAwaiter",
        "ConfiguredValueTaskAwaitable+ConfiguredValueTaskAwaiter",
        "ConfiguredValueTaskAwaitable`1+ConfiguredValueTaskAwaiter",
    ];

    private static readonly string[] CompilerServices =
    [
        "TaskAwaiter", "TaskAwaiter`1",
        "ValueTaskAwaiter", "ValueTaskAwaiter`1", "ConfiguredTaskAwaitable", "ConfiguredTaskAwaitable`1",
        "ConfiguredValueTaskAwaitable", "ConfiguredValueTaskAwaitable`1", "ConfiguredCancelableAsyncEnumerable`1",
        "IAsyncStateMachine", "AsyncStateMachineAttribute",
        "IteratorStateMachineAttribute", "AsyncIteratorStateMachineAttribute", "AsyncMethodBuilderAttribute",
        "CompilerGeneratedAttribute", "DefaultInterpolatedStringHandler", "FormattableStringFactory",
        "IsReadOnlyAttribute", "IsByRefLikeAttribute", "IsExternalInit", "IsUnmanagedAttribute", "NullableAttribute",
        "NullableContextAttribute", "NullablePublicOnlyAttribute", "RefSafetyRulesAttribute", "ExtensionAttribute",
        "TupleElementNamesAttribute", "RequiredMemberAttribute", "CompilerFeatureRequiredAttribute",
        "ScopedRefAttribute", "ParamCollectionAttribute", "CollectionBuilderAttribute",
        "InterpolatedStringHandlerAttribute", "InterpolatedStringHandlerArgumentAttribute", "ITuple",
        "SwitchExpressionException", "RuntimeHelpers", "CompilationRelaxationsAttribute",
        "RuntimeCompatibilityAttribute", "DecimalConstantAttribute", "DateTimeConstantAttribute",
        "CallerMemberNameAttribute", "CallerFilePathAttribute", "CallerLineNumberAttribute",
        "CallerArgumentExpressionAttribute", "InlineArrayAttribute", "EnumeratorCancellationAttribute",
        "ExtensionMarkerAttribute", "OverloadResolutionPriorityAttribute", "PreserveBaseOverridesAttribute",
        "EmbeddedAttribute", "IsVolatile", "RequiresLocationAttribute", "AsyncHelpers",
    ];
}
