using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DurableObjects.Channels.Configuration;
using DurableObjects.Channels.Slack;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DurableObjects.Channels.UnitTests.Slack;

public sealed class SlackSignatureValidatorTests
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&user_id=U2147483697&command=%2Fdurableobjects&text=help";
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    // Independent of the production code: Slack's documented recipe.
    private static string Sign(string secret, string timestamp, string body) =>
        "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));

    private static string At(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static SlackSignatureValidator Validator(string? secret = Secret) =>
        new(Options.Create(new SlackOptions { SigningSecret = secret }), new FakeTimeProvider(Now));

    [Fact]
    public void IsValid_SignedNow_Accepted()
    {
        Assert.True(Validator().IsValid(At(Now), Body, Sign(Secret, At(Now), Body)));
    }

    [Fact]
    public void IsValid_FourMinutesOld_Accepted()
    {
        var then = At(Now.AddMinutes(-4));

        Assert.True(Validator().IsValid(then, Body, Sign(Secret, then, Body)));
    }

    [Fact]
    public void IsValid_OlderThanFiveMinutes_Rejected()
    {
        var stale = At(Now.AddMinutes(-5).AddSeconds(-1));

        Assert.False(Validator().IsValid(stale, Body, Sign(Secret, stale, Body)));
    }

    [Fact]
    public void IsValid_MoreThanFiveMinutesAhead_Rejected()
    {
        var future = At(Now.AddMinutes(6));

        Assert.False(Validator().IsValid(future, Body, Sign(Secret, future, Body)));
    }

    [Fact]
    public void IsValid_Forged_Rejected()
    {
        Assert.False(Validator().IsValid(At(Now), Body, Sign("another-secret", At(Now), Body)));
    }

    [Fact]
    public void IsValid_AlteredBody_Rejected()
    {
        Assert.False(Validator().IsValid(At(Now), Body.Replace("help", "deploy%20Calculator", StringComparison.Ordinal), Sign(Secret, At(Now), Body)));
    }

    [Fact]
    public void IsValid_TimestampChangedAfterSigning_Rejected()
    {
        Assert.False(Validator().IsValid(At(Now.AddSeconds(1)), Body, Sign(Secret, At(Now), Body)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v0=")]
    [InlineData("v1=abc")]
    [InlineData("not a signature")]
    public void IsValid_MissingOrMalformedSignature_Rejected(string? signature)
    {
        Assert.False(Validator().IsValid(At(Now), Body, signature));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("soon")]
    [InlineData("99999999999999999999")]
    public void IsValid_MissingOrMalformedTimestamp_Rejected(string? timestamp)
    {
        Assert.False(Validator().IsValid(timestamp, Body, Sign(Secret, timestamp ?? "", Body)));
    }

    [Fact]
    public void IsValid_NoSigningSecretConfigured_Rejected()
    {
        Assert.False(Validator(secret: null).IsValid(At(Now), Body, Sign("", At(Now), Body)));
    }

    [Fact]
    public void IsValid_UpperCaseHex_Rejected()
    {
        // Slack sends lower-case hex; anything else is not its signature.
        Assert.False(Validator().IsValid(At(Now), Body, Sign(Secret, At(Now), Body).ToUpperInvariant()));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\n")]
    public void IsValid_BlankSigningSecret_RejectedEvenWhenSignedWithIt(string secret)
    {
        // A blank secret is no secret: anyone could sign with it.
        Assert.False(Validator(secret).IsValid(At(Now), Body, Sign(secret, At(Now), Body)));
    }

    [Fact]
    public void IsValid_FarFutureTimestamp_Rejected()
    {
        var future = At(Now.AddYears(100));

        Assert.False(Validator().IsValid(future, Body, Sign(Secret, future, Body)));
    }

    [Fact]
    public void IsValid_Base64InsteadOfHex_Rejected()
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"v0:{At(Now)}:{Body}"));

        Assert.False(Validator().IsValid(At(Now), Body, "v0=" + Convert.ToBase64String(mac)));
    }

    [Fact]
    public async Task IsValidRequestAsync_SignedBody_AcceptedAndBodyLeftReadable()
    {
        var request = SignedRequest(Encoding.UTF8.GetBytes(Body), Sign(Secret, At(Now), Body));

        Assert.True(await Validator().IsValidRequestAsync(request));
        using var reader = new StreamReader(request.Body);
        Assert.Equal(Body, await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task IsValidRequestAsync_BodyBytesDifferFromSignedBytes_Rejected()
    {
        // Signed: "text=\uFFFD" (EF BF BD). Sent: "text=" + 0xFF, which decodes to the same replacement character:
        // only a check over the raw bytes tells them apart.
        var signed = Sign(Secret, At(Now), "text=\uFFFD");
        var sent = new byte[] { (byte)'t', (byte)'e', (byte)'x', (byte)'t', (byte)'=', 0xFF };

        Assert.False(await Validator().IsValidRequestAsync(SignedRequest(sent, signed)));
    }

    private static HttpRequest SignedRequest(byte[] body, string signature)
    {
        var request = new DefaultHttpContext().Request;
        request.Method = "POST";
        request.ContentType = "application/x-www-form-urlencoded";
        request.Body = new MemoryStream(body);
        request.Headers[SlackSignatureValidator.TimestampHeader] = At(Now);
        request.Headers[SlackSignatureValidator.SignatureHeader] = signature;
        return request;
    }
}
