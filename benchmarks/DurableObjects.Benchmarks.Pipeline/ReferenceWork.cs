using System.Diagnostics;

namespace DurableObjects.Benchmarks.Pipeline;

/// <summary>
/// The machine's speed at the moment, measured apart from the system under test: the same fixed work (sorting 2 million
/// integers and a dictionary of 500,000 inserts and lookups, one thread) timed three times before a phase, best taken.
/// The machine's speed drifts between minutes by as much as the benchmark's own results do (docs/benchmarks.md, "The
/// machine's two speeds"); printing it beside each phase tells a slower machine from a slower build.
/// </summary>
public static class ReferenceWork
{
    public static double BestMilliseconds()
    {
        var best = double.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            var clock = Stopwatch.StartNew();
            Once();
            best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
        }
        return best;
    }

    private static void Once()
    {
        var random = new Random(12345);
        var numbers = new int[2_000_000];
        for (var i = 0; i < numbers.Length; i++)
        {
            numbers[i] = random.Next();
        }
        Array.Sort(numbers);
        var map = new Dictionary<int, int>();
        for (var i = 0; i < 500_000; i++)
        {
            map[numbers[i * 4]] = i;
        }
        var found = 0;
        for (var i = 0; i < 500_000; i++)
        {
            found += map.ContainsKey(numbers[i * 4 + 1]) ? 1 : 0;
        }
        GC.KeepAlive(found);
    }
}
