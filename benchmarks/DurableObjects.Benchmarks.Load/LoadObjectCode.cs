namespace DurableObjects.Benchmarks.Load;

/// <summary>The source of the objects the load creates, writes and changes: a counter whose body each write varies.</summary>
public static class LoadObjectCode
{
    public static Dictionary<string, string> Code(string body) => new()
    {
        ["Counter.cs"] = $$"""
            namespace Load;

            /// <summary>A small object for the load benchmark.</summary>
            public class Counter
            {
                /// <summary>The sum of two numbers.</summary>
                public int Add(int a, int b) => a + b{{body}};
            }
            """,
    };

    // A run's candidate must ship tests (the tests gate), so the object the runs change carries one. The written object
    // does not: kept tests would make every direct write run them too, which is not what the write loop measures.
    public static Dictionary<string, string> CodeWithTests(string body) => new(Code(body))
    {
        ["Tests/CounterTests.cs"] = """
            namespace Load;

            public class CounterTests
            {
                public bool AddsNumbers() => new Counter().Add(2, 3) == 5;
            }
            """,
    };
}
