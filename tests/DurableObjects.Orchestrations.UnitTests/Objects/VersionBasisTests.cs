using DurableObjects.Orchestrations.Objects;
using DurableObjects.Shared.Domain;

namespace DurableObjects.Orchestrations.UnitTests.Objects;

/// <summary>When a version the object lists is not current, and what its writer is told.</summary>
public sealed class VersionBasisTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(3, null)]
    [InlineData(4, null)]
    [InlineData(5, 4)]
    public async Task NotCurrent_VersionCurrentOrFollowedByLaterOnes_Null(int current, int? rolledBackFrom)
    {
        Assert.Null(await NotCurrentAsync(Row(current, rolledBackFrom), Version(3, parent: 2), Version(4, parent: 3), Version(5, parent: 4)));
    }

    [Fact]
    public async Task NotCurrent_NewerVersionMadeFromAnOlderOneAfterARollbackPastIt_ConflictNamingTheBranch()
    {
        // v3 made current, rolled back to v1, v4 made from v1: the current version no longer carries v3's change.
        var error = await NotCurrentAsync(Row(current: 4, rolledBackFrom: 3), Version(3, parent: 2), Version(4, parent: 1));

        Assert.Equal(ErrorKind.Conflict, error!.Kind);
        Assert.Equal("Version 4 was made from version 1 after a rollback past version 3, and version 4 is current; "
            + "version 3 is kept but is not current. Start again from version 4.", error.Message);
    }

    [Fact]
    public async Task NotCurrent_BranchBelowALaterVersion_ConflictNamingTheBranchAndTheCurrentVersion()
    {
        var error = await NotCurrentAsync(Row(current: 5, rolledBackFrom: null), Version(3, parent: 2), Version(4, parent: 2), Version(5, parent: 4));

        Assert.Equal("Version 4 was made from version 2 after a rollback past version 3, and version 5 is current; "
            + "version 3 is kept but is not current. Start again from version 5.", error!.Message);
    }

    [Fact]
    public async Task NotCurrent_LineCannotBeFollowed_StandsAsBefore()
    {
        Assert.Null(await NotCurrentAsync(Row(current: 5, rolledBackFrom: null), Version(3, parent: 2), Version(5, parent: 4)));
    }

    [Fact]
    public async Task NotCurrent_RolledBackFromIt_ConflictSayingItWasCurrentThenRolledBack()
    {
        var error = await NotCurrentAsync(Row(current: 1, rolledBackFrom: 3), Version(3, parent: 2));

        Assert.Equal(ErrorKind.Conflict, error!.Kind);
        Assert.Equal("Version 3 was made current, then the object was rolled back from version 3 to version 1; version 3 is kept but is not current. Start again from version 1.",
            error.Message);
    }

    [Fact]
    public async Task NotCurrent_RollbackFromItsParentBeforeItsPointing_ConflictSayingItWasOvertaken()
    {
        var error = await NotCurrentAsync(Row(current: 1, rolledBackFrom: 2), Version(3, parent: 2));

        Assert.Equal("Version 1 became the current version while this change was made from version 2; it is kept as version 3 but is not current. Start again from version 1.",
            error!.Message);
    }

    [Fact]
    public async Task NotCurrent_KeptThenObjectRolledBackToItsParent_ConflictNamingTheCurrentVersion()
    {
        var error = await NotCurrentAsync(Row(current: 2, rolledBackFrom: 1), Version(3, parent: 2));

        Assert.Equal("Version 2 is the current version; version 3 is kept but is not current. Start again from version 2.", error!.Message);
    }

    /// <summary>NotCurrentAsync for <paramref name="version"/>, with <paramref name="stored"/> as the later versions storage holds.</summary>
    private static Task<OperationError?> NotCurrentAsync(ObjectInfo row, VersionInfo version, params VersionInfo[] stored) =>
        VersionBasis.NotCurrentAsync(row, version, n => Task.FromResult(stored.FirstOrDefault(v => v.Number == n)));

    private static ObjectInfo Row(int current, int? rolledBackFrom) =>
        new("Calculator", "", ObjectStatus.Draft, current, 5, "admin", null, At, At) { RolledBackFrom = rolledBackFrom };

    private static VersionInfo Version(int number, int parent) => new("Calculator", number, "", "admin", parent, "hash", [], null, At);
}
