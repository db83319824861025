using System.Diagnostics;
using DurableObjects.Testing;

namespace DurableObjects.Benchmarks.Load;

/// <summary>When storage is frozen: for <c>outageSeconds</c> in the middle of a <c>seconds</c>-long load, or never.</summary>
public sealed class StorageOutage
{
    public StorageOutage(int seconds, int outageSeconds)
    {
        Seconds = outageSeconds;
        Start = outageSeconds > 0 ? TimeSpan.FromSeconds((seconds - outageSeconds) / 2.0) : TimeSpan.MaxValue;
        End = Start + TimeSpan.FromSeconds(outageSeconds);
    }

    public int Seconds { get; }
    public TimeSpan Start { get; }
    public TimeSpan End { get; }

    /// <summary>Whether a request started at <paramref name="at"/> may meet the outage: from a second before it to ten
    /// seconds after, while the host finds storage again.</summary>
    public bool Covers(TimeSpan at) => at >= Start - TimeSpan.FromSeconds(1) && at <= End + TimeSpan.FromSeconds(10);

    /// <summary>Freezes storage (SIGSTOP) at <see cref="Start"/> and thaws it <see cref="Seconds"/> later; does
    /// nothing when there is no outage.</summary>
    public async Task RunAsync(AzuriteInstance storage, Stopwatch clock)
    {
        if (Seconds <= 0)
        {
            return;
        }
        await Task.Delay(Start);
        storage.Freeze();
        Console.WriteLine($"[{clock.Elapsed.TotalSeconds:F1}s] storage frozen");
        await Task.Delay(TimeSpan.FromSeconds(Seconds));
        storage.Thaw();
        Console.WriteLine($"[{clock.Elapsed.TotalSeconds:F1}s] storage thawed");
    }
}
