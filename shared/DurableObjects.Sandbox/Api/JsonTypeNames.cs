using Microsoft.CodeAnalysis;

namespace DurableObjects.Sandbox.Api;

/// <summary>Maps C# types to the JSON-friendly names an API schema shows to people and to models.</summary>
internal static class JsonTypeNames
{
    public static string Of(ITypeSymbol type)
    {
        if (type.NullableAnnotation == NullableAnnotation.Annotated && type.IsReferenceType)
        {
            return Of(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated)) + "?";
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_Void:
                return "void";
            case SpecialType.System_String or SpecialType.System_Char or SpecialType.System_DateTime:
                return "string";
            case SpecialType.System_Boolean:
                return "boolean";
            case SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Int16
                or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
                or SpecialType.System_Int64 or SpecialType.System_UInt64:
                return "integer";
            case SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal:
                return "number";
            case SpecialType.System_Object:
                return "any";
        }

        if (type is IArrayTypeSymbol array)
        {
            return $"array<{Of(array.ElementType)}>";
        }

        if (type is not INamedTypeSymbol named)
        {
            return type.Name;
        }

        if (named.TypeKind == TypeKind.Enum)
        {
            return "string";
        }

        var name = named.OriginalDefinition.ToDisplayString();
        if (name == "System.Nullable<T>")
        {
            return Of(named.TypeArguments[0]) + "?";
        }

        if (name is "System.Guid" or "System.DateTimeOffset" or "System.TimeSpan" or "System.DateOnly"
            or "System.TimeOnly" or "System.Uri")
        {
            return "string";
        }

        if (name.StartsWith("System.Text.Json.", StringComparison.Ordinal))
        {
            return "any";
        }

        if (named.TypeArguments.Length == 2 && named.AllInterfaces.Concat([named]).Any(i =>
                i.OriginalDefinition.ToDisplayString() is "System.Collections.Generic.IDictionary<TKey, TValue>"
                    or "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>"))
        {
            return $"map<{Of(named.TypeArguments[1])}>";
        }

        if (named.TypeArguments.Length == 1 && named.AllInterfaces.Concat([named]).Any(i =>
                i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T))
        {
            return $"array<{Of(named.TypeArguments[0])}>";
        }

        return named.IsTupleType ? "object" : named.Name;
    }
}
