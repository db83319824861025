using System.Security.Cryptography;
using System.Text;
using DurableObjects.Channels.Twilio;
using DurableObjects.Channels.UnitTests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace DurableObjects.Channels.UnitTests.Twilio;

public sealed class TwilioSignatureValidatorTests
{
    private const string Url = "https://objects.example.com/webhooks/sms";

    private static readonly KeyValuePair<string, string>[] Form =
    [
        new("MessageSid", "SM0123456789abcdef0123456789abcdef"),
        new("From", "+15551234567"),
        new("To", "+15005550006"),
        new("Body", "deploy Calculator to staging"),
        new("AccountSid", TestOptions.AccountSid),
    ];

    // Independent of the production code: the algorithm exactly as Twilio documents it.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "Twilio's protocol.")]
    private static string Sign(string token, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var data = url + string.Concat(form.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + p.Value));
        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(token));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(data)));
    }

    private static TwilioSignatureValidator Validator(string? publicBaseUrl = null) => new(TestOptions.Twilio(publicBaseUrl: publicBaseUrl));

    [Fact]
    public void IsValid_TwilioDocumentationVector_Accepted()
    {
        // The example from Twilio's "Validating requests" documentation (auth token 12345).
        var parameters = new Dictionary<string, string>
        {
            ["CallSid"] = "CA1234567890ABCDE",
            ["Caller"] = "+12349013030",
            ["Digits"] = "1234",
            ["From"] = "+12349013030",
            ["To"] = "+18005551212",
        };
        var validator = new TwilioSignatureValidator(Microsoft.Extensions.Options.Options.Create(new DurableObjects.Channels.Configuration.TwilioOptions { AuthToken = "12345" }));

        Assert.True(validator.IsValid("https://mycompany.com/myapp.php?foo=1&bar=2", parameters, "0/KCTR6DLpKmkAf8muzZqo1nDgQ="));
        Assert.Equal("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", Sign("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", parameters));
    }

    [Fact]
    public void IsValid_RepeatedField_Rejected()
    {
        KeyValuePair<string, string>[] repeated = [.. Form, new("Body", "rollback Calculator")];

        Assert.False(Validator().IsValid(Url, repeated, Sign(TestOptions.AuthToken, Url, repeated)));
    }

    [Fact]
    public void IsValid_CorrectSignature_Accepted()
    {
        Assert.True(Validator().IsValid(Url, Form, Sign(TestOptions.AuthToken, Url, Form)));
    }

    [Fact]
    public void IsValid_SignatureFromOtherToken_Rejected()
    {
        Assert.False(Validator().IsValid(Url, Form, Sign("some-other-token", Url, Form)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 at all!")]
    [InlineData("AAAA")]
    public void IsValid_MissingOrMalformedSignature_Rejected(string? signature)
    {
        Assert.False(Validator().IsValid(Url, Form, signature));
    }

    [Fact]
    public void IsValid_AlteredParameter_Rejected()
    {
        var signature = Sign(TestOptions.AuthToken, Url, Form);
        var altered = Form.Select(p => p.Key == "Body" ? new KeyValuePair<string, string>("Body", "rollback Calculator") : p).ToList();

        Assert.False(Validator().IsValid(Url, altered, signature));
    }

    [Fact]
    public void IsValid_AddedParameter_Rejected()
    {
        var signature = Sign(TestOptions.AuthToken, Url, Form);

        Assert.False(Validator().IsValid(Url, [.. Form, new("Extra", "1")], signature));
    }

    [Fact]
    public void IsValid_WrongUrl_Rejected()
    {
        var signature = Sign(TestOptions.AuthToken, Url, Form);

        Assert.False(Validator().IsValid("https://objects.example.com/webhooks/voice", Form, signature));
    }

    [Fact]
    public void IsValid_UrlSignedWithDefaultPort_Accepted()
    {
        var signature = Sign(TestOptions.AuthToken, "https://objects.example.com:443/webhooks/sms", Form);

        Assert.True(Validator().IsValid(Url, Form, signature));
    }

    [Fact]
    public void IsValid_NoAuthTokenConfigured_Rejected()
    {
        var validator = new TwilioSignatureValidator(Microsoft.Extensions.Options.Options.Create(new DurableObjects.Channels.Configuration.TwilioOptions()));

        Assert.False(validator.IsValid(Url, Form, Sign(string.Empty, Url, Form)));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\n")]
    public void IsValid_BlankAuthToken_RejectedEvenWhenSignedWithIt(string token)
    {
        // A blank token is no token: anyone could sign with it.
        var validator = new TwilioSignatureValidator(Microsoft.Extensions.Options.Options.Create(new DurableObjects.Channels.Configuration.TwilioOptions { AuthToken = token }));

        Assert.False(validator.IsValid(Url, Form, Sign(token, Url, Form)));
    }

    [Fact]
    public void IsValid_SignatureInOtherCase_Rejected()
    {
        var signature = Sign(TestOptions.AuthToken, Url, Form);

        Assert.False(Validator().IsValid(Url, Form, signature.ToUpperInvariant()));
        Assert.False(Validator().IsValid(Url, Form, signature.ToLowerInvariant()));
    }

    [Fact]
    public void IsValid_HexInsteadOfBase64_Rejected()
    {
        var hex = Convert.ToHexString(Convert.FromBase64String(Sign(TestOptions.AuthToken, Url, Form)));

        Assert.False(Validator().IsValid(Url, Form, hex));
    }

    [Fact]
    public async Task IsValidRequestAsync_FieldRepeatedInBody_Rejected()
    {
        // Signed as if Body were sent once; the request carries it twice (which one would the handler read?).
        var request = FormRequest("https", "objects.example.com", "/webhooks/sms", string.Empty, Sign(TestOptions.AuthToken, Url, Form),
            extraBody: "&Body=" + Uri.EscapeDataString("rollback Calculator"));

        Assert.False(await Validator().IsValidRequestAsync(request));
    }

    [Fact]
    public async Task IsValidRequestAsync_ParameterMovedFromBodyToQueryString_Rejected()
    {
        // Signed with Body in the form; sent with Body in the query string instead.
        var request = FormRequest("https", "objects.example.com", "/webhooks/sms", "?Body=" + Uri.EscapeDataString("deploy Calculator to staging"),
            Sign(TestOptions.AuthToken, Url, Form), omit: "Body");

        Assert.False(await Validator().IsValidRequestAsync(request));
    }

    [Fact]
    public async Task IsValidRequestAsync_BehindProxyWithPublicBaseUrl_UsesPublicUrl()
    {
        var publicUrl = "https://objects.example.com/webhooks/sms?tenant=a";
        var request = FormRequest("http", "10.0.0.5:8080", "/webhooks/sms", "?tenant=a", Sign(TestOptions.AuthToken, publicUrl, Form));

        Assert.True(await Validator("https://objects.example.com/").IsValidRequestAsync(request));
    }

    [Fact]
    public async Task IsValidRequestAsync_WithoutPublicBaseUrl_UsesRequestUrl()
    {
        var request = FormRequest("https", "objects.example.com", "/webhooks/sms", string.Empty, Sign(TestOptions.AuthToken, Url, Form));

        Assert.True(await Validator().IsValidRequestAsync(request));
    }

    [Fact]
    public async Task IsValidRequestAsync_SignedForPublicUrlButNoBaseConfigured_Rejected()
    {
        var request = FormRequest("http", "10.0.0.5:8080", "/webhooks/sms", string.Empty, Sign(TestOptions.AuthToken, Url, Form));

        Assert.False(await Validator().IsValidRequestAsync(request));
    }

    [Fact]
    public async Task IsValidRequestAsync_MissingHeader_Rejected()
    {
        var request = FormRequest("https", "objects.example.com", "/webhooks/sms", string.Empty, signature: null);

        Assert.False(await Validator().IsValidRequestAsync(request));
    }

    private static HttpRequest FormRequest(string scheme, string host, string path, string query, string? signature, string extraBody = "", string? omit = null)
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = "POST";
        request.Scheme = scheme;
        request.Host = new HostString(host);
        request.Path = path;
        request.QueryString = new QueryString(query.Length == 0 ? null : query);
        request.ContentType = "application/x-www-form-urlencoded";
        var body = string.Join('&', Form.Where(p => p.Key != omit).Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value))) + extraBody;
        request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        if (signature is not null)
        {
            request.Headers[TwilioSignatureValidator.HeaderName] = new StringValues(signature);
        }

        return request;
    }
}
