using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace DurableObjects.Functions.Web;

/// <summary>
/// Serves the built web front end (<c>web/dist</c>) at <c>/</c>: its files, and <c>index.html</c> for any other
/// path that is not the API's (a navigation fallback, as Azure Static Web Apps does). The app's shell is public; every
/// call it makes goes to <c>/api</c> with the user's token. <c>Web:Root</c> names the folder (relative to the content
/// root); by default <c>web/dist</c>, looked for in the content root and its parent (a run from <c>functions/</c>).
/// </summary>
public static class WebFrontEnd
{
    /// <summary>Paths that are never the app's: a miss there is a 404 problem, not the app's page.</summary>
    private static readonly string[] ServerPaths = ["/api", "/webhooks", "/openapi", "/api-reference", "/health"];

    /// <summary>
    /// The app's script and styles come from this origin only; it talks only to this origin; no framing. Inline
    /// styles are allowed because the score chart sets SVG geometry from script.
    /// </summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

    /// <summary>The front end's files (before routing): <c>index.html</c> at <c>/</c>, hashed assets cached for good.</summary>
    public static IApplicationBuilder UseWebFrontEndFiles(this IApplicationBuilder app, string root)
    {
        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = context => Secure(context.Context.Response, immutable: context.Context.Request.Path.StartsWithSegments("/assets")),
        });
        return app;
    }

    /// <summary>
    /// The navigation fallback (<c>index.html</c> for the app's own paths, a 404 problem elsewhere), or, when the
    /// front end is not built (<paramref name="root"/> null), a line at <c>/</c> saying how to build it.
    /// </summary>
    public static IEndpointRouteBuilder MapWebFrontEnd(this IEndpointRouteBuilder routes, string? root)
    {
        if (root is null)
        {
            routes.MapGet("/", () => Results.Text(
                "DurableObjects: the web front end is not built. Run `cd web && npm ci && npm run build` (scripts/start.sh does), " +
                "or use the API: /api-reference.", "text/plain")).AllowAnonymous().ExcludeFromDescription();
            return routes;
        }

        var files = new PhysicalFileProvider(root);
        routes.MapFallback(async (HttpContext http) =>
        {
            if (!IsPagePath(http.Request.Path) || !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"Nothing is at {http.Request.Method} {http.Request.Path}.");
            }
            var index = files.GetFileInfo("index.html");
            if (!index.Exists)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The web front end has no index.html.");
            }
            Secure(http.Response, immutable: false);
            await using var stream = index.CreateReadStream();
            using var reader = new StreamReader(stream);
            return Results.Content(await reader.ReadToEndAsync(http.RequestAborted), "text/html; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
        return routes;
    }

    /// <summary>The folder holding <c>index.html</c>, or null when the app is not built.</summary>
    public static string? Resolve(string? configured, string contentRoot)
    {
        string[] candidates = string.IsNullOrWhiteSpace(configured)
            ? [Path.Combine(contentRoot, "web", "dist"), Path.Combine(contentRoot, "..", "web", "dist")]
            : [Path.IsPathRooted(configured) ? configured : Path.Combine(contentRoot, configured)];
        return candidates.Select(Path.GetFullPath).FirstOrDefault(c => File.Exists(Path.Combine(c, "index.html")));
    }

    /// <summary>A path the app's page answers: not the server's, and not a file (a missing script is a 404, not HTML).</summary>
    private static bool IsPagePath(PathString path) =>
        !ServerPaths.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)) &&
        !Path.HasExtension(path.Value);

    /// <summary>
    /// Security headers on every file. Vite names what it puts in <c>assets/</c> by content hash, so those are cached
    /// for good; anything else (the page, which names the assets) is revalidated.
    /// </summary>
    private static void Secure(HttpResponse response, bool immutable)
    {
        var headers = response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers[HeaderNames.XFrameOptions] = "DENY";
        headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
        headers[HeaderNames.CacheControl] = immutable ? "public, max-age=31536000, immutable" : "no-cache";
    }
}
