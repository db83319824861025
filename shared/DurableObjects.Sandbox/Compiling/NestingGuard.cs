using Microsoft.CodeAnalysis.CSharp;

namespace DurableObjects.Sandbox.Compiling;

/// <summary>
/// Refuses pathologically nested source before the parser sees it. Thousands of nested parentheses make Roslyn's
/// speculative parsing take minutes and its binder run out of stack in the host; real objects never nest brackets more
/// than a few dozen deep. Lexing (not parsing) is linear, so the check itself cannot be made slow.
/// </summary>
internal static class NestingGuard
{
    public const int MaxDepth = 256;

    /// <summary>Returns the first line (1-based) where bracket nesting exceeds <see cref="MaxDepth"/>, or null.</summary>
    public static int? FindTooDeep(string text)
    {
        var depth = 0;
        foreach (var token in SyntaxFactory.ParseTokens(text))
        {
            switch (token.Kind())
            {
                case SyntaxKind.OpenParenToken or SyntaxKind.OpenBracketToken or SyntaxKind.OpenBraceToken:
                    if (++depth > MaxDepth)
                    {
                        return token.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                    }

                    break;
                case SyntaxKind.CloseParenToken or SyntaxKind.CloseBracketToken or SyntaxKind.CloseBraceToken:
                    depth = Math.Max(0, depth - 1);
                    break;
            }
        }

        return null;
    }
}
