using System.Diagnostics;
using DurableObjects.Runner.Protocol;
using DurableObjects.Sandbox.Runners;

namespace DurableObjects.Runner.IntegrationTests;

/// <summary>The runner pool: one client per key, warmed spare processes, and the warm-up frame they run.</summary>
public class RunnerPoolTests
{
    [Fact]
    public async Task RunnerPool_GetOrAddSameKey_ReturnsSameClientAndRemoveStopsIt()
    {
        await using var pool = new RunnerPool(RunnerKit.Options());
        var deployment = RunnerKit.Deployment(RunnerKit.Calculator, "calc");

        var first = pool.GetOrAdd(deployment);
        var second = pool.GetOrAdd(deployment);
        await first.InvokeAsync("Add", """{"a":1,"b":1}""");
        var pid = first.ProcessId!.Value;
        await pool.RemoveAsync(deployment.Key);

        Assert.Same(first, second);
        Assert.False(pool.TryGet(deployment.Key, out _));
        await RunnerKit.WaitUntilAsync(() => !RunnerKit.ProcessAlive(pid), TimeSpan.FromSeconds(5));
        Assert.False(RunnerKit.ProcessAlive(pid));
    }

    [Fact]
    public async Task Warmup_BeforeLoad_Succeeds_TheObjectThenServesNormally_AndAfterLoadItIsRefused()
    {
        var options = RunnerKit.Options();
        var process = RunnerProcess.Start(options, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var warm = ResponseDecoder.Decode(await process.SendAsync(FrameKind.Warmup, [], options.StartTimeout, CancellationToken.None));
        await using var client = new RunnerClient(RunnerKit.Deployment(RunnerKit.Calculator, "warmed"), options)
        {
            ProcessSource = _ => Task.FromResult(process),
        };

        var added = await client.InvokeAsync("Add", """{"a":40,"b":2}""");
        var again = ResponseDecoder.Decode(await process.SendAsync(FrameKind.Warmup, [], options.StartTimeout, CancellationToken.None));

        Assert.True(warm.IsOk, warm.Message);
        Assert.Equal(process.ProcessId, client.ProcessId);
        Assert.Equal(InvocationStatus.Ok, added.Status);
        Assert.Equal("42", added.ResultJson);
        Assert.False(again.IsOk);
        Assert.Contains("before the object is loaded", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunnerPool_WithWarmSpares_BackToBackDeploysEachGetTheirOwnWarmedRunner()
    {
        await using var pool = new RunnerPool(RunnerKit.Options(o => o.WarmSpares = 2));
        pool.Warm();
        var clients = Enumerable.Range(1, 3).Select(i => pool.GetOrAdd(RunnerKit.Deployment(RunnerKit.Calculator, $"object{i}"))).ToList();

        var outcomes = new List<InvocationOutcome>();
        foreach (var client in clients)
        {
            outcomes.Add(await client.InvokeAsync("Add", """{"a":1,"b":2}"""));
        }

        Assert.All(outcomes, o => Assert.Equal("3", o.ResultJson));
        Assert.Equal(3, clients.Select(c => c.ProcessId).Distinct().Count());
    }

    [Fact]
    public async Task RunnerPool_SpareTakenDuringACheck_ReplacedOnlyOnceTheCheckEnds()
    {
        // The refill's runtime start would compete with the check for the CPU: it waits for the check to end.
        await using var pool = new RunnerPool(RunnerKit.Options(o => { o.WarmSpares = 1; o.SpareRefillDelay = TimeSpan.FromSeconds(30); }));
        pool.Warm();
        Assert.Equal(1, pool.SpareCount);
        var check = pool.BeginCheck();

        var client = pool.GetOrAdd(RunnerKit.Deployment(RunnerKit.Calculator, "object1"));
        Assert.Equal("3", (await client.InvokeAsync("Add", """{"a":1,"b":2}""")).ResultJson);
        await Task.Delay(700);
        Assert.Equal(0, pool.SpareCount);

        var ended = Stopwatch.StartNew();
        check.Dispose();
        await SpareReplacedAsync(pool);
        Assert.True(ended.Elapsed < TimeSpan.FromSeconds(5), $"replaced {ended.ElapsedMilliseconds} ms after the check ended");
    }

    [Fact]
    public async Task RunnerPool_SpareTakenWhileChecksGoOn_ReplacedAtTheRefillDelayNotAtOnce()
    {
        await using var pool = new RunnerPool(RunnerKit.Options(o => { o.WarmSpares = 1; o.SpareRefillDelay = TimeSpan.FromMilliseconds(700); }));
        pool.Warm();
        Assert.Equal(1, pool.SpareCount);
        using var check = pool.BeginCheck();

        var taken = Stopwatch.StartNew();
        var client = pool.GetOrAdd(RunnerKit.Deployment(RunnerKit.Calculator, "object1"));
        Assert.Equal("3", (await client.InvokeAsync("Add", """{"a":1,"b":2}""")).ResultJson);

        await SpareReplacedAsync(pool);
        Assert.True(taken.Elapsed >= TimeSpan.FromMilliseconds(650), $"replaced after {taken.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task RunnerPool_SpareStartedWhileChecksRun_SkipsTheWarmUp_AndServesLikeAWarmedOne()
    {
        // Under a burst of runs the CPU is the bottleneck: a spare started while checks run is not warmed ahead of need.
        await using var pool = new RunnerPool(RunnerKit.Options(o => { o.WarmSpares = 1; o.SpareRefillDelay = TimeSpan.FromMilliseconds(300); }));
        pool.Warm();
        await RunnerKit.WaitUntilAsync(() => pool.SpareStarts.Warmed == 1, TimeSpan.FromSeconds(30));
        using (pool.BeginCheck())
        {
            var first = pool.GetOrAdd(RunnerKit.Deployment(RunnerKit.Calculator, "object1"));
            Assert.Equal("3", (await first.InvokeAsync("Add", """{"a":1,"b":2}""")).ResultJson);
            await RunnerKit.WaitUntilAsync(() => pool.SpareStarts.StartedCold == 1, TimeSpan.FromSeconds(30));
        }

        var second = pool.GetOrAdd(RunnerKit.Deployment(RunnerKit.Calculator, "object2"));
        var added = await second.InvokeAsync("Add", """{"a":40,"b":2}""");

        Assert.Equal((1, 1), pool.SpareStarts);
        Assert.Equal("42", added.ResultJson);
    }

    private static async Task SpareReplacedAsync(RunnerPool pool)
    {
        var deadline = Stopwatch.StartNew();
        while (pool.SpareCount == 0 && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }
        Assert.Equal(1, pool.SpareCount);
    }

    [Fact]
    public async Task RunnerPool_Spare_WarmsAtLowestPriority_AndRunsAtNormalPriorityOnceTaken()
    {
        await using var pool = new RunnerPool(RunnerKit.Options(o => { o.WarmSpares = 1; o.SpareRefillDelay = TimeSpan.FromMinutes(1); }));
        pool.Warm();
        await RunnerKit.WaitUntilAsync(() => pool.SpareProcessIds.Any(), TimeSpan.FromSeconds(30));
        var spare = pool.SpareProcessIds.Single();
        var waiting = ThreadNiceValues(spare);

        var client = pool.GetOrAdd(RunnerKit.Deployment(RunnerKit.Calculator, "object1"));
        Assert.Equal("3", (await client.InvokeAsync("Add", """{"a":1,"b":2}""")).ResultJson);
        var serving = ThreadNiceValues(spare);

        Assert.Equal(spare, client.ProcessId);
        // A root host (as in CI) can raise a priority again, so its spares wait at nice 19; any other host leaves them at 0.
        var expected = RunnerLauncher.CanStartInBackground ? 19 : 0;
        Assert.NotEmpty(waiting);
        Assert.All(waiting, nice => Assert.Equal(expected, nice));
        Assert.All(serving, nice => Assert.Equal(0, nice));
    }

    /// <summary>The nice value of every thread of a process (field 19 of /proc/&lt;pid&gt;/task/&lt;tid&gt;/stat).</summary>
    private static List<int> ThreadNiceValues(int pid)
    {
        var values = new List<int>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                values.Add(int.Parse(fields[16], System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }
        return values;
    }
}
