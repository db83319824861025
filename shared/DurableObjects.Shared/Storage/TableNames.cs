namespace DurableObjects.Shared.Storage;

/// <summary>Names of the tables and containers (before the configured prefix).</summary>
public static class TableNames
{
    public const string Objects = "Objects";
    public const string Versions = "Versions";
    public const string Events = "Events";
    public const string Users = "Users";
    public const string Tokens = "Tokens";
    public const string Phones = "Phones";
    public const string PhoneVerifications = "PhoneVerifications";
    public const string Outbox = "Outbox";
    public const string PendingCommands = "PendingCommands";

    /// <summary>Idempotency-Key records: partition = user id, row = SHA-256 of the key.</summary>
    public const string IdempotencyKeys = "IdempotencyKeys";

    /// <summary>The decision chain: hash-linked records of reward decisions, approvals, commits, deploys and rollbacks.</summary>
    public const string DecisionChain = "DecisionChain";

    /// <summary>Content-addressed source files: blob name = SHA-256 of the content.</summary>
    public const string CodeContainer = "code";
}
