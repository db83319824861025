using DurableObjects.AI.Contracts;
using DurableObjects.AI.Schemas;
using DurableObjects.AI.UnitTests.TestData;

namespace DurableObjects.AI.UnitTests.Contracts;

public sealed class ApiContractGateTests
{
    private static ApiParameter P(string name, string type, bool optional = false) => new() { Name = name, Type = type, Optional = optional };

    private static ApiMethod Method(string name, string returns, params ApiParameter[] parameters) =>
        new() { Name = name, ReturnType = returns, Parameters = parameters };

    private static ApiSchema Api(params ApiMethod[] methods) => new() { ClassName = "Calc", Methods = methods };

    private static readonly ApiSchema Current = Api(
        Method("Add", "integer", P("a", "integer"), P("b", "integer")),
        Method("Name", "string"),
        Method("Scale", "number", P("x", "number"), P("precision", "integer", optional: true)));

    [Fact]
    public void Compare_AdditionsReorderingAndCase_FindsNoBreakingChange()
    {
        var candidate = Api(
            Method("add", "integer", P("B", "integer"), P("a", "integer"), P("checkedMode", "boolean", optional: true)),
            Current.Methods[1],
            Current.Methods[2],
            Method("Sub", "integer", P("a", "integer"), P("b", "integer")));

        Assert.Empty(ApiContractGate.Compare(Current, candidate));
    }

    [Fact]
    public void Compare_RemovedRenamedRetypedAndRequired_ListsEachBreak()
    {
        var candidate = Api(
            Method("Add", "number", P("left", "integer"), P("b", "string")),
            Method("Scale", "number", P("x", "number"), P("precision", "integer"), P("mode", "string")));

        var changes = ApiContractGate.Compare(Current, candidate);

        Assert.Equal(
        [
            BreakingChangeKind.ParameterRemoved, BreakingChangeKind.ParameterTypeChanged, BreakingChangeKind.RequiredParameterAdded,
            BreakingChangeKind.ReturnTypeChanged, BreakingChangeKind.MethodRemoved, BreakingChangeKind.RequiredParameterAdded,
            BreakingChangeKind.RequiredParameterAdded,
        ], changes.Select(c => c.Kind));
        Assert.All(changes, c => Assert.False(c.Declared));
        Assert.Contains(changes, c => c.Description == "Scale: parameter 'precision' became required");
        Assert.Contains(changes, c => c.Description == "Add: new required parameter 'left'");
    }

    [Fact]
    public void Check_UndeclaredBreak_FailsGate()
    {
        var result = ApiContractGate.Check(Current, Api(Current.Methods[0], Current.Methods[2]), Samples.Plan());

        Assert.False(result.Passed);
        Assert.Equal("api-contract", result.Name);
        Assert.Contains("undeclared MethodRemoved: Name(): string was removed", result.Diagnostics);
    }

    [Fact]
    public void Check_BreakDeclaredInPlan_PassesGate()
    {
        var plan = Samples.Plan() with { BreakingChanges = [new BreakingChangeDeclaration { Method = "name", Reason = "The request removes Name" }] };

        var result = ApiContractGate.Check(Current, Api(Current.Methods[0], Current.Methods[2]), plan);

        Assert.True(result.Passed);
        Assert.Contains(result.Diagnostics, d => d.StartsWith("declared MethodRemoved", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_DeclaredBreakOnOtherMethod_StillFailsGate()
    {
        var plan = Samples.Plan() with { BreakingChanges = [new BreakingChangeDeclaration { Method = "Scale", Reason = "other" }] };

        Assert.False(ApiContractGate.Check(Current, Api(Current.Methods[0], Current.Methods[2]), plan).Passed);
    }

    [Fact]
    public void Compare_WhitespaceInGenericTypes_IsNotABreak()
    {
        var current = Api(Method("All", "array<integer>", P("filter", "map<integer>")));
        var candidate = Api(Method("All", "array< integer >", P("filter", "map< integer>")));

        Assert.Empty(ApiContractGate.Compare(current, candidate));
    }

    [Fact]
    public void CheckPlannedApi_PlanInCSharpTypesImplemented_Passes()
    {
        var planned = Api(
            Method("Convert", "double", P("celsius", "double"), P("unit", "TemperatureUnit")),
            Method("History", "List<double>"),
            Method("Label", "string", P("prefix", "string")));
        var actual = Api(
            Method("Convert", "number", P("celsius", "number"), P("unit", "string")),
            Method("History", "array<number>"),
            Method("Label", "string?", P("prefix", "string?")),
            Method("Extra", "void"));

        Assert.True(ApiContractGate.CheckPlannedApi(planned, actual).Passed);
    }

    [Fact]
    public void CheckPlannedApi_MissingMethodAndWrongPrimitive_FailsNamingThem()
    {
        var planned = Api(Method("Convert", "double", P("celsius", "double")), Method("Reset", "void"));
        var actual = Api(Method("Convert", "string", P("celsius", "number")));

        var result = ApiContractGate.CheckPlannedApi(planned, actual);

        Assert.False(result.Passed);
        Assert.Equal("planned-api", result.Name);
        Assert.Equal(["ReturnTypeChanged: Convert returned double, now string", "MethodRemoved: Reset(): void was removed"], result.Diagnostics);
    }

    [Fact]
    public void Compare_CSharpTypeVersusSameJsonType_IsNotABreak()
    {
        var current = Api(Method("Add", "int", P("a", "int")));
        var candidate = Api(Method("Add", "integer", P("a", "long")));

        Assert.Empty(ApiContractGate.Compare(current, candidate));
    }
}
