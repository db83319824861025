using Azure;

namespace DurableObjects.Shared.Storage;

/// <summary>Recognises the storage answers that mean "someone else wrote first".</summary>
public static class TableErrors
{
    /// <summary>409: the row already exists (an insert lost a race).</summary>
    public static bool IsConflict(this RequestFailedException e) => e.Status == 409;

    /// <summary>412: the ETag no longer matches (an update lost a race).</summary>
    public static bool IsPreconditionFailed(this RequestFailedException e) => e.Status == 412;

    public static bool IsNotFound(this RequestFailedException e) => e.Status == 404;
}
