namespace DurableObjects.AI.Configuration;

/// <summary>The job a model does in a run; each role can use a different model (the judge usually should).</summary>
public enum ModelRole
{
    /// <summary>Plans modifications and creations.</summary>
    Planner,

    /// <summary>Writes candidate code.</summary>
    Generator,

    /// <summary>Scores candidates (preference, constraints, factuality).</summary>
    Judge,
}
