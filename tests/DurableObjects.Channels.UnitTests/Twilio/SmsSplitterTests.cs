using DurableObjects.Channels.Twilio;

namespace DurableObjects.Channels.UnitTests.Twilio;

public sealed class SmsSplitterTests
{
    [Fact]
    public void Split_ShortText_OnePartWithoutNumbering()
    {
        Assert.Equal(["hello there"], SmsSplitter.Split("  hello there "));
    }

    [Fact]
    public void Split_LongText_CutsOnWordBoundariesAndNumbers()
    {
        var text = string.Join(' ', Enumerable.Range(1, 60).Select(i => $"word{i}"));

        var parts = SmsSplitter.Split(text, 100);

        Assert.All(parts, p => Assert.True(p.Length <= 100, p));
        Assert.StartsWith($"(1/{parts.Count}) ", parts[0], StringComparison.Ordinal);
        var rejoined = string.Join(' ', parts.Select(p => p[(p.IndexOf(") ", StringComparison.Ordinal) + 2)..]));
        Assert.Equal(text, rejoined);
    }

    [Fact]
    public void Split_ManyParts_PrefixWidthAccountsForTwoDigitCounts()
    {
        var text = string.Join(' ', Enumerable.Repeat("abcdefgh", 200));

        var parts = SmsSplitter.Split(text, 40);

        Assert.True(parts.Count >= 10);
        Assert.All(parts, p => Assert.True(p.Length <= 40, p));
        Assert.StartsWith($"({parts.Count}/{parts.Count}) ", parts[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Split_WordLongerThanPart_CutsHard()
    {
        var parts = SmsSplitter.Split(new string('x', 250), 100);

        Assert.All(parts, p => Assert.True(p.Length <= 100));
        Assert.Equal(250, parts.Sum(p => p.Length - p.IndexOf(") ", StringComparison.Ordinal) - 2));
    }
}
