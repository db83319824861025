using Microsoft.AspNetCore.Http;

namespace DurableObjects.Channels.Http;

/// <summary>Reading a webhook's form, where a form the reader cannot hold is the sender's mistake, not ours.</summary>
public static class WebhookForms
{
    /// <summary>
    /// The request's form (empty when it has none). A form within the byte limit but over the form reader's limits
    /// (more than 1024 fields, a key or value too long) is bad input: a 400 problem, not a server error.
    /// </summary>
    public static async Task<IFormCollection> ReadFormOrRejectAsync(this HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasFormContentType)
        {
            return FormCollection.Empty;
        }
        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException e)
        {
            throw new BadHttpRequestException("The request's form cannot be read: " + e.Message, StatusCodes.Status400BadRequest, e);
        }
    }
}
