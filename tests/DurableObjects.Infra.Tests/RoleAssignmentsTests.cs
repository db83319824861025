using System.Text.RegularExpressions;

namespace DurableObjects.Infra.Tests;

/// <summary>The app's identity gets the least roles it needs, each on one resource, and nothing broad.</summary>
public sealed partial class RoleAssignmentsTests
{
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = "Storage Blob Data Owner",
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = "Storage Queue Data Contributor",
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = "Storage Table Data Contributor",
        ["5e0bd9bd-7b93-4f28-af87-19fc36ad61bd"] = "Cognitive Services OpenAI User",
        ["4633458b-17de-408a-b874-0445c86b69e6"] = "Key Vault Secrets User",
        ["3913510d-42f4-4e42-8a64-420c390055eb"] = "Monitoring Metrics Publisher",
        ["0fb8eba5-a2bb-4abe-b1c1-49dfad359bb0"] = "Azure ContainerApps Session Executor",
        ["7f951dca-d3b6-4b4f-9a64-1dbfb1b1e6a7"] = "AcrPull",
    };

    [Fact]
    public void RoleDefinitions_InMainTemplate_AreExactlyTheLeastRolesTheAppNeeds()
    {
        // The only GUID literals in the compiled template are role definition IDs (names come from guid()).
        var found = Guid().Matches(BicepCli.Main.GetRawText()).Select(m => m.Value.ToLowerInvariant()).ToHashSet();

        Assert.Equal(Expected.Keys.Order(), found.Order());
    }

    [Fact]
    public void RoleAssignments_Everywhere_AreScopedToOneResourceForTheServicePrincipal()
    {
        var assignments = ArmTemplate.Resources(BicepCli.Main)
            .Where(r => r.Resource.GetProperty("type").GetString() == "Microsoft.Authorization/roleAssignments")
            .ToList();

        Assert.True(assignments.Count >= 6, $"{assignments.Count} role assignments");
        Assert.All(assignments, a =>
        {
            Assert.True(a.Resource.TryGetProperty("scope", out _), $"{a.Path} has no resource scope (it would apply to the whole resource group)");
            Assert.Equal("ServicePrincipal", a.Resource.GetProperty("properties").GetProperty("principalType").GetString());
        });
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();
}
