using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableObjects.Cli.Output;

namespace DurableObjects.Cli.Commands;

/// <summary>
/// <c>health</c>: whether the server is ready (its storage answers) and whether its sandbox is enforced — the users,
/// namespaces, control groups and limits its runners get, and every reason the server gives when they are less. Exits
/// 0 when ready and enforced, <see cref="ExitCodes.SandboxNotEnforced"/> when ready but the isolation is weakened or
/// refused, <see cref="ExitCodes.Unavailable"/> when the server is not ready or cannot be reached — so a scheduled
/// check can alert on either.
/// </summary>
public static class HealthCommand
{
    public static Command Create(CliSession session)
    {
        var command = new Command("health", "Is the server ready, and is its sandbox enforced? (runners' users, namespaces, limits)");
        session.Handle(command, async (_, cancellationToken) =>
        {
            var (readyStatus, readyBody) = await session.Api.ProbeAsync("/health/ready", cancellationToken);
            var (isolationStatus, isolationBody) = await session.Api.ProbeAsync("/health/isolation", cancellationToken);
            var ready = readyStatus == HttpStatusCode.OK;
            var isolation = isolationStatus == HttpStatusCode.OK ? Parse(isolationBody) : null;
            var sandbox = isolation?["status"]?.GetValue<string>();
            if (session.Json)
            {
                session.WriteLine(new JsonObject
                {
                    ["server"] = session.Api.BaseAddress.ToString(),
                    ["ready"] = ready,
                    ["isolation"] = isolation,
                }.ToJsonString());
            }
            else
            {
                session.WriteLine($"server   {session.Api.BaseAddress}");
                session.WriteLine(ready
                    ? "ready    yes (storage answers)"
                    : $"ready    NO: {(int)readyStatus} {readyBody.Trim()} (storage does not answer; runs, deploys and writes wait or fail)");
                WriteIsolation(session, isolation, isolationStatus);
            }
            return !ready ? ExitCodes.Unavailable : sandbox == "enforced" ? ExitCodes.Ok : ExitCodes.SandboxNotEnforced;
        });
        return command;
    }

    private static void WriteIsolation(CliSession session, JsonObject? report, HttpStatusCode status)
    {
        if (report?["status"]?.GetValue<string>() is not { } sandbox)
        {
            session.WriteLine($"sandbox  unknown: /health/isolation answered {(int)status}");
            return;
        }
        session.WriteLine($"sandbox  {(sandbox == "enforced" ? sandbox : sandbox.ToUpperInvariant())}");
        var namespaces = report["networkNamespace"]?.GetValue<bool>() == true
            ? $"own network namespace ({RunReport.Text(report["networkMethod"])})"
            : "NO network namespace";
        session.WriteLine($"runners  as {RunReport.Text(report["runnerUser"])}, {namespaces}");
        if (report["limits"] is JsonObject limits)
        {
            var memory = report["controlGroups"]?.GetValue<string>() is { } groups
                ? $"memory {MiB(limits["memoryLimitBytes"])} and {RunReport.Text(limits["maxProcesses"])} threads per runner ({groups})"
                : "no control group (memory: the heap limit alone)";
            session.WriteLine($"limits   heap {MiB(limits["heapHardLimitBytes"])}, {memory}, CPU {RunReport.Text(limits["cpuTimeLimitSeconds"])} s per runner, " +
                              $"{RunReport.Text(limits["invocationTimeoutSeconds"])} s per call");
        }
        foreach (var problem in (report["problems"] as JsonArray ?? []).Select(RunReport.Text))
        {
            session.WriteLine($"problem  {problem}");
        }
    }

    private static JsonObject? Parse(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null; // not the host's report (a proxy's page, say)
        }
    }

    private static string MiB(JsonNode? bytes) => bytes is JsonValue value && value.TryGetValue<long>(out var n)
        ? (n >> 20).ToString(CultureInfo.InvariantCulture) + " MiB"
        : "?";
}
