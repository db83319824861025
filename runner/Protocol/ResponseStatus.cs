namespace DurableObjects.Runner.Protocol;

/// <summary>The status byte that starts every <see cref="FrameKind.Response"/> body.</summary>
internal enum ResponseStatus : byte
{
    Ok = 0,
    BadArguments = 1,
    UnknownMethod = 2,
    ObjectThrew = 3,
    ResultTooLarge = 4,
    NotLoaded = 5,
    ProtocolError = 6,
}
