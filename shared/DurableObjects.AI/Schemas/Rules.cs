using System.Globalization;

namespace DurableObjects.AI.Schemas;

/// <summary>Small validation helpers shared by the structured-output records.</summary>
internal static class Rules
{
    public static IEnumerable<string> Score(string field, double value)
    {
        if (double.IsNaN(value) || value < 0 || value > 1)
        {
            yield return string.Format(CultureInfo.InvariantCulture, "{0} must be between 0 and 1 (was {1}).", field, value);
        }
    }

    public static IEnumerable<string> NotBlank(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            yield return $"{field} is required and must not be empty.";
        }
    }

    public static IEnumerable<string> NotEmpty<T>(string field, IReadOnlyCollection<T>? values)
    {
        if (values is null || values.Count == 0)
        {
            yield return $"{field} must contain at least one item.";
        }
    }

    public static IEnumerable<string> NoNulls<T>(string field, IReadOnlyCollection<T>? values)
        where T : class
    {
        if (values is not null && values.Any(v => v is null))
        {
            yield return $"{field} must not contain null items.";
        }
    }
}
