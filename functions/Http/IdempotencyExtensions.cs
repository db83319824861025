namespace DurableObjects.Functions.Http;

/// <summary>Registration of Idempotency-Key handling.</summary>
public static class IdempotencyExtensions
{
    public static IServiceCollection AddDurableObjectsIdempotency(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<IdempotencyOptions>(configuration.GetSection(IdempotencyOptions.Section));
        services.AddSingleton<IdempotencyStore>();
        return services;
    }

    /// <summary>After authentication and authorization: a key belongs to the authenticated user.</summary>
    public static IApplicationBuilder UseIdempotency(this IApplicationBuilder app) => app.UseMiddleware<IdempotencyMiddleware>();
}
