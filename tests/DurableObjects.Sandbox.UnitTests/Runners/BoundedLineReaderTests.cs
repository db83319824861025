using DurableObjects.Sandbox.Runners;

namespace DurableObjects.Sandbox.UnitTests.Runners;

public sealed class BoundedLineReaderTests
{
    [Fact]
    public async Task ReadAsync_HugeLine_IsCutAndNeverHeldWhole()
    {
        // What a runner prints when object code crashes it with a huge exception message: one line of 20M characters.
        using var reader = new StringReader("first\r\n" + new string('x', 20_000_000) + "\nlast");
        var lines = new List<string>();
        var before = GC.GetAllocatedBytesForCurrentThread();

        await BoundedLineReader.ReadAsync(reader, 500, lines.Add);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(["first", new string('x', 500), "last"], lines);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes reading a 20M-character line");
    }

    [Fact]
    public async Task ReadAsync_ShortLines_AreReportedAsWritten()
    {
        using var reader = new StringReader("a\nb\r\n\nc\n");
        var lines = new List<string>();

        await BoundedLineReader.ReadAsync(reader, 500, lines.Add);

        Assert.Equal(["a", "b", "", "c"], lines);
    }
}
