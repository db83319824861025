using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableObjects.Functions.Http;

/// <summary>Page-size rules shared by every listing.</summary>
public static class Paging
{
    public const int DefaultSize = 50;
    public const int MaxSize = 200;

    public static ProblemHttpResult? Check(int? pageSize) =>
        pageSize is < 1 or > MaxSize ? Problems.Invalid("pageSize", $"pageSize is between 1 and {MaxSize}.") : null;
}
