using DurableObjects.AI.Contracts;
using DurableObjects.AI.Schemas;
using DurableObjects.AI.UnitTests.TestData;

namespace DurableObjects.AI.UnitTests.Contracts;

public sealed class ApiContractGateTests
{
    private static ApiMethod Method(string name, string returns, params (string Name, string Type)[] parameters) => new()
    {
        Name = name,
        ReturnType = returns,
        Parameters = parameters.Select(p => new ApiParameter { Name = p.Name, Type = p.Type }).ToList(),
    };

    private static ApiSchema Api(params ApiMethod[] methods) => new() { ClassName = "Calc", Methods = methods };

    private static readonly ApiSchema Current = Api(
        Method("Add", "int", ("a", "int"), ("b", "int")),
        Method("Name", "string"),
        Method("Scale", "double", ("x", "double")));

    [Fact]
    public void Compare_OnlyAdditions_FindsNoBreakingChange()
    {
        var candidate = Api([.. Current.Methods, Method("Sub", "int", ("a", "int"), ("b", "int"))]);

        Assert.Empty(ApiContractGate.Compare(Current, candidate));
    }

    [Fact]
    public void Compare_RemovedChangedAndRenamed_ListsEachBreak()
    {
        var candidate = Api(
            Method("Add", "long", ("a", "int"), ("b", "int")),
            Method("Scale", "double", ("factor", "double")));

        var changes = ApiContractGate.Compare(Current, candidate);

        Assert.Equal(
            [BreakingChangeKind.ReturnTypeChanged, BreakingChangeKind.MethodRemoved, BreakingChangeKind.ParameterRenamed],
            changes.Select(c => c.Kind));
        Assert.All(changes, c => Assert.False(c.Declared));
    }

    [Fact]
    public void Compare_ParameterTypeChanged_ReportsParametersChanged()
    {
        var candidate = Api(Method("Add", "int", ("a", "long"), ("b", "long")), Current.Methods[1], Current.Methods[2]);

        var change = Assert.Single(ApiContractGate.Compare(Current, candidate));

        Assert.Equal(BreakingChangeKind.ParametersChanged, change.Kind);
        Assert.Contains("Add(int,int) is now Add(long,long)", change.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UndeclaredBreak_FailsGate()
    {
        var result = ApiContractGate.Check(Current, Api(Current.Methods[0], Current.Methods[2]), Samples.Plan());

        Assert.False(result.Passed);
        Assert.Equal("api-contract", result.Name);
        Assert.Contains(result.Diagnostics, d => d.Contains("undeclared MethodRemoved: Name() was removed", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_BreakDeclaredInPlan_PassesGate()
    {
        var plan = Samples.Plan() with { BreakingChanges = [new BreakingChangeDeclaration { Method = "Name", Reason = "The request removes Name" }] };

        var result = ApiContractGate.Check(Current, Api(Current.Methods[0], Current.Methods[2]), plan);

        Assert.True(result.Passed);
        Assert.Contains(result.Diagnostics, d => d.StartsWith("declared MethodRemoved", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_WhitespaceInGenericTypes_IsNotABreak()
    {
        var current = Api(Method("All", "List<int>", ("filter", "Dictionary<string,int>")));
        var candidate = Api(Method("All", "List< int >", ("filter", "Dictionary<string, int>")));

        Assert.Empty(ApiContractGate.Compare(current, candidate));
    }
}
