using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using DurableObjects.AI.Schemas;

namespace DurableObjects.AI.Structured;

/// <summary>Parses a model answer into a record and validates it (DataAnnotations, then <see cref="IValidatable"/>).</summary>
public static class StructuredValidator
{
    /// <summary>Parses and validates; returns the value (null when unparseable) and every error found.</summary>
    public static (T? Value, IReadOnlyList<string> Errors) ParseAndValidate<T>(string? text)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, ["The answer was empty; answer with one JSON object."]);
        }

        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(StripFences(text), StructuredJson.Options);
        }
        catch (JsonException ex)
        {
            return (null, [$"The answer is not valid JSON for the schema: {ex.Message}"]);
        }

        if (value is null)
        {
            return (null, ["The answer was null; answer with one JSON object."]);
        }

        return (value, Validate(value));
    }

    /// <summary>All validation errors of a parsed value.</summary>
    public static IReadOnlyList<string> Validate(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
        var errors = results.Select(r => r.ErrorMessage ?? "invalid value").ToList();
        if (value is IValidatable validatable)
        {
            errors.AddRange(validatable.Validate());
        }

        return errors.Distinct(StringComparer.Ordinal).ToList();
    }

    // Local models often wrap JSON in a markdown fence despite the response format; accept that one deviation.
    private static string StripFences(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal))
        {
            return trimmed;
        }

        var firstNewLine = trimmed.IndexOf('\n', StringComparison.Ordinal);
        var lastFence = trimmed.LastIndexOf("```", StringComparison.Ordinal);
        return firstNewLine < 0 || lastFence <= firstNewLine ? trimmed : trimmed[(firstNewLine + 1)..lastFence].Trim();
    }
}
