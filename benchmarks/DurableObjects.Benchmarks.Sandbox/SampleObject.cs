namespace DurableObjects.Benchmarks.Sandbox;

/// <summary>A ~100-line object, typical of what the generator produces.</summary>
internal static class SampleObject
{
    public const string Code = """
        using System.Text.Json;

        /// <summary>A shopping cart with prices, discounts and a JSON export.</summary>
        public class ShoppingCart
        {
            private readonly Dictionary<string, Line> _lines = new(StringComparer.OrdinalIgnoreCase);
            private readonly System.Threading.Lock _gate = new();

            /// <summary>Adds two numbers (the benchmark's hot path).</summary>
            public int Add(int a, int b) => a + b;

            /// <summary>Adds an item.</summary>
            public int AddItem(string sku, int quantity, decimal price)
            {
                if (quantity <= 0) throw new ArgumentOutOfRangeException(nameof(quantity), "quantity must be positive");
                lock (_gate)
                {
                    if (_lines.TryGetValue(sku, out var line))
                    {
                        _lines[sku] = line with { Quantity = line.Quantity + quantity };
                    }
                    else
                    {
                        _lines[sku] = new Line(sku, quantity, price);
                    }

                    return _lines.Count;
                }
            }

            /// <summary>Removes an item.</summary>
            public bool Remove(string sku)
            {
                lock (_gate)
                {
                    return _lines.Remove(sku);
                }
            }

            /// <summary>The total after the best discount.</summary>
            public decimal Total(string? coupon = null)
            {
                lock (_gate)
                {
                    var subtotal = _lines.Values.Sum(l => l.Quantity * l.Price);
                    return Math.Round(subtotal - Discount(subtotal, coupon), 2);
                }
            }

            /// <summary>Lines sorted by value.</summary>
            public IReadOnlyList<Line> Lines()
            {
                lock (_gate)
                {
                    return _lines.Values.OrderByDescending(l => l.Quantity * l.Price).ThenBy(l => l.Sku).ToList();
                }
            }

            /// <summary>The cart as JSON.</summary>
            public string Export()
            {
                var summary = new Summary(Lines(), Total(), DateTime.UtcNow);
                return JsonSerializer.Serialize(summary);
            }

            /// <summary>Parses a "sku:qty:price;..." list.</summary>
            public int Import(string text)
            {
                var count = 0;
                foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var fields = part.Split(':');
                    if (fields.Length != 3) continue;
                    AddItem(fields[0], int.Parse(fields[1]), decimal.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture));
                    count++;
                }

                return count;
            }

            private static decimal Discount(decimal subtotal, string? coupon) => coupon?.ToUpperInvariant() switch
            {
                "TEN" => subtotal * 0.10m,
                "BIG" when subtotal > 100 => 25m,
                _ => 0m,
            };
        }

        public record Line(string Sku, int Quantity, decimal Price);

        public record Summary(IReadOnlyList<Line> Lines, decimal Total, DateTime At);

        public class ShoppingCartTests
        {
            public bool Total_WithTenCoupon_TakesTenPercent()
            {
                var cart = new ShoppingCart();
                cart.AddItem("a", 2, 50m);
                return cart.Total("ten") == 90m;
            }
        }
        """;
}
