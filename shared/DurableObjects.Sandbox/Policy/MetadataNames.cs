using System.Reflection.Metadata;

namespace DurableObjects.Sandbox.Policy;

/// <summary>Name helpers over type references in metadata.</summary>
internal static class MetadataNames
{
    /// <summary>
    /// Resolves a type reference to the namespace and name of its outermost type (what the policy judges) and the
    /// key of the type itself (<c>Outer+Inner</c> for nested types, as member rules name them).
    /// </summary>
    public static (string Namespace, string OuterName, string Key) Resolve(MetadataReader reader,
        TypeReferenceHandle handle)
    {
        var reference = reader.GetTypeReference(handle);
        var key = reader.GetString(reference.Name);
        while (reference.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            reference = reader.GetTypeReference((TypeReferenceHandle)reference.ResolutionScope);
            key = $"{reader.GetString(reference.Name)}+{key}";
        }

        return (reader.GetString(reference.Namespace), reader.GetString(reference.Name), key);
    }

    /// <summary>For a generic instantiation type specification, the type reference it instantiates (if external).</summary>
    public static TypeReferenceHandle? GenericDefinition(MetadataReader reader, TypeSpecificationHandle handle)
    {
        var blob = reader.GetBlobReader(reader.GetTypeSpecification(handle).Signature);
        if (blob.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance)
        {
            return null;
        }

        blob.ReadByte(); // class or valuetype
        var definition = blob.ReadTypeHandle();
        return definition.Kind == HandleKind.TypeReference ? (TypeReferenceHandle)definition : null;
    }
}
