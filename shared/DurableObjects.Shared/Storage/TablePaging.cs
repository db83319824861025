using Azure;

namespace DurableObjects.Shared.Storage;

/// <summary>Turns a table query into one API page, passing Table Storage's continuation token through.</summary>
internal static class TablePaging
{
    public static async Task<Page<TOut>> FirstPageAsync<TIn, TOut>(AsyncPageable<TIn> query, int pageSize, string? continuationToken, Func<TIn, TOut> map)
        where TIn : notnull
    {
        await foreach (var page in query.AsPages(continuationToken, pageSize))
        {
            return new Page<TOut>(page.Values.Select(map).ToList(), page.ContinuationToken);
        }
        return new Page<TOut>([], null);
    }
}
