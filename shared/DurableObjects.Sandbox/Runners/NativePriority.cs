using System.Runtime.InteropServices;

namespace DurableObjects.Sandbox.Runners;

/// <summary>setpriority(2) for one thread (Linux keeps the nice value per thread; PRIO_PROCESS with a thread id).</summary>
internal static class NativePriority
{
    private const int PrioProcess = 0;

    /// <summary>Sets the nice value of thread <paramref name="threadId"/>; false when the kernel refused (gone, not allowed).</summary>
    public static bool SetThreadPriority(int threadId, int nice) => SetPriority(PrioProcess, threadId, nice) == 0;

    // A plain DllImport: three ints in, an int out, nothing to marshal (LibraryImport would need unsafe code here).
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "setpriority")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetPriority(int which, int who, int prio);
#pragma warning restore SYSLIB1054
}
