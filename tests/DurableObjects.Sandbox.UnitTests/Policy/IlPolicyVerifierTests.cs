using DurableObjects.Sandbox.Compiling;
using DurableObjects.Sandbox.Policy;

namespace DurableObjects.Sandbox.UnitTests.Policy;

/// <summary>
/// The IL check must stand on its own: these assemblies are compiled with the semantic walk switched off, as if it
/// had a bug, and the IL verifier alone must reject them.
/// </summary>
public class IlPolicyVerifierTests
{
    private static readonly CompileOptions WithoutSemanticCheck = new() { SkipSemanticPolicy = true };

    [Theory]
    [InlineData("return System.IO.File.ReadAllText(\"/etc/hostname\");", "System.IO.File")]
    [InlineData("return Environment.GetEnvironmentVariable(\"HOME\");", "GetEnvironmentVariable")]
    [InlineData("return \"x\".GetType().GetMethods();", "System.Object::GetType")]
    [InlineData("return Task.Run(() => 1);", "Task::Run")]
    [InlineData("return new System.Net.Http.HttpClient();", "System.Net.Http.HttpClient")]
    [InlineData("Span<int> s = stackalloc int[4]; return s[0];", "localloc")]
    [InlineData("return System.Runtime.InteropServices.Marshal.ReadByte(0);", "native interop")]
    [InlineData("return typeof(string).Assembly;", "System.Reflection.Assembly")]
    [InlineData("Task.CompletedTask.GetAwaiter().OnCompleted(() => { }); return null;", "TaskAwaiter::OnCompleted")]
    [InlineData("return new TaskCompletionSource<int>().Task;", "TaskCompletionSource`1")]
    [InlineData("return new System.IO.StringWriter().WriteLineAsync();", "TextWriter::WriteLineAsync")]
    [InlineData("int[] a = [1]; return System.Numerics.Vector.LoadUnsafe(ref a[0], 8).ToString();", "Vector::LoadUnsafe")]
    public void Compile_WithoutSemanticCheck_IlCheckStillRejects(string statements, string expected)
    {
        var result = ObjectCode.Compile(ObjectCode.InMethod(statements), WithoutSemanticCheck);

        Assert.False(result.Success);
        Assert.Null(result.Assembly);
        Assert.Contains(result.Errors, e => e.Id == CompilerDiagnostic.IlPolicyViolationId && e.Message.Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(result.Errors, e => e.Id == CompilerDiagnostic.PolicyViolationId);
    }

    [Fact]
    public void Compile_ModuleInitializerWithoutSemanticCheck_IlCheckRejectsModuleConstructor()
    {
        var result = ObjectCode.Compile("""
            public class P { public int Run() => 1; }
            static class Init { [System.Runtime.CompilerServices.ModuleInitializer] internal static void Go() { } }
            """, WithoutSemanticCheck);

        Assert.False(result.Success);
        Assert.Contains(result.Errors, e => e.Message.Contains("module initializer", StringComparison.Ordinal));
    }

    [Fact]
    public void Compile_DllImportWithoutSemanticCheck_IlCheckRejectsNativeModule()
    {
        var result = ObjectCode.Compile("""
            public class P
            {
                [System.Runtime.InteropServices.DllImport("libc")] private static extern int getpid();
                public int Run() => getpid();
            }
            """, WithoutSemanticCheck);

        Assert.False(result.Success);
        Assert.Contains(result.Errors, e => e.Message.Contains("native module 'libc'", StringComparison.Ordinal));
    }

    [Fact]
    public void Verify_RichPermittedObject_HasNoFindings()
    {
        var compiled = ObjectCode.Compile(ObjectCode.RichObject);
        Assert.True(compiled.Success, string.Join("\n", compiled.Diagnostics));

        var findings = new IlPolicyVerifier(SandboxPolicy.Default).Verify(compiled.Assembly!);

        Assert.Empty(findings);
    }

    [Fact]
    public void Verify_GarbageBytes_ReportsUnreadableAssembly()
    {
        var findings = new IlPolicyVerifier(SandboxPolicy.Default).Verify([1, 2, 3, 4]);

        Assert.Contains(findings, f => f.Message.Contains("could not be read", StringComparison.Ordinal));
    }
}
