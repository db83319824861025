using System.ComponentModel;

namespace DurableObjects.Channels.Commands.Model;

/// <summary>The structured output the model fills for free text (one flat record so every provider's JSON schema support handles it).</summary>
public sealed record ModelCommandProposal
{
    /// <summary>The intent.</summary>
    [Description("One of: create, modify, deploy, rollback, info, list_objects, count_objects, list_users, approve, reject, monitor, help, unknown.")]
    public string Intent { get; init; } = "unknown";

    /// <summary>Object name for create, modify, deploy, rollback, info.</summary>
    [Description("The object name exactly as the user wrote it (create, modify, deploy, rollback, info). Never invent one.")]
    public string? Name { get; init; }

    /// <summary>What a new object should do (create).</summary>
    [Description("For create: what the new object should do.")]
    public string? Description { get; init; }

    /// <summary>The change asked for (modify).</summary>
    [Description("For modify: the change the user asked for, in their words.")]
    public string? Change { get; init; }

    /// <summary>Target environment (deploy).</summary>
    [Description("For deploy: the environment (e.g. staging, production), or null for the default.")]
    public string? Environment { get; init; }

    /// <summary>Version to roll back to (rollback).</summary>
    [Description("For rollback: the version number, or null for the previous version.")]
    public int? Version { get; init; }

    /// <summary>Run id (approve, reject).</summary>
    [Description("For approve and reject: the run id.")]
    public string? RunId { get; init; }

    /// <summary>Rejection reason (reject).</summary>
    [Description("For reject: the reason, if given.")]
    public string? Reason { get; init; }

    /// <summary>Notification channel (monitor).</summary>
    [Description("For monitor: sms, voice, email, slack, or null when the user did not say (their preferred channel).")]
    public string? Channel { get; init; }

    /// <summary>The event in the user's words (monitor).</summary>
    [Description("For monitor: the event to watch, in the user's words (e.g. 'any user signs up').")]
    public string? Event { get; init; }

    /// <summary>The event type (monitor).</summary>
    [Description("For monitor: one of the listed event types or '*.failed', or null if none fits.")]
    public string? EventType { get; init; }

    /// <summary>The object the event concerns (monitor).</summary>
    [Description("For monitor: the object name the event must concern, or null for any.")]
    public string? Subject { get; init; }

    /// <summary>How sure the model is (0–1).</summary>
    [Description("How sure you are that this is what the user meant, from 0 to 1.")]
    public double Confidence { get; init; }
}
