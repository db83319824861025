using DurableObjects.Functions;
using DurableObjects.Functions.Triggers;

// One app, two modes. Started by the Azure Functions host: an isolated worker whose triggers (Triggers/) hand every
// request, orchestration and activity to the same handlers and classes. Started any other way (scripts/start.sh,
// `dotnet run`, the tests): standalone on Kestrel with the Durable Task engine in-process.
if (FunctionsHost.StartedBy(args))
{
    await FunctionsHost.RunAsync(args);
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddDurableObjects();

var app = builder.Build();
app.MapDurableObjects();
await app.RunAsync();

/// <summary>The host's entry point, visible to the integration tests.</summary>
public partial class Program;
