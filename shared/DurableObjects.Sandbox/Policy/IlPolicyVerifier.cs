using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using DurableObjects.Sandbox.Compiling;

namespace DurableObjects.Sandbox.Policy;

/// <summary>
/// Second policy check, on the emitted assembly: every assembly, module, type and member reference, every method
/// instantiation and type specification, every signature and every method body is checked against the same
/// <see cref="SandboxPolicy"/>. It sees what the compiler added implicitly and anything a bug in the semantic walk
/// let through. Findings carry no source location (the message names the type, member or method instead).
/// </summary>
public sealed class IlPolicyVerifier(SandboxPolicy policy)
{
    /// <summary>Verifies a PE image; an empty list means it passed.</summary>
    public IReadOnlyList<CompilerDiagnostic> Verify(byte[] assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var findings = new SortedSet<string>(StringComparer.Ordinal);
        try
        {
            using var pe = new PEReader(ImmutableArray.Create(assembly));
            var reader = pe.GetMetadataReader();
            CheckReferences(reader, findings);
            CheckDefinitions(pe, reader, findings);
        }
        catch (Exception ex) when (ex is BadImageFormatException or InvalidOperationException)
        {
            findings.Add($"the assembly could not be read: {ex.Message}");
        }

        return [.. findings.Select(f => new CompilerDiagnostic(CompilerDiagnostic.IlPolicyViolationId,
            DiagnosticLevel.Error, $"Sandbox policy (IL): {f}."))];
    }

    private void CheckReferences(MetadataReader reader, SortedSet<string> findings)
    {
        foreach (var handle in reader.AssemblyReferences)
        {
            var name = reader.GetString(reader.GetAssemblyReference(handle).Name);
            if (!ReferenceSet.AssemblyNames.Contains(name))
            {
                findings.Add($"assembly reference '{name}' is outside the framework reference set");
            }
        }

        for (var row = 1; row <= reader.GetTableRowCount(TableIndex.ModuleRef); row++)
        {
            var module = reader.GetModuleReference(MetadataTokens.ModuleReferenceHandle(row));
            findings.Add($"native module '{reader.GetString(module.Name)}': native interop is not allowed");
        }

        foreach (var handle in reader.TypeReferences)
        {
            var (ns, outer, key) = MetadataNames.Resolve(reader, handle);
            var decision = policy.CheckType(ns, outer);
            if (!decision.Allowed && !policy.HasCompilerIntrinsics(ns, key))
            {
                findings.Add($"type '{ns}.{key}': {decision.Reason}");
            }
        }

        var signatures = new SignatureCollector();
        foreach (var handle in reader.MemberReferences)
        {
            CheckMemberReference(reader, reader.GetMemberReference(handle), signatures, findings);
        }

        for (var row = 1; row <= reader.GetTableRowCount(TableIndex.TypeSpec); row++)
        {
            reader.GetTypeSpecification(MetadataTokens.TypeSpecificationHandle(row)).DecodeSignature(signatures, null);
        }

        for (var row = 1; row <= reader.GetTableRowCount(TableIndex.MethodSpec); row++)
        {
            reader.GetMethodSpecification(MetadataTokens.MethodSpecificationHandle(row))
                .DecodeSignature(signatures, null);
        }

        for (var row = 1; row <= reader.GetTableRowCount(TableIndex.StandAloneSig); row++)
        {
            var signature = reader.GetStandaloneSignature(MetadataTokens.StandaloneSignatureHandle(row));
            if (signature.GetKind() == StandaloneSignatureKind.LocalVariables)
            {
                signature.DecodeLocalSignature(signatures, null);
            }
            else
            {
                signature.DecodeMethodSignature(signatures, null);
            }
        }

        findings.UnionWith(signatures.Violations);
    }

    private void CheckMemberReference(MetadataReader reader, MemberReference member, SignatureCollector signatures,
        SortedSet<string> findings)
    {
        var name = reader.GetString(member.Name);
        var isStatic = false;
        IReadOnlyList<string> parameters = [];
        if (member.GetKind() == MemberReferenceKind.Method)
        {
            var signature = member.DecodeMethodSignature(signatures, null);
            isStatic = !signature.Header.IsInstance;
            parameters = signature.ParameterTypes;
        }
        else
        {
            member.DecodeFieldSignature(signatures, null);
        }

        TypeReferenceHandle? parent = member.Parent.Kind switch
        {
            HandleKind.TypeReference => (TypeReferenceHandle)member.Parent,
            HandleKind.TypeSpecification => MetadataNames.GenericDefinition(reader,
                (TypeSpecificationHandle)member.Parent),
            _ => null,
        };
        if (member.Parent.Kind == HandleKind.ModuleReference)
        {
            findings.Add($"'{name}' is a native module member: native interop is not allowed");
        }

        if (parent is not { } parentHandle)
        {
            return;
        }

        var (ns, outer, key) = MetadataNames.Resolve(reader, parentHandle);
        if (policy.IsCompilerIntrinsic(ns, key, name))
        {
            return;
        }

        var typeDecision = policy.CheckType(ns, outer);
        var decision = typeDecision.Allowed
            ? policy.CheckMember(ns, key, new MemberUse(name, isStatic, name == ".ctor", parameters))
            : typeDecision;
        if (!decision.Allowed)
        {
            findings.Add($"member '{ns}.{key}::{name}': {decision.Reason}");
        }
    }

    private static void CheckDefinitions(PEReader pe, MetadataReader reader, SortedSet<string> findings)
    {
        var signatures = new SignatureCollector();
        foreach (var typeHandle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(typeHandle);
            var typeName = reader.GetString(type.Name);
            foreach (var fieldHandle in type.GetFields())
            {
                reader.GetFieldDefinition(fieldHandle).DecodeSignature(signatures, null);
            }

            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                var name = $"{typeName}.{reader.GetString(method.Name)}";
                method.DecodeSignature(signatures, null);
                if (typeName == "<Module>" && reader.GetString(method.Name) == ".cctor")
                {
                    findings.Add("a module initializer runs code when the assembly loads and is not allowed");
                }

                if ((method.Attributes & MethodAttributes.PinvokeImpl) != 0 ||
                    (method.ImplAttributes & (MethodImplAttributes.InternalCall | MethodImplAttributes.Native |
                                              MethodImplAttributes.Unmanaged)) != 0)
                {
                    findings.Add($"method '{name}' is implemented natively: native interop is not allowed");
                }

                if (method.RelativeVirtualAddress != 0)
                {
                    foreach (var reason in IlOpcodeScanner.Scan(pe.GetMethodBody(method.RelativeVirtualAddress)))
                    {
                        findings.Add($"method '{name}': {reason}");
                    }
                }
            }
        }

        findings.UnionWith(signatures.Violations);
    }
}
