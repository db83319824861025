using System.Runtime.InteropServices;

namespace DurableObjects.Runner;

/// <summary>
/// The process's file-mode creation mask, set to 077 before any object code loads: a file this process created could
/// be read by its own user only. Object code cannot create files (the sandbox policy refuses file APIs); this is the
/// layer under that, so that even code past the policy could leave nothing in a shared directory (/tmp) that another
/// runner — another user (README, "Reliability") — could read.
/// </summary>
internal static class PrivateFiles
{
    private const uint OwnerOnly = 0x3F; // 077

    public static void Apply()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            _ = Umask(OwnerOnly);
        }
    }

    // A plain DllImport: one uint in and out, nothing to marshal (LibraryImport would need unsafe code here).
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "umask")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern uint Umask(uint mask);
#pragma warning restore SYSLIB1054
}
