using System.Globalization;
using System.Text;

namespace DurableObjects.Benchmarks.Pipeline;

/// <summary>A ~100-line object (class Ledger) and its tests; <c>revision</c> makes every candidate's content distinct.</summary>
public static class LedgerSource
{
    public static string Code(string id, int revision)
    {
        var code = new StringBuilder();
        code.AppendLine("using System.Collections.Generic;");
        code.AppendLine("namespace Bench;");
        code.AppendLine();
        code.AppendLine("/// <summary>A ledger of amounts by account.</summary>");
        code.AppendLine("public class Ledger");
        code.AppendLine("{");
        code.AppendLine("    private readonly Dictionary<string, long> _balances = new();");
        code.AppendLine();
        code.AppendLine(CultureInfo.InvariantCulture, $"    /// <summary>Which ledger this is.</summary>\n    public string Id() => \"{id}\";");
        code.AppendLine(CultureInfo.InvariantCulture, $"\n    /// <summary>The code revision.</summary>\n    public int Revision() => {revision};");
        foreach (var name in new[] { "Deposit", "Credit", "Refund", "Bonus", "Interest", "Adjust" })
        {
            code.AppendLine();
            code.AppendLine(CultureInfo.InvariantCulture, $"    /// <summary>{name}: adds an amount to an account and returns the balance.</summary>");
            code.AppendLine(CultureInfo.InvariantCulture, $"    public long {name}(string account, long amount)");
            code.AppendLine("    {");
            code.AppendLine("        if (amount < 0)");
            code.AppendLine("        {");
            code.AppendLine("            return Balance(account);");
            code.AppendLine("        }");
            code.AppendLine("        _balances[account] = Balance(account) + amount;");
            code.AppendLine("        return _balances[account];");
            code.AppendLine("    }");
        }
        code.AppendLine();
        code.AppendLine("    /// <summary>Takes an amount from an account if it is covered.</summary>");
        code.AppendLine("    public bool Withdraw(string account, long amount)");
        code.AppendLine("    {");
        code.AppendLine("        if (amount < 0 || Balance(account) < amount)");
        code.AppendLine("        {");
        code.AppendLine("            return false;");
        code.AppendLine("        }");
        code.AppendLine("        _balances[account] -= amount;");
        code.AppendLine("        return true;");
        code.AppendLine("    }");
        code.AppendLine();
        code.AppendLine("    /// <summary>The balance of an account (0 when unknown).</summary>");
        code.AppendLine("    public long Balance(string account) => _balances.TryGetValue(account, out var value) ? value : 0;");
        code.AppendLine();
        code.AppendLine("    /// <summary>The sum of every balance.</summary>");
        code.AppendLine("    public long Total()");
        code.AppendLine("    {");
        code.AppendLine("        long total = 0;");
        code.AppendLine("        foreach (var balance in _balances.Values)");
        code.AppendLine("        {");
        code.AppendLine("            total += balance;");
        code.AppendLine("        }");
        code.AppendLine("        return total;");
        code.AppendLine("    }");
        code.AppendLine("}");
        return code.ToString();
    }

    public static string Tests() => """
        namespace Bench;

        public class LedgerTests
        {
            public bool DepositAddsUp() => new Ledger().Deposit("a", 5) == 5;

            public bool RevisionIsPositive() => new Ledger().Revision() > 0;

            public bool WithdrawNeedsCover() => !new Ledger().Withdraw("a", 1);

            public bool TotalSums()
            {
                var ledger = new Ledger();
                ledger.Deposit("a", 2);
                ledger.Credit("b", 3);
                return ledger.Total() == 5;
            }
        }
        """;
}
