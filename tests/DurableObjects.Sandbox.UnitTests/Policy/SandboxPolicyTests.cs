using DurableObjects.Sandbox.Policy;

namespace DurableObjects.Sandbox.UnitTests.Policy;

public class SandboxPolicyTests
{
    private static readonly SandboxPolicy Policy = SandboxPolicy.Default;

    [Theory]
    [InlineData("System", "String")]
    [InlineData("System.Collections.Generic", "Dictionary`2")]
    [InlineData("System.Text.Json", "JsonSerializer")]
    [InlineData("System.IO", "StringWriter")]
    [InlineData("System.Threading", "Interlocked")]
    public void CheckType_PermittedType_IsAllowed(string ns, string name)
    {
        Assert.True(Policy.CheckType(ns, name).Allowed);
    }

    [Theory]
    [InlineData("System", "Environment", "environment")]
    [InlineData("System.IO", "File", "file system")]
    [InlineData("System.Threading", "Thread", "schedule")]
    [InlineData("System.Threading.Tasks", "Parallel", "schedule")]
    [InlineData("System.Xml.Linq", "XDocument", "XML")]
    [InlineData("Newtonsoft.Json", "JsonConvert", "not on the sandbox permit-list")]
    public void CheckType_BannedType_IsDeniedWithReason(string ns, string name, string reason)
    {
        var decision = Policy.CheckType(ns, name);

        Assert.False(decision.Allowed);
        Assert.Contains(reason, decision.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void CheckMember_TaskRunAndCompletedTask_OnlyRunIsDenied()
    {
        var run = Policy.CheckMember("System.Threading.Tasks", "Task", new MemberUse("Run", true, false, []));
        var completed = Policy.CheckMember("System.Threading.Tasks", "Task", new MemberUse("get_CompletedTask", true, false, []));

        Assert.False(run.Allowed);
        Assert.True(completed.Allowed);
    }

    [Fact]
    public void CheckMember_RegexStaticMatch_NeedsTimeoutParameter()
    {
        var without = Policy.CheckMember("System.Text.RegularExpressions", "Regex",
            new MemberUse("IsMatch", true, false, ["System.String", "System.String"]));
        var with = Policy.CheckMember("System.Text.RegularExpressions", "Regex",
            new MemberUse("IsMatch", true, false, ["System.String", "System.String", "System.Text.RegularExpressions.RegexOptions", "System.TimeSpan"]));
        var instance = Policy.CheckMember("System.Text.RegularExpressions", "Regex",
            new MemberUse("IsMatch", false, false, ["System.String"]));

        Assert.False(without.Allowed);
        Assert.True(with.Allowed);
        Assert.True(instance.Allowed);
    }

    [Fact]
    public void IsCompilerIntrinsic_CollectionsMarshalAsSpan_OnlyThatMember()
    {
        Assert.True(Policy.IsCompilerIntrinsic("System.Runtime.InteropServices", "CollectionsMarshal", "AsSpan"));
        Assert.False(Policy.IsCompilerIntrinsic("System.Runtime.InteropServices", "Marshal", "AllocHGlobal"));
    }
}
