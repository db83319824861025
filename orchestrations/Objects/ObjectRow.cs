using Azure;
using DurableObjects.Shared.Domain;

namespace DurableObjects.Orchestrations.Objects;

/// <summary>An object row as read, with the ETag a replace of it must carry.</summary>
public sealed record ObjectRow(ObjectInfo Info, ETag ETag);
