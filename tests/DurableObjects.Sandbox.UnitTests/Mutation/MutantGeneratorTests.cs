using DurableObjects.Sandbox.Compiling;
using DurableObjects.Sandbox.Mutation;

namespace DurableObjects.Sandbox.UnitTests.Mutation;

public sealed class MutantGeneratorTests
{
    private const string Before = """
        namespace Samples;

        /// <summary>Maths.</summary>
        public class Calculator
        {
            private int _calls;

            public int Add(int a, int b) => a + b;

            public int Max(int a, int b)
            {
                _calls++;
                if (a >= b)
                {
                    return a;
                }
                return b;
            }
        }
        """;

    private static Dictionary<string, string> Files(string code) => new() { ["Calculator.cs"] = code };

    [Fact]
    public void Changed_OnlyOneMethodBodyDiffers_ReturnsThatMethod()
    {
        var after = Before.Replace("a + b", "b + a", StringComparison.Ordinal).Replace("/// <summary>Maths.</summary>", "/// <summary>Other docs.</summary>", StringComparison.Ordinal);

        Assert.Equal(["Calculator.Add"], MutationSites.Changed(Files(Before), Files(after)));
    }

    [Fact]
    public void Changed_NoCurrentVersion_EveryMethod()
    {
        Assert.Equal(["Calculator.Add", "Calculator.Max"], MutationSites.Changed(null, Files(Before)));
    }

    [Fact]
    public void Generate_Max_ReturnsDefaultsFlipsAndDropsThatCompile()
    {
        var mutants = MutantGenerator.Generate(Files(Before), ["Calculator.Max"], 10);

        Assert.Equal(4, mutants.Count);
        Assert.Contains(mutants, m => m.Description.Contains("return default", StringComparison.Ordinal));
        Assert.Contains(mutants, m => m.Description.Contains("flipped to '<'", StringComparison.Ordinal));
        Assert.Contains(mutants, m => m.Description.StartsWith("dropped", StringComparison.Ordinal));
        var compiler = new ObjectCompiler();
        Assert.All(mutants, m => Assert.True(compiler.Compile(m.Files).Success, m.Description));
        Assert.All(mutants, m => Assert.NotEqual(Before, m.Files["Calculator.cs"]));
    }

    [Fact]
    public void Generate_TwoMethodsAndALowBound_SpreadsRoundRobinWithinTheBound()
    {
        var mutants = MutantGenerator.Generate(Files(Before), ["Calculator.Add", "Calculator.Max"], 3);

        Assert.Equal(3, mutants.Count);
        Assert.Equal(["Calculator.Add", "Calculator.Max", "Calculator.Add"], mutants.Select(m => m.Method));
    }
}
