using System.Globalization;
using DurableObjects.Functions.Auth;
using DurableObjects.Orchestrations.Evaluation;
using DurableObjects.Orchestrations.Objects;
using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableObjects.Functions.Http;

/// <summary>Versions of an object: list, get one with its files, add one, diff two.</summary>
public static class VersionsApi
{
    public static RouteGroupBuilder MapVersionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/objects/{name}").WithTags("Versions").RequireAuthorization(AuthPolicies.Read);
        group.MapGet("/versions", ListAsync).WithSummary("List an object's versions, newest first.");
        group.MapGet("/versions/{version}", GetAsync).WithSummary("Get one version (\"3\" or \"v3\") with its files.");
        group.MapPost("/versions", AddAsync).RequireAuthorization(AuthPolicies.Write).WithSummary("Add a version from supplied files; it becomes current.");
        group.MapGet("/diff", DiffAsync).WithSummary("Unified diff between two versions (?from=1&to=2).");
        return group;
    }

    private static async Task<Results<Ok<PageResponse<VersionResponse>>, ProblemHttpResult>> ListAsync(
        string name, int? pageSize, string? continuationToken, ObjectService objects, VersionStore versions, CancellationToken cancellationToken)
    {
        if (await objects.GetAsync(name, cancellationToken) is not { } info)
        {
            return Problems.NotFound($"No object named '{name}'.");
        }
        if (Paging.Check(pageSize, continuationToken, out var storeToken) is { } badPage)
        {
            return badPage;
        }
        var page = await versions.ListAsync(ObjectName.ToKey(info.Name), pageSize ?? Paging.DefaultSize, storeToken, cancellationToken);
        return TypedResults.Ok(new PageResponse<VersionResponse>(page.Items.Select(v => VersionResponse.From(v)).ToList(), Paging.Seal(page.ContinuationToken)));
    }

    private static async Task<Results<Ok<VersionResponse>, ProblemHttpResult>> GetAsync(
        string name, string version, ObjectService objects, VersionStore versions, CancellationToken cancellationToken)
    {
        if (await objects.GetAsync(name, cancellationToken) is not { } info)
        {
            return Problems.NotFound($"No object named '{name}'.");
        }
        if (!TryParseVersion(version, out var number))
        {
            return Problems.Invalid("version", "A version is a number, like 3 or v3.");
        }
        var stored = await versions.GetAsync(ObjectName.ToKey(info.Name), number, cancellationToken);
        return stored is null
            ? Problems.NotFound($"Object '{info.Name}' has no version {number}.")
            : TypedResults.Ok(VersionResponse.From(stored, await versions.ReadFilesAsync(stored, cancellationToken)));
    }

    private static async Task<Results<Created<VersionResponse>, ProblemHttpResult>> AddAsync(
        string name, AddVersionRequest request, ObjectService objects, SandboxGates gates, HttpContext http, CancellationToken cancellationToken)
    {
        if (!ObjectName.IsValid(name))
        {
            return Problems.NotFound($"No object named '{name}'.");
        }
        if (request.BaseVersion is < 1)
        {
            return Problems.Invalid("baseVersion", "A version number, 1 or more: the version the files were made from.");
        }
        var operation = http.GetRequestOperation();
        // The kept tests hold on this path too: they must pass against the new version as stored, and changing one
        // needs a run with approval (409). Only for someone who may change the object, so nothing runs for others.
        if (await objects.GetAsync(name, cancellationToken) is { CurrentVersion: > 0, Status: not ObjectStatus.Deprecated } info && http.User.ToActor().MayChange(info.Owner) && request.Files is { Count: > 0 } files)
        {
            // Files made from an older version are refused before that (checked against the current version's kept
            // tests they would fail for the wrong reason), unless this retries an attempt that may have stored them:
            // the writer checks the base again in its turn, where it finds that attempt's version first.
            var moved = request.BaseVersion is { } made && operation is not { Retried: true } ? VersionBasis.Check(info, info.LatestVersion, made) : null;
            if ((moved ?? await gates.CheckDirectVersionAsync(info.Name, info.CurrentVersion, files, cancellationToken)) is { } refused)
            {
                return Problems.From(refused);
            }
        }
        var outcome = await objects.AddVersionAsync(name, new NewVersion(request.Files ?? [], request.Summary, operation, request.BaseVersion), http.User.ToActor());
        return outcome.Value is { } added
            ? TypedResults.Created($"/api/objects/{name}/versions/{added.Number}", VersionResponse.From(added))
            : Problems.From(outcome.Error!);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> DiffAsync(
        string name, string? from, string? to, ObjectService objects, VersionStore versions, CancellationToken cancellationToken)
    {
        if (await objects.GetAsync(name, cancellationToken) is not { } info)
        {
            return Problems.NotFound($"No object named '{name}'.");
        }
        if (!TryParseVersion(from, out var fromNumber) || !TryParseVersion(to, out var toNumber))
        {
            return Problems.Invalid("from", "Give both versions to compare, like ?from=1&to=2.");
        }
        var key = ObjectName.ToKey(info.Name);
        var older = await versions.GetAsync(key, fromNumber, cancellationToken);
        var newer = await versions.GetAsync(key, toNumber, cancellationToken);
        if (older is null || newer is null)
        {
            return Problems.NotFound($"Object '{info.Name}' has no version {(older is null ? fromNumber : toNumber)}.");
        }
        var diff = UnifiedDiff.Between(
            await versions.ReadFilesAsync(older, cancellationToken),
            await versions.ReadFilesAsync(newer, cancellationToken),
            $"v{fromNumber}",
            $"v{toNumber}");
        return TypedResults.Text(diff, "text/x-diff; charset=utf-8");
    }

    internal static bool TryParseVersion(string? text, out int number)
    {
        var digits = text is { Length: > 1 } && (text[0] == 'v' || text[0] == 'V') ? text[1..] : text;
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number >= 1;
    }
}
