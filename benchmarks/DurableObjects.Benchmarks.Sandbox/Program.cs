using DurableObjects.Benchmarks.Sandbox;

// Run: dotnet run -c Release --project benchmarks/DurableObjects.Benchmarks.Sandbox -- [compile|invoke|mutation|all]
// Prints one line per measurement; these are measurements, not pass/fail tests.
var mode = args.FirstOrDefault() ?? "all";
if (mode is "compile" or "all")
{
    CompileBenchmark.Run();
}

if (mode is "invoke" or "all")
{
    await InvokeBenchmark.RunAsync([1, 8, 64], duration: TimeSpan.FromSeconds(5));
}

if (mode is "mutation" or "all")
{
    await MutationBenchmark.RunAsync([4, 8, 16], rounds: 5);
}
