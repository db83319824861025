using DurableObjects.Runner;
using DurableObjects.Runner.Protocol;

// Trust model: this process runs generated object code that already passed the compile-time sandbox policy (checked
// on the semantic model and again on the emitted IL). The host adds the OS-level limits around it: network and IPC
// namespaces, a user of its own, an empty environment, a GC heap hard limit, a CPU-time rlimit, and a wall-clock
// timeout after which it kills this process; the process makes the files it could create its user's alone. Stdout carries the protocol, so the raw streams are taken before any object code can run and
// Console is redirected to a per-invocation bounded capture.
PrivateFiles.Apply();
var protocolIn = new BufferedStream(Console.OpenStandardInput(), 64 * 1024);
var protocolOut = new BufferedStream(Console.OpenStandardOutput(), 64 * 1024);
var settings = RunnerSettings.Parse(args);
var output = new OutputCapture(settings.MaxOutputBytes);
Console.SetOut(output);
Console.SetError(output);
Console.SetIn(TextReader.Null);

await using var writer = new FrameWriter(protocolOut);
using var dispatcher = new RequestDispatcher(settings, new ObjectHost(settings, output), writer);
await dispatcher.RunAsync(new FrameReader(protocolIn, settings.MaxRequestBytes));
