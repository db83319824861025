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
    public void NotCurrent_VersionCurrentOrFollowedByLaterOnes_Null(int current, int? rolledBackFrom)
    {
        Assert.Null(VersionBasis.NotCurrent(Row(current, rolledBackFrom), Version(3, parent: 2)));
    }

    [Fact]
    public void NotCurrent_RolledBackFromIt_ConflictSayingItWasCurrentThenRolledBack()
    {
        var error = VersionBasis.NotCurrent(Row(current: 1, rolledBackFrom: 3), Version(3, parent: 2));

        Assert.Equal(ErrorKind.Conflict, error!.Kind);
        Assert.Equal("Version 3 was made current, then the object was rolled back from version 3 to version 1; version 3 is kept but is not current. Start again from version 1.",
            error.Message);
    }

    [Fact]
    public void NotCurrent_RollbackFromItsParentBeforeItsPointing_ConflictSayingItWasOvertaken()
    {
        var error = VersionBasis.NotCurrent(Row(current: 1, rolledBackFrom: 2), Version(3, parent: 2));

        Assert.Equal("Version 1 became the current version while this change was made from version 2; it is kept as version 3 but is not current. Start again from version 1.",
            error!.Message);
    }

    [Fact]
    public void NotCurrent_KeptThenObjectRolledBackToItsParent_ConflictNamingTheCurrentVersion()
    {
        var error = VersionBasis.NotCurrent(Row(current: 2, rolledBackFrom: 1), Version(3, parent: 2));

        Assert.Equal("Version 2 is the current version; version 3 is kept but is not current. Start again from version 2.", error!.Message);
    }

    private static ObjectInfo Row(int current, int? rolledBackFrom) =>
        new("Calculator", "", ObjectStatus.Draft, current, 5, "admin", null, At, At) { RolledBackFrom = rolledBackFrom };

    private static VersionInfo Version(int number, int parent) => new("Calculator", number, "", "admin", parent, "hash", [], null, At);
}
