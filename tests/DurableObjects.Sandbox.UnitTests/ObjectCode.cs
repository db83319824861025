using DurableObjects.Sandbox.Compiling;

namespace DurableObjects.Sandbox.UnitTests;

/// <summary>Shared compiler instance (compilers are long-lived and thread-safe) and sample object code.</summary>
internal static class ObjectCode
{
    public static ObjectCompiler Compiler { get; } = new();

    public static CompilationResult Compile(string code, CompileOptions? options = null) =>
        Compiler.Compile(new Dictionary<string, string> { ["Object.cs"] = code }, options);

    /// <summary>Wraps statements in a method of an API class.</summary>
    public static string InMethod(string statements, string usings = "") => $$"""
        {{usings}}
        public class Probe
        {
            public object? Run()
            {
                {{statements}}
                return null;
            }
        }
        """;

    /// <summary>An object that uses a broad slice of what the permit-list allows.</summary>
    public const string RichObject = """
        using System.Globalization;
        using System.Text.Json;
        using System.Text.RegularExpressions;

        /// <summary>A small ledger.</summary>
        public class Ledger
        {
            private readonly Dictionary<string, decimal> _balances = new();
            private readonly System.Threading.Lock _gate = new();

            /// <summary>Adds an amount to an account.</summary>
            /// <param name="account">The account id.</param>
            /// <param name="amount">The amount to add.</param>
            public decimal Deposit(string account, decimal amount)
            {
                lock (_gate)
                {
                    _balances[account] = _balances.GetValueOrDefault(account) + amount;
                    return _balances[account];
                }
            }

            public IReadOnlyList<Entry> Top(int count = 3) =>
                _balances.OrderByDescending(p => p.Value).Take(count).Select(p => new Entry(p.Key, p.Value)).ToList();

            public async Task<string> DescribeAsync(string name)
            {
                await Task.CompletedTask;
                var sb = new StringBuilder();
                sb.Append($"Hello {name}, it is {DateTime.UtcNow:yyyy} ").Append(Guid.NewGuid().ToString("N")[..4]);
                int[] numbers = [1, 2, 3];
                List<int> more = [.. numbers, 4];
                Console.WriteLine($"described {name}");
                var json = JsonSerializer.Serialize(new Entry(name, more.Sum()));
                var ok = Regex.IsMatch(name, "^[a-z]+$", RegexOptions.None, TimeSpan.FromMilliseconds(100));
                var shape = more.Count switch { > 3 => "big", _ => "small" };
                return $"{sb} {json} {ok} {shape} {Math.Sqrt(16).ToString(CultureInfo.InvariantCulture)} {Squares().Sum()}";
            }

            public static int Parse(string text) =>
                int.TryParse(text, out var n) ? n : throw new ArgumentException("not a number", nameof(text));

            private static IEnumerable<int> Squares()
            {
                for (var i = 0; i < 3; i++)
                {
                    yield return i * i;
                }
            }
        }

        public record Entry(string Account, decimal Balance);

        public class LedgerTests
        {
            public bool Deposit_Twice_Adds() => new Ledger().Deposit("a", 1) + 1 == new Ledger().Deposit("a", 2);
            public void Parse_Number_Works() { if (Ledger.Parse("12") != 12) throw new InvalidOperationException("bad"); }
        }
        """;
}
