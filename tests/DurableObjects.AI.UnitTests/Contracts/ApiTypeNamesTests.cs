using DurableObjects.AI.Contracts;

namespace DurableObjects.AI.UnitTests.Contracts;

public sealed class ApiTypeNamesTests
{
    [Theory]
    [InlineData("int", "integer")]
    [InlineData("System.Int64", "integer")]
    [InlineData("double?", "number?")]
    [InlineData("Nullable<decimal>", "number?")]
    [InlineData("bool", "boolean")]
    [InlineData("DateTimeOffset", "string")]
    [InlineData("object", "any")]
    [InlineData("int[]", "array<integer>")]
    [InlineData("List< string >", "array<string>")]
    [InlineData("IReadOnlyList<List<int>>", "array<array<integer>>")]
    [InlineData("Dictionary<string, double>", "map<number>")]
    [InlineData("Task", "void")]
    [InlineData("Task<IEnumerable<bool>>", "array<boolean>")]
    [InlineData("array<integer>", "array<integer>")]
    [InlineData("Money", "Money")]
    [InlineData("Result<int,string>", "Result<integer,string>")]
    public void Normalize_CSharpOrJsonName_GivesJsonFriendlyName(string type, string expected) =>
        Assert.Equal(expected, ApiTypeNames.Normalize(type));

    [Theory]
    [InlineData("array<map<integer?>>", true)]
    [InlineData("Money", false)]
    [InlineData("array<Money>", false)]
    public void IsWellKnown_NormalizedName_TellsPrimitivesFromObjectTypes(string name, bool expected) =>
        Assert.Equal(expected, ApiTypeNames.IsWellKnown(name));
}
