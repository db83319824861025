using DurableObjects.Functions;

var builder = WebApplication.CreateBuilder(args);
builder.AddDurableObjects();

var app = builder.Build();
app.MapDurableObjects();
app.Run();

/// <summary>The host's entry point, visible to the integration tests.</summary>
public partial class Program;
