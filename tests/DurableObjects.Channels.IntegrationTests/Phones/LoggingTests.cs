using System.Net;
using System.Net.Http.Json;
using DurableObjects.Channels.IntegrationTests.Infrastructure;
using DurableObjects.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DurableObjects.Channels.IntegrationTests.Phones;

/// <summary>Logs never hold a full phone number, a verification code or the Twilio token — only masked numbers.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Disposed in IAsyncLifetime.DisposeAsync.")]
public sealed class LoggingTests : IAsyncLifetime
{
    private const string Phone = "+15551110042";
    private readonly CapturingLoggerProvider _logs = new();
    private ChannelsHost _channels = null!;

    public async Task InitializeAsync() => _channels = await ChannelsHost.StartAsync(
        settings: new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Information" },
        services: s => s.AddSingleton<ILoggerProvider>(_logs));

    public async Task DisposeAsync()
    {
        await _channels.DisposeAsync();
        _logs.Dispose();
    }

    [Fact]
    public async Task PhoneFlowAndCommands_LogMaskedNumbersOnly()
    {
        var member = await _channels.UserAsync("ada", "member");
        await (await member.PutAsJsonAsync("/api/me/phone", new { phone = Phone })).ExpectAsync(HttpStatusCode.Accepted);
        var code = ChannelsHost.CodeIn(_channels.Twilio.SmsTo(Phone)[^1]);
        await _channels.SmsAsync(Phone, "000000" == code ? "111111" : "000000");
        await _channels.SmsAsync(Phone, code);
        await _channels.SmsAsync(Phone, "list objects");
        await _channels.SmsAsync("+15551110043", "deploy Calculator");

        var lines = _logs.Lines;
        Assert.Contains(lines, l => l.Contains("+1******0042", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("5551110042", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("5551110043", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(code, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(TwilioStandIn.AuthToken, StringComparison.Ordinal));
    }
}
