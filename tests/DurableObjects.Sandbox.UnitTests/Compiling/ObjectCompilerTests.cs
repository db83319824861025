using DurableObjects.Sandbox.Compiling;

namespace DurableObjects.Sandbox.UnitTests.Compiling;

public class ObjectCompilerTests
{
    [Fact]
    public void Compile_RichPermittedObject_SucceedsWithAssembly()
    {
        var result = ObjectCode.Compile(ObjectCode.RichObject);

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.NotNull(result.Assembly);
        Assert.True(result.Assembly!.Length > 1000);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Compile_SyntaxError_ReportsFileLineAndColumn()
    {
        var result = ObjectCode.Compiler.Compile(new Dictionary<string, string>
        {
            ["src/Broken.cs"] = "public class Broken\n{\n    public int Get() => 1 +;\n}",
        });

        Assert.False(result.Success);
        Assert.Null(result.Assembly);
        var error = Assert.Single(result.Errors);
        Assert.Equal("CS1525", error.Id);
        Assert.Equal("src/Broken.cs", error.File);
        Assert.Equal(3, error.Line);
        Assert.Equal(28, error.Column);
    }

    [Fact]
    public void Compile_TypeError_ReportsCompilerDiagnostic()
    {
        var result = ObjectCode.Compile("public class C { public int Get() => \"text\"; }");

        Assert.False(result.Success);
        Assert.Contains(result.Errors, e => e.Id == "CS0029" && e.Line == 1);
    }

    [Fact]
    public void Compile_SameFiles_GivesSameHashAndAssemblyName()
    {
        var first = ObjectCode.Compile("public class C { public int Get() => 1; }");
        var second = ObjectCode.Compile("public class C { public int Get() => 1; }");
        var other = ObjectCode.Compile("public class C { public int Get() => 2; }");

        Assert.Equal(first.ContentHash, second.ContentHash);
        Assert.Equal(first.AssemblyName, second.AssemblyName);
        Assert.Equal(first.Assembly, second.Assembly);
        Assert.NotEqual(first.ContentHash, other.ContentHash);
        Assert.StartsWith("DurableObject_", first.AssemblyName);
    }

    [Fact]
    public void Compile_WithPdbOption_EmitsPdb()
    {
        var result = ObjectCode.Compile("public class C { public int Get() => 1; }", new CompileOptions(EmitPdb: true));

        Assert.True(result.Success);
        Assert.NotNull(result.Pdb);
    }

    [Fact]
    public void Compile_ConcurrentCalls_AllSucceed()
    {
        var results = Enumerable.Range(0, 8).AsParallel()
            .Select(i => ObjectCode.Compile($"public class C{i} {{ public int Get() => {i}; }}"))
            .ToList();

        Assert.All(results, r => Assert.True(r.Success));
        Assert.Equal(8, results.Select(r => r.ContentHash).Distinct().Count());
    }

    [Fact]
    public void Compile_SourceOverLimit_FailsWithoutParsing()
    {
        var result = ObjectCode.Compile("public class C { }" + new string(' ', ObjectCompiler.MaxSourceChars));

        Assert.False(result.Success);
        Assert.Contains("characters of source", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_PathologicallyNestedExpression_FailsWithDiagnosticNotCrash()
    {
        var nested = new string('(', 20_000) + "1" + new string(')', 20_000);

        var result = ObjectCode.Compile($"public class C {{ public int Get() => {nested}; }}");

        Assert.False(result.Success);
        var error = Assert.Single(result.Errors);
        Assert.Contains("nested more than", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Compile_CancelledToken_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => ObjectCode.Compiler.Compile(
            new Dictionary<string, string> { ["A.cs"] = "public class A { public int X() => 1; }" }, null, cancelled.Token));
    }

    [Fact]
    public void Warm_Called_DoesNotThrowAndLaterCompilesWork()
    {
        var compiler = new ObjectCompiler();

        compiler.Warm();
        var result = compiler.Compile(new Dictionary<string, string> { ["A.cs"] = "public class A { public int X() => 1; }" });

        Assert.True(result.Success);
    }
}
