using DurableObjects.Cli;

return await CliApp.RunAsync(args, CliConsole.FromSystem(), CliEnvironment.FromProcess());
