using DurableObjects.Sandbox.Api;
using DurableObjects.Sandbox.Compiling;

namespace DurableObjects.Sandbox.UnitTests.Api;

public class ApiSchemaTests
{
    [Fact]
    public void Compile_RichObject_ExtractsClassMethodsTypesAndDocs()
    {
        var schema = ObjectCode.Compile(ObjectCode.RichObject).Api;

        Assert.NotNull(schema);
        Assert.Equal("Ledger", schema!.ClassName);
        Assert.Equal("A small ledger.", schema.Summary);
        Assert.Equal(["Deposit", "Top", "DescribeAsync", "Parse"], schema.Methods.Select(m => m.Name));

        var deposit = schema.FindMethod("deposit")!;
        Assert.Equal("Adds an amount to an account.", deposit.Summary);
        Assert.Equal("number", deposit.ReturnType);
        Assert.Equal(["account:string", "amount:number"], deposit.Parameters.Select(p => $"{p.Name}:{p.Type}"));
        Assert.Equal("The account id.", deposit.Parameters[0].Description);

        var top = schema.FindMethod("Top")!;
        Assert.Equal("array<Entry>", top.ReturnType);
        Assert.True(top.Parameters[0].Optional);
        Assert.Equal("string", schema.FindMethod("DescribeAsync")!.ReturnType);
        Assert.True(schema.FindMethod("Parse")!.IsStatic);
    }

    [Fact]
    public void Compile_ObjectWithTestsClass_ListsTests()
    {
        var schema = ObjectCode.Compile(ObjectCode.RichObject).Api!;

        Assert.Equal("LedgerTests", schema.TestClass);
        Assert.Equal(["Deposit_Twice_Adds", "Parse_Number_Works"], schema.Tests);
    }

    [Fact]
    public void ToJson_RoundTrips()
    {
        var schema = ObjectCode.Compile(ObjectCode.RichObject).Api!;

        var json = schema.ToJson();
        var back = ApiSchema.FromJson(json);

        Assert.Contains("\"className\":\"Ledger\"", json, StringComparison.Ordinal);
        Assert.Equal(schema.ToJson(), back.ToJson());
    }

    [Fact]
    public void Compile_OverloadedMethod_FailsWithApiShapeDiagnostic()
    {
        var result = ObjectCode.Compile("public class P { public int A(int x) => x; public int A(string s) => 1; }");

        Assert.False(result.Success);
        var error = Assert.Single(result.Errors);
        Assert.Equal(CompilerDiagnostic.ApiShapeId, error.Id);
        Assert.Contains("overloaded", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Compile_ApiClassWithoutParameterlessConstructor_FailsWithApiShapeDiagnostic()
    {
        var result = ObjectCode.Compile("public class P(int seed) { public int A() => seed; }");

        Assert.False(result.Success);
        Assert.Contains(result.Errors, e => e.Id == CompilerDiagnostic.ApiShapeId && e.Message.Contains("parameterless", StringComparison.Ordinal));
    }

    [Fact]
    public void Compile_PropertyOnlyPublicClassBesideApi_IsTreatedAsData()
    {
        var result = ObjectCode.Compile("public class Item { public string Name { get; set; } = \"\"; } public class Shop { public Item First() => new(); }");

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.Equal("Shop", result.Api!.ClassName);
        Assert.Equal("Item", result.Api.Methods.Single().ReturnType);
    }

    [Fact]
    public void Compile_NoPublicClass_FailsWithApiShapeDiagnostic()
    {
        var result = ObjectCode.Compile("internal class P { public int A() => 1; }");

        Assert.False(result.Success);
        Assert.Contains(result.Errors, e => e.Id == CompilerDiagnostic.ApiShapeId);
    }

    [Fact]
    public void Compile_TwoClassesAndObjectName_PicksMatchingClass()
    {
        const string code = "public class Helper { public int H() => 1; } public class ShoppingCart { public int Count() => 0; }";

        var ambiguous = ObjectCode.Compile(code);
        var named = ObjectCode.Compile(code, new CompileOptions(ObjectName: "shopping-cart"));

        Assert.False(ambiguous.Success);
        Assert.True(named.Success, string.Join("\n", named.Diagnostics));
        Assert.Equal("ShoppingCart", named.Api!.ClassName);
    }
}
