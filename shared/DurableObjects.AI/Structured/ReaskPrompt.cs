namespace DurableObjects.AI.Structured;

/// <summary>The follow-up message sent after an invalid answer.</summary>
internal static class ReaskPrompt
{
    public const string Header = "Your previous answer failed validation:";

    public static string For(IReadOnlyList<string> errors) =>
        Header + "\n" + string.Join("\n", errors.Select(e => "- " + e))
        + "\nAnswer again with one complete JSON object that conforms to the schema and fixes every error above.";
}
