using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;

namespace DurableObjects.Sandbox.Policy;

/// <summary>
/// Walks a method body instruction by instruction and reports opcodes that only unsafe or unverifiable code uses
/// (<c>localloc</c> from stackalloc, <c>calli</c> from function pointers, typed references, raw block copies).
/// </summary>
internal static class IlOpcodeScanner
{
    private static readonly Dictionary<ushort, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => (ushort)o.Value, o => o.OperandType);

    private static readonly Dictionary<ushort, string> Banned = new()
    {
        [(ushort)OpCodes.Localloc.Value] = "stackalloc (localloc) is not allowed",
        [(ushort)OpCodes.Calli.Value] = "indirect calls through function pointers are not allowed",
        [(ushort)OpCodes.Jmp.Value] = "jmp is not allowed",
        [(ushort)OpCodes.Arglist.Value] = "__arglist is not allowed",
        [(ushort)OpCodes.Mkrefany.Value] = "typed references are not allowed",
        [(ushort)OpCodes.Refanyval.Value] = "typed references are not allowed",
        [(ushort)OpCodes.Refanytype.Value] = "typed references are not allowed",
        [(ushort)OpCodes.Cpblk.Value] = "raw memory block operations are not allowed",
        [(ushort)OpCodes.Initblk.Value] = "raw memory block operations are not allowed",
    };

    public static IEnumerable<string> Scan(MethodBodyBlock body)
    {
        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            ushort code = il.ReadByte();
            if (code == 0xFE)
            {
                code = (ushort)(0xFE00 | il.ReadByte());
            }

            if (Banned.TryGetValue(code, out var reason))
            {
                yield return reason;
            }

            if (!Operands.TryGetValue(code, out var operand))
            {
                yield return $"unknown opcode 0x{code:X}";
                yield break;
            }

            il.Offset += operand switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 * il.ReadInt32(),
                _ => 4,
            };
        }
    }
}
