namespace DurableObjects.Shared.Users;

/// <summary>What a disabled user is told wherever they are refused: API, SMS, voice and Slack say the same.</summary>
public static class DisabledAccounts
{
    /// <summary>The title of the API's 401 problem.</summary>
    public const string Title = "Account disabled";

    /// <summary>Why the request of <paramref name="userId"/> was refused, and what would change it.</summary>
    public static string Refusal(string userId) =>
        $"The account '{userId}' is disabled: nothing can be done with it until an admin enables it again.";
}
