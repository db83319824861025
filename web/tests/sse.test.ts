/** The server-sent events parser (lib/sse.ts) and the stream reader. */
import { describe, expect, it } from "vitest";
import { SseParser, parseSse, readSse } from "../src/lib/sse";

describe("SseParser", () => {
  it("parses the host's frames: event, data, blank line", () => {
    const text = 'event: step\ndata: {"sequence":1,"name":"plan"}\n\nevent: status\ndata: {"status":"running"}\n\nevent: end\ndata: {"status":"succeeded"}\n\n';
    expect(parseSse(text)).toEqual([
      { event: "step", data: '{"sequence":1,"name":"plan"}' },
      { event: "status", data: '{"status":"running"}' },
      { event: "end", data: '{"status":"succeeded"}' },
    ]);
  });

  it("joins data lines, defaults the type to message, keeps the id, skips comments and empty events", () => {
    expect(parseSse(": keep-alive\n\ndata:first\ndata: second\nid: 7\n\nevent: ping\n\n")).toEqual([
      { event: "message", data: "first\nsecond", id: "7" },
    ]);
  });

  it("accepts CRLF and CR line ends and a field without a colon", () => {
    expect(parseSse("event: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\rdata\n\n")).toEqual([
      { event: "a", data: "1" },
      { event: "b", data: "2" },
      { event: "message", data: "" },
    ]);
  });

  it("keeps only the first space after the colon", () => {
    expect(parseSse("data:  two spaces\n\n")[0].data).toBe(" two spaces");
  });

  it("assembles events cut anywhere across chunks, including between CR and LF", () => {
    const text = "event: step\r\ndata: {\"a\":1}\r\n\r\nevent: end\r\ndata: x\r\n\r\n";
    for (let cut = 0; cut <= text.length; cut++) {
      const parser = new SseParser();
      const events = [...parser.feed(text.slice(0, cut)), ...parser.feed(text.slice(cut)), ...parser.end()];
      expect(events, `cut at ${cut}`).toEqual([{ event: "step", data: '{"a":1}' }, { event: "end", data: "x" }]);
    }
  });

  it("drops an event whose blank line never came", () => {
    expect(parseSse("event: step\ndata: 1\n")).toEqual([]);
  });
});

function streamOf(chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(typeof c === "string" ? encoder.encode(c) : c);
      controller.close();
    },
  });
}

describe("readSse", () => {
  it("decodes UTF-8 split across chunks and reports that the stream ended", async () => {
    const bytes = new TextEncoder().encode("data: café ✓\n\n");
    const events: string[] = [];
    const ended = await readSse(streamOf([bytes.slice(0, 9), bytes.slice(9, 13), bytes.slice(13)]), (e) => events.push(e.data));
    expect(events).toEqual(["café ✓"]);
    expect(ended).toBe(true);
  });

  it("stops when aborted, without reading further", async () => {
    const controller = new AbortController();
    let pull = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        pull++;
        c.enqueue(new TextEncoder().encode(`event: step\ndata: ${pull}\n\n`));
      },
    });
    const seen: string[] = [];
    const ended = await readSse(stream, (e) => {
      seen.push(e.data);
      if (seen.length === 2) controller.abort();
    }, controller.signal);
    expect(ended).toBe(false);
    expect(seen).toEqual(["1", "2"]);
  });
});
