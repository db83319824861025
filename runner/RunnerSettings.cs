using System.Globalization;

namespace DurableObjects.Runner;

/// <summary>
/// Limits the runner enforces on itself, passed by the host on the command line (never through the environment,
/// which the host clears).
/// </summary>
internal sealed record RunnerSettings(int MaxConcurrency, int MaxResultBytes, int MaxOutputBytes, int MaxRequestBytes)
{
    public static RunnerSettings Parse(string[] args)
    {
        var settings = new RunnerSettings(MaxConcurrency: 16, MaxResultBytes: 1 << 20, MaxOutputBytes: 64 << 10,
            MaxRequestBytes: 64 << 20);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            settings = args[i] switch
            {
                "--max-concurrency" => settings with { MaxConcurrency = Math.Max(1, value) },
                "--max-result-bytes" => settings with { MaxResultBytes = value },
                "--max-output-bytes" => settings with { MaxOutputBytes = value },
                "--max-request-bytes" => settings with { MaxRequestBytes = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }

        return settings;
    }
}
