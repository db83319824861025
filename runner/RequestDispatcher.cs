using System.Text;
using System.Text.Json;
using DurableObjects.Runner.Protocol;

namespace DurableObjects.Runner;

/// <summary>
/// Reads requests from the host and answers each on the shared writer. Invocations run concurrently on the thread
/// pool, at most <see cref="RunnerSettings.MaxConcurrency"/> at a time; answers go out in completion order, matched
/// to requests by id.
/// </summary>
internal sealed class RequestDispatcher(RunnerSettings settings, ObjectHost host, FrameWriter writer) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(settings.MaxConcurrency, settings.MaxConcurrency);

    public void Dispose() => _gate.Dispose();

    /// <summary>Serves requests until the host closes stdin.</summary>
    public async Task RunAsync(FrameReader reader)
    {
        while (await reader.ReadAsync().ConfigureAwait(false) is { } frame)
        {
            switch (frame.Kind)
            {
                case FrameKind.Load:
                    // Loading is serialized with the read loop: nothing can be invoked before it finishes.
                    Reply(frame.Id, Load(frame.Body), "");
                    break;
                case FrameKind.Invoke:
                    _ = Task.Run(() => InvokeAsync(frame));
                    break;
                case FrameKind.RunTests:
                    _ = Task.Run(() => RunTests(frame.Id));
                    break;
                case FrameKind.TestAssembly:
                    _ = Task.Run(() => TestAssembly(frame));
                    break;
                case FrameKind.Warmup:
                    // Serialized with the read loop like a load, and refused once an object is loaded.
                    Reply(frame.Id, host.IsLoaded
                        ? InvocationResult.Error(ResponseStatus.ProtocolError, "AlreadyLoaded", "Warm-up comes before the object is loaded.")
                        : Warmup.Run(settings.MaxResultBytes, host.Output), "");
                    break;
                case FrameKind.Ping:
                    Reply(frame.Id, new InvocationResult(ResponseStatus.Ok,
                        Encoding.UTF8.GetBytes(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture))), "");
                    break;
                default:
                    Reply(frame.Id, InvocationResult.Error(ResponseStatus.ProtocolError, "ProtocolError",
                        $"Unknown frame kind {(byte)frame.Kind}."), "");
                    break;
            }
        }
    }

    private InvocationResult Load(byte[] body)
    {
        try
        {
            var segments = FrameBody.Unpack(body);
            var request = JsonSerializer.Deserialize<LoadRequest>(segments[0].Span, ProtocolJson.Options)
                          ?? throw new InvalidDataException("Missing load request.");
            return host.Load(request, segments[1]);
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException or ArgumentOutOfRangeException
                                       or BadImageFormatException)
        {
            return InvocationResult.Error(ResponseStatus.ProtocolError, "BadLoadRequest", ex.Message);
        }
    }

    private async Task InvokeAsync(Frame frame)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var segments = FrameBody.Unpack(frame.Body);
            var method = Encoding.UTF8.GetString(segments[0].Span);
            var (result, output) = await host.InvokeAsync(method, segments.Count > 1 ? segments[1] : default)
                .ConfigureAwait(false);
            Reply(frame.Id, result, output);
        }
        catch (InvalidDataException ex)
        {
            Reply(frame.Id, InvocationResult.Error(ResponseStatus.ProtocolError, "ProtocolError", ex.Message), "");
        }
        finally
        {
            _gate.Release();
        }
    }

    private void RunTests(long id)
    {
        var report = host.RunTests();
        Reply(id, new InvocationResult(ResponseStatus.Ok,
            JsonSerializer.SerializeToUtf8Bytes(report, ProtocolJson.Options)), "");
    }

    private void TestAssembly(Frame frame)
    {
        InvocationResult result;
        try
        {
            var segments = FrameBody.Unpack(frame.Body);
            var request = JsonSerializer.Deserialize<LoadRequest>(segments[0].Span, ProtocolJson.Options)
                          ?? throw new InvalidDataException("Missing load request.");
            result = new InvocationResult(ResponseStatus.Ok,
                JsonSerializer.SerializeToUtf8Bytes(AssemblyTests.Run(request, segments[1], host.Output), ProtocolJson.Options));
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException or ArgumentOutOfRangeException
                                       or BadImageFormatException)
        {
            result = InvocationResult.Error(ResponseStatus.ProtocolError, "BadLoadRequest", ex.Message);
        }

        Reply(frame.Id, result, "");
    }

    private void Reply(long id, InvocationResult result, string output) =>
        writer.TryWrite(new Frame(FrameKind.Response, id,
            FrameBody.PackResponse(result.Status, result.Payload, Encoding.UTF8.GetBytes(output))));
}
