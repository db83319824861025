namespace DurableObjects.AI.Schemas;

/// <summary>
/// A structured model answer that can check itself beyond what its JSON schema expresses (ranges, non-empty lists,
/// safe paths). The <see cref="Structured.StructuredOutputClient"/> runs this after parsing and re-asks with the errors.
/// </summary>
public interface IValidatable
{
    /// <summary>Every problem found, phrased so the model can fix it; empty when the value is valid.</summary>
    IEnumerable<string> Validate();
}
