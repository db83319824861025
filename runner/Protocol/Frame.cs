namespace DurableObjects.Runner.Protocol;

/// <summary>
/// One protocol message. On the wire: <c>[int32 LE length][byte kind][int64 LE id][body]</c>, where length counts
/// kind, id and body. Request ids are chosen by the host and echoed by the runner, so many requests can be in flight.
/// </summary>
internal readonly record struct Frame(FrameKind Kind, long Id, byte[] Body)
{
    /// <summary>Bytes of kind and id that follow the length prefix.</summary>
    public const int HeaderSize = 1 + 8;

    /// <summary>Bytes of the length prefix.</summary>
    public const int PrefixSize = 4;
}
