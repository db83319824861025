using DurableObjects.Shared.Domain;
using DurableObjects.Shared.Users;
using Microsoft.Extensions.Options;

namespace DurableObjects.Functions.Http;

/// <summary>Registration of Idempotency-Key handling.</summary>
public static class IdempotencyExtensions
{
    public static IServiceCollection AddDurableObjectsIdempotency(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<IdempotencyOptions>(configuration.GetSection(IdempotencyOptions.Section));
        services.AddSingleton<IdempotencyStore>();
        // A keyed token revocation's marker answers that request's retries: it is kept as long as its key is replayed.
        services.AddOptions<RevocationMarkerOptions>().Configure<IOptions<IdempotencyOptions>>((markers, keys) => markers.Retention = keys.Value.Retention);
        return services;
    }

    /// <summary>
    /// The operation a keyed request belongs to (set by <see cref="IdempotencyMiddleware"/> once the request holds its
    /// key), for handlers that create something: null for a request without an Idempotency-Key.
    /// </summary>
    public static RequestOperation? GetRequestOperation(this HttpContext context) =>
        context.Features.Get<RequestOperation>();

    /// <summary>After authentication and authorization: a key belongs to the authenticated user.</summary>
    public static IApplicationBuilder UseIdempotency(this IApplicationBuilder app) => app.UseMiddleware<IdempotencyMiddleware>();
}
