using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DurableObjects.AI.Metrics;

/// <summary>
/// Counts decision points: if, loops, case labels, switch-expression arms, catch, ?:, ??, &amp;&amp;, ||, and pattern
/// combinators. Local functions and lambdas count toward their containing method.
/// </summary>
internal sealed class ComplexityWalker : CSharpSyntaxWalker
{
    public int DecisionPoints { get; private set; }

    public static int Measure(SyntaxNode body)
    {
        var walker = new ComplexityWalker();
        walker.Visit(body);
        return 1 + walker.DecisionPoints;
    }

    public override void VisitIfStatement(IfStatementSyntax node) => Count(node, base.VisitIfStatement);

    public override void VisitWhileStatement(WhileStatementSyntax node) => Count(node, base.VisitWhileStatement);

    public override void VisitDoStatement(DoStatementSyntax node) => Count(node, base.VisitDoStatement);

    public override void VisitForStatement(ForStatementSyntax node) => Count(node, base.VisitForStatement);

    public override void VisitForEachStatement(ForEachStatementSyntax node) => Count(node, base.VisitForEachStatement);

    public override void VisitCatchClause(CatchClauseSyntax node) => Count(node, base.VisitCatchClause);

    public override void VisitConditionalExpression(ConditionalExpressionSyntax node) => Count(node, base.VisitConditionalExpression);

    public override void VisitCaseSwitchLabel(CaseSwitchLabelSyntax node) => Count(node, base.VisitCaseSwitchLabel);

    public override void VisitCasePatternSwitchLabel(CasePatternSwitchLabelSyntax node) => Count(node, base.VisitCasePatternSwitchLabel);

    public override void VisitSwitchExpressionArm(SwitchExpressionArmSyntax node)
    {
        if (node.Pattern is not DiscardPatternSyntax)
        {
            DecisionPoints++;
        }

        base.VisitSwitchExpressionArm(node);
    }

    public override void VisitBinaryExpression(BinaryExpressionSyntax node)
    {
        if (node.Kind() is SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression or SyntaxKind.CoalesceExpression)
        {
            DecisionPoints++;
        }

        base.VisitBinaryExpression(node);
    }

    public override void VisitBinaryPattern(BinaryPatternSyntax node) => Count(node, base.VisitBinaryPattern);

    private void Count<T>(T node, Action<T> visitChildren)
    {
        DecisionPoints++;
        visitChildren(node);
    }
}
