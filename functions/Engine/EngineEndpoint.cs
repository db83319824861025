using System.Net.Sockets;
using Grpc.Net.Client;

namespace DurableObjects.Functions.Engine;

/// <summary>
/// The private Unix socket the sidecar listens on and the gRPC channel to it, made before the host's services are
/// built (the Durable Task worker and client are configured with the channel).
/// </summary>
public sealed class EngineEndpoint : IDisposable
{
    public EngineEndpoint()
    {
        SocketPath = Path.Combine(Path.GetTempPath(), $"durableobjects-{Guid.NewGuid():N}.sock");
        Channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { ConnectCallback = ConnectAsync },
        });
    }

    public string SocketPath { get; }

    public GrpcChannel Channel { get; }

    public void Dispose() => Channel.Dispose();

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
