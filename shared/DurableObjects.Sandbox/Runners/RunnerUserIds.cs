using System.Globalization;

namespace DurableObjects.Sandbox.Runners;

/// <summary>
/// The user ids a root host's runners run as: each live runner process has a uid (and gid) of its own from
/// <see cref="RunnerOptions.FirstRunnerUid"/> on, so a runner cannot signal, trace or read the memory of another
/// object's runner — which processes of one shared user (<c>nobody</c>) could. An id is free again only once its process
/// has ended; ids are handed out in turn, so an id comes back only after every other one of the host's block was used
/// once: whatever a process could leave behind under its id reaches the next holder as late as it can. Ids that
/// <c>/etc/passwd</c> or <c>/etc/group</c> name are never handed out.
/// <para>Other hosts on the same machine (a second host, test hosts side by side) share the range, so with a lock
/// directory each host takes a block of the range of its own (<see cref="BlockSize"/> ids; a block file held with an
/// exclusive <c>flock</c>, which the kernel drops when the host process ends) and hands out ids only from it. The
/// directory is root's, mode 0700, in the root-owned staging directory: no runner can take a block.</para>
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001",
    Justification = "Kept for the process's life (plans are cached per configuration): its block is held until the process ends.")]
internal sealed class RunnerUserIds
{
    /// <summary>Ids per block (blocks aligned in the whole uid space; a range's first and last may be partial): also the
    /// most runners one host can have at once.</summary>
    public const int BlockSize = 1024;

    private readonly Lock _gate = new();
    private readonly HashSet<int> _live = [];
    private readonly HashSet<int> _named;
    private readonly FileStream? _block;
    private readonly int _blockFirst;
    private readonly int _blockCount;
    private long _next;

    /// <param name="lockDirectory">Where hosts on this machine take their blocks, or null to use the whole range in this
    /// process alone.</param>
    public RunnerUserIds(int first, int count, IEnumerable<int> named, string? lockDirectory = null)
    {
        (First, Count) = (first, count);
        _named = [.. named.Where(id => id >= first && id - first < count)];
        (_blockFirst, _blockCount) = (first, count);
        if (lockDirectory is not null)
        {
            // Blocks are aligned in the whole uid space (block n holds ids n × BlockSize to n × BlockSize + BlockSize - 1),
            // so hosts configured with different but overlapping ranges still contend for the ids they share.
            (_blockFirst, _blockCount) = (first, 0);
            var last = (long)first + count - 1;
            for (var block = first / BlockSize; block <= last / BlockSize && _block is null; block++)
            {
                try
                {
                    // FileShare.None: an exclusive, non-blocking flock on the open file; IOException when another host
                    // (or another configuration in this process) holds it.
                    _block = new FileStream(Path.Combine(lockDirectory, $"block-{block.ToString(CultureInfo.InvariantCulture)}.lock"),
                        FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                    var low = Math.Max(first, (long)block * BlockSize);
                    var high = Math.Min(last, (long)block * BlockSize + BlockSize - 1);
                    (_blockFirst, _blockCount) = ((int)low, (int)(high - low + 1));
                }
                catch (IOException)
                {
                    // Held: try the next block.
                }
            }
        }
        // Start at a random place: a host started right after another one ended does not hand out the ids its
        // predecessor's runners (ending with it) held last.
        _next = _blockCount == 0 ? 0 : Random.Shared.Next(_blockCount);
    }

    public int First { get; }

    public int Count { get; }

    /// <summary>The range in words, e.g. <c>1879048192–1879113727</c>.</summary>
    public string Describe() => Count == 1
        ? First.ToString(CultureInfo.InvariantCulture)
        : $"{First.ToString(CultureInfo.InvariantCulture)}–{(First + (Count - 1)).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>An id no live runner of this host holds; release it (dispose) once the process has exited.</summary>
    /// <exception cref="InvalidOperationException">Every id of the range is held by a live runner.</exception>
    public Lease Take()
    {
        lock (_gate)
        {
            for (var tried = 0; tried < _blockCount; tried++)
            {
                var id = _blockFirst + (int)(_next++ % _blockCount);
                if (!_named.Contains(id) && _live.Add(id))
                {
                    return new Lease(this, id);
                }
            }
        }

        throw new InvalidOperationException(_blockCount == 0
            ? $"Every block of runner user ids ({Describe()}) is held by another host on this machine; raise DurableObjects:Runner:RunnerUidCount."
            : $"All {_blockCount} runner user ids of this host's block are held by live runners: a host runs at most {BlockSize} runners at once.");
    }

    /// <summary>Ids held by live runners now.</summary>
    public int LiveCount
    {
        get
        {
            lock (_gate)
            {
                return _live.Count;
            }
        }
    }

    private void Release(int id)
    {
        lock (_gate)
        {
            _live.Remove(id);
        }
    }

    /// <summary>The uids and gids <c>/etc/passwd</c> and <c>/etc/group</c> name (third field of each line).</summary>
    public static IEnumerable<int> NamedOnThisMachine()
    {
        foreach (var file in new[] { "/etc/passwd", "/etc/group" })
        {
            if (!File.Exists(file))
            {
                continue;
            }

            foreach (var line in File.ReadLines(file))
            {
                var fields = line.Split(':');
                if (fields.Length > 2 && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    yield return id;
                }
            }
        }
    }

    /// <summary>One runner's id, held until disposed (once; later disposals do nothing).</summary>
    public sealed class Lease(RunnerUserIds owner, int id) : IDisposable
    {
        private int _released;

        public int Id { get; } = id;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(Id);
            }
        }
    }
}
