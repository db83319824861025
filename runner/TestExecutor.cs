using System.Reflection;
using DurableObjects.Runner.Protocol;

namespace DurableObjects.Runner;

/// <summary>
/// Runs an object's shipped tests: every public parameterless method of the test class declared there, returning
/// void, bool, Task or Task&lt;bool&gt;, on a fresh instance each. A test passes when it returns (true) without
/// throwing. The host bounds the whole run with its wall-clock timeout.
/// </summary>
internal static class TestExecutor
{
    public static TestReport Run(Type testClass, OutputCapture output)
    {
        var results = new List<TestCaseReport>();
        foreach (var method in testClass.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static |
                                                    BindingFlags.DeclaredOnly)
                     .Where(m => !m.IsSpecialName && m.GetParameters().Length == 0 && !m.IsGenericMethodDefinition)
                     .OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            results.Add(RunOne(testClass, method, output));
        }

        return new TestReport(results);
    }

    private static TestCaseReport RunOne(Type testClass, MethodInfo method, OutputCapture output)
    {
        output.Begin();
        try
        {
            var target = method.IsStatic ? null : Activator.CreateInstance(testClass);
            var returned = method.Invoke(target, BindingFlags.DoNotWrapExceptions, null, null, null);
            if (returned is Task task)
            {
                task.GetAwaiter().GetResult();
                returned = task is Task<bool> boolTask ? boolTask.Result : null;
            }

            return returned is false
                ? new TestCaseReport(method.Name, false, "The test returned false.")
                : new TestCaseReport(method.Name, true, null);
        }
        catch (Exception ex)
        {
            var inner = ex is TargetInvocationException { InnerException: { } e } ? e : ex;
            string message;
            try
            {
                message = $"{inner.GetType().FullName}: {inner.Message}";
            }
            catch (Exception)
            {
                message = inner.GetType().FullName ?? "exception";
            }

            return new TestCaseReport(method.Name, false, InvocationResult.Truncate(message));
        }
        finally
        {
            output.End();
        }
    }
}
