namespace DurableObjects.Sandbox.Api;

/// <summary>One parameter of an API method.</summary>
/// <param name="Name">The parameter name; invocation arguments are matched to it (case-insensitively).</param>
/// <param name="Type">A JSON-friendly type name: <c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c>,
/// <c>array&lt;T&gt;</c>, <c>map&lt;T&gt;</c>, <c>any</c>, an object type's name, with <c>?</c> when nullable.</param>
/// <param name="ClrType">The C# type as written in the object's code.</param>
/// <param name="Optional">Whether the parameter has a default value and may be omitted.</param>
/// <param name="Description">The parameter's <c>&lt;param&gt;</c> XML doc, if any.</param>
public sealed record ApiParameter(string Name, string Type, string ClrType, bool Optional, string? Description);
