using DurableObjects.Shared.Domain;

namespace DurableObjects.Shared.UnitTests.Domain;

public sealed class SourceFilesTests
{
    private static readonly ObjectLimitsOptions Limits = new() { MaxFiles = 2, MaxFileBytes = 10 };

    [Fact]
    public void Validate_GoodFiles_HasNoErrors() =>
        Assert.Empty(SourceFiles.Validate(new Dictionary<string, string> { ["A.cs"] = "class A{}", ["src/B.cs"] = "" }, Limits));

    [Theory]
    [InlineData("../A.cs")]
    [InlineData("/A.cs")]
    [InlineData("A.txt")]
    [InlineData("a\\b.cs")]
    [InlineData("src//A.cs")]
    [InlineData(".hidden.cs")]
    [InlineData("A.cs\n")]
    [InlineData("src/A.cs\n")]
    public void Validate_BadPath_IsAnError(string path) =>
        Assert.NotEmpty(SourceFiles.Validate(new Dictionary<string, string> { [path] = "x" }, Limits));

    [Fact]
    public void Validate_TooManyTooLargeOrDuplicateIgnoringCase_AreErrors()
    {
        Assert.Contains("files", SourceFiles.Validate(new Dictionary<string, string> { ["A.cs"] = "", ["B.cs"] = "", ["C.cs"] = "" }, Limits).Keys);
        Assert.Contains("files[A.cs]", SourceFiles.Validate(new Dictionary<string, string> { ["A.cs"] = "12345678901" }, Limits).Keys);
        Assert.Contains("files", SourceFiles.Validate(new Dictionary<string, string> { ["A.cs"] = "", ["a.cs"] = "" }, Limits).Keys);
        Assert.Contains("files", SourceFiles.Validate(new Dictionary<string, string>(), Limits).Keys);
    }

    [Fact]
    public void Validate_MultiByteContent_CountsUtf8Bytes() =>
        Assert.NotEmpty(SourceFiles.Validate(new Dictionary<string, string> { ["A.cs"] = "ééééé\u20ac" }, Limits));

    [Fact]
    public void HashVersion_SameFilesAnyOrder_SameHash_AndContentChangesIt()
    {
        var one = SourceFiles.ToRefs(new Dictionary<string, string> { ["A.cs"] = "a", ["B.cs"] = "b" });
        var two = SourceFiles.ToRefs(new Dictionary<string, string> { ["B.cs"] = "b", ["A.cs"] = "a" });
        var changed = SourceFiles.ToRefs(new Dictionary<string, string> { ["A.cs"] = "a", ["B.cs"] = "c" });

        Assert.Equal(SourceFiles.HashVersion(one), SourceFiles.HashVersion(two));
        Assert.NotEqual(SourceFiles.HashVersion(one), SourceFiles.HashVersion(changed));
        Assert.Equal("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb", one[0].Sha256);
    }
}
