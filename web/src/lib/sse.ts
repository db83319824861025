/**
 * Server-sent events (text/event-stream) parsed by hand: the page reads the stream with fetch, because EventSource
 * cannot send the bearer token. Follows the HTML standard's parsing rules: lines end in CRLF, LF or CR; a line
 * starting with ':' is a comment; "field: value" with one optional space after the colon; `data` lines join with
 * LF; a blank line dispatches the event (none when no data came); the type defaults to "message".
 */

export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/** Incremental parser: feed it text as it arrives, in chunks cut anywhere; it returns the events completed so far. */
export class SseParser {
  private buffer = "";
  private event = "";
  private data: string[] = [];
  private id: string | undefined;
  /** A chunk ended in CR: a LF starting the next chunk belongs to that line end. */
  private pendingCr = false;

  feed(chunk: string): SseEvent[] {
    const out: SseEvent[] = [];
    let text = chunk;
    if (this.pendingCr && text.startsWith("\n")) text = text.slice(1);
    this.pendingCr = false;
    this.buffer += text;
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (c !== "\n" && c !== "\r") continue;
      this.line(this.buffer.slice(start, i), out);
      if (c === "\r") {
        if (i + 1 < this.buffer.length) {
          if (this.buffer[i + 1] === "\n") i++;
        } else this.pendingCr = true;
      }
      start = i + 1;
    }
    this.buffer = this.buffer.slice(start);
    return out;
  }

  /** The stream ended: an event without its closing blank line is dropped, as the standard says. */
  end(): SseEvent[] {
    this.buffer = "";
    this.reset();
    return [];
  }

  private line(line: string, out: SseEvent[]): void {
    if (line === "") {
      if (this.data.length) out.push({ event: this.event || "message", data: this.data.join("\n"), ...(this.id !== undefined ? { id: this.id } : {}) });
      this.reset();
      return;
    }
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") this.event = value;
    else if (field === "data") this.data.push(value);
    else if (field === "id" && !value.includes("\0")) this.id = value;
    // "retry" and unknown fields are ignored: the page decides how to reconnect.
  }

  private reset(): void {
    this.event = "";
    this.data = [];
  }
}

/** All the events in a complete text (for tests and small bodies). */
export function parseSse(text: string): SseEvent[] {
  const parser = new SseParser();
  return [...parser.feed(text), ...parser.end()];
}

/**
 * Reads a byte stream to its end (or until `signal` aborts), calling `onEvent` for each event in order.
 * Resolves true when the stream ended by itself, false when it was aborted.
 */
export async function readSse(stream: ReadableStream<Uint8Array>, onEvent: (e: SseEvent) => void, signal?: AbortSignal): Promise<boolean> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  const abort = () => void reader.cancel().catch(() => {});
  signal?.addEventListener("abort", abort, { once: true });
  try {
    for (;;) {
      if (signal?.aborted) return false;
      const { done, value } = await reader.read();
      if (signal?.aborted) return false;
      if (done) {
        for (const e of parser.feed(decoder.decode())) onEvent(e);
        parser.end();
        return true;
      }
      for (const e of parser.feed(decoder.decode(value, { stream: true }))) {
        onEvent(e);
        if (signal?.aborted) return false;
      }
    }
  } finally {
    signal?.removeEventListener("abort", abort);
    try {
      reader.releaseLock();
    } catch {
      // a read may still be pending on some engines; the stream is cancelled or done anyway
    }
  }
}
