using System.Text;

namespace DurableObjects.Runner;

/// <summary>
/// Replaces <see cref="Console.Out"/> and <see cref="Console.Error"/> inside the runner. Whatever object code writes
/// goes to the buffer of the invocation it runs in (tracked by an <see cref="AsyncLocal{T}"/>), bounded to a
/// maximum; writes outside any invocation are dropped. Nothing reaches the real stdout, which carries the protocol.
/// </summary>
internal sealed class OutputCapture : TextWriter
{
    private readonly AsyncLocal<Buffer?> _current = new();
    private readonly int _maxChars;

    public OutputCapture(int maxBytes) => _maxChars = Math.Max(0, maxBytes);

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Starts capturing for the calling invocation; dispose the returned scope to stop and read it.</summary>
    public Buffer Begin()
    {
        var buffer = new Buffer(_maxChars);
        _current.Value = buffer;
        return buffer;
    }

    public void End() => _current.Value = null;

    public override void Write(char value) => _current.Value?.Append(value);

    public override void Write(string? value)
    {
        if (value is not null)
        {
            _current.Value?.Append(value.AsSpan());
        }
    }

    public override void Write(char[] buffer, int index, int count) =>
        _current.Value?.Append(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer) => _current.Value?.Append(buffer);

    /// <summary>One invocation's captured output.</summary>
    public sealed class Buffer(int maxChars)
    {
        private readonly StringBuilder _text = new();

        public bool Truncated { get; private set; }

        public void Append(char value) => Append([value]);

        public void Append(ReadOnlySpan<char> value)
        {
            lock (_text)
            {
                var room = maxChars - _text.Length;
                if (value.Length > room)
                {
                    Truncated = true;
                    value = value[..Math.Max(0, room)];
                }

                _text.Append(value);
            }
        }

        public override string ToString()
        {
            lock (_text)
            {
                return Truncated ? _text + "\n[output truncated]" : _text.ToString();
            }
        }
    }
}
