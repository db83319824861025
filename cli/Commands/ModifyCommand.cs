using System.CommandLine;
using DurableObjects.Cli.Api;
using DurableObjects.Cli.Output;

namespace DurableObjects.Cli.Commands;

/// <summary><c>modify NAME "request"</c>: a prompt run (needs a model on the server), followed live.</summary>
public static class ModifyCommand
{
    public static Command Create(CliSession session)
    {
        var name = new Argument<string>("name");
        var request = new Argument<string>("request") { Description = "The change in plain words" };
        var approve = new Option<bool>("--approve-when-ready") { Description = "Approve the run yourself when it waits for approval" };
        var requireApproval = new Option<bool>("--require-approval") { Description = "Wait for a human to approve before committing" };
        var noDeploy = new Option<bool>("--no-deploy") { Description = "Do not deploy the accepted version" };
        var detach = new Option<bool>("--detach") { Description = "Start the run, print its id and return without following it" };
        var command = new Command("modify", "Ask for a change in plain language and follow the run live") { name, request, approve, requireApproval, noDeploy, detach };
        session.Handle(command, async (parse, cancellationToken) =>
        {
            var answer = await session.Api.CreateAsync($"/api/objects/{Uri.EscapeDataString(parse.GetValue(name)!)}/modifications", new
            {
                prompt = parse.GetValue(request),
                requireApproval = parse.GetValue(requireApproval) ? true : (bool?)null,
                deploy = parse.GetValue(noDeploy) ? false : (bool?)null,
            }, cancellationToken);
            var ticket = answer.As<RunTicket>();
            if (parse.GetValue(detach))
            {
                if (session.Json)
                {
                    session.WriteJson(answer);
                }
                else
                {
                    session.WriteLine($"Started run {ticket.RunId}: dobj runs watch {ticket.RunId}");
                }
                return ExitCodes.Ok;
            }
            return await RunWatch.FollowAsync(session, ticket.RunId, parse.GetValue(approve), cancellationToken);
        });
        return command;
    }
}
