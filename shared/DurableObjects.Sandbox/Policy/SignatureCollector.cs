using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace DurableObjects.Sandbox.Policy;

/// <summary>
/// Decodes metadata signatures into full type names and records the features the policy bans outright wherever they
/// appear in a signature: pointers, function pointers, pinned locals and typed references.
/// </summary>
internal sealed class SignatureCollector : ISignatureTypeProvider<string, object?>
{
    public HashSet<string> Violations { get; } = [];

    public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[,]";

    public string GetByReferenceType(string elementType) => elementType + "&";

    public string GetFunctionPointerType(MethodSignature<string> signature)
    {
        Violations.Add("function pointers are not allowed");
        return "method*";
    }

    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => genericType;

    public string GetGenericMethodParameter(object? genericContext, int index) => $"!!{index}";

    public string GetGenericTypeParameter(object? genericContext, int index) => $"!{index}";

    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

    public string GetPinnedType(string elementType)
    {
        Violations.Add("pinned locals (fixed) are not allowed");
        return elementType;
    }

    public string GetPointerType(string elementType)
    {
        Violations.Add("pointers are not allowed");
        return elementType + "*";
    }

    public string GetPrimitiveType(PrimitiveTypeCode typeCode)
    {
        if (typeCode == PrimitiveTypeCode.TypedReference)
        {
            Violations.Add("typed references are not allowed");
        }

        return "System." + typeCode;
    }

    public string GetSZArrayType(string elementType) => elementType + "[]";

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
    {
        var definition = reader.GetTypeDefinition(handle);
        return $"{reader.GetString(definition.Namespace)}.{reader.GetString(definition.Name)}";
    }

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
    {
        var (ns, _, key) = MetadataNames.Resolve(reader, handle);
        return ns.Length == 0 ? key : $"{ns}.{key}";
    }

    public string GetTypeFromSpecification(MetadataReader reader, object? genericContext,
        TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
}
