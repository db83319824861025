using DurableObjects.AI.Rewards;
using Microsoft.Extensions.Configuration;

namespace DurableObjects.AI.UnitTests.Rewards;

public sealed class RewardThresholdsTests
{
    [Fact]
    public void Default_Values_MatchTheIssue()
    {
        var thresholds = RewardThresholds.Default;

        Assert.Equal((0.7, 0.8, 0.6), (thresholds.Constraint, thresholds.Factuality, thresholds.Preference));
    }

    [Fact]
    public void Get_FromConfigurationSection_BindsOverridesAndKeepsDefaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pipeline:Thresholds:Constraint"] = "0.75",
        }).Build();

        var thresholds = configuration.GetSection("Pipeline:Thresholds").Get<RewardThresholds>()!;

        Assert.Equal(0.75, thresholds.Constraint);
        Assert.Equal(0.8, thresholds.Factuality);
    }

    [Fact]
    public void WithOverrides_OutOfRange_IsClamped()
    {
        var thresholds = RewardThresholds.Default.WithOverrides(factuality: 1.5, preference: -1);

        Assert.Equal((0.7, 1.0, 0.0), (thresholds.Constraint, thresholds.Factuality, thresholds.Preference));
    }
}
