import { Entry, FileEntry, Reader, Uint8ArrayReader, Uint8ArrayWriter, ZipReader, ZipWriter, configure } from "@zip.js/zip.js";
import { inflateRawStream } from "../inflate";

/**
 * The zip layer of every .xlsx read and write (zip.js, Node and browser alike). A package is
 * opened from bytes or from any zip.js Reader (a file on Node: see src/xlsx/files.ts), parts
 * are read whole or streamed as text, and a copy is written with some parts replaced, removed
 * or added while every other entry is copied still compressed, never inflated: a 1 GB media
 * part costs no memory and keeps its exact bytes. The reader (src/xlsx/reader.ts) streams a part
 * with an early stop (stream, streamText), inflated by the platform's own inflater.
 */

// Web workers would need a script URL in the browser bundle and buy nothing for parts this size.
configure({ useWebWorkers: false });

/** The input is not a zip archive we can read (truncated, bad central directory, corrupt data...). */
export class BrokenPackage extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BrokenPackage";
  }
}

const broken = (e: unknown): BrokenPackage => (e instanceof BrokenPackage ? e : new BrokenPackage(firstLine(e instanceof Error ? e.message : String(e))));
const firstLine = (s: string) => s.split("\n")[0].slice(0, 160);

/** What a written part holds: text, bytes, or text produced piece by piece (a large sheet). */
export type PartData = string | Uint8Array | (() => AsyncIterable<string>);

export interface WritePlan {
  /** New content for existing entries (by their stored name); they keep their place in the zip. */
  replaced: ReadonlyMap<string, PartData>;
  removed: ReadonlySet<string>;
  /** New entries, written after the existing ones in this order. */
  added: readonly (readonly [string, PartData])[];
}

/** Where a written zip goes: a stream (a file on Node), or null for bytes in memory. */
export type ZipSink = WritableStream<Uint8Array> | null;

export class ZipArchive {
  private readonly byLower = new Map<string, FileEntry>();

  private constructor(
    private readonly reader: ZipReader<unknown>,
    private readonly entries: Entry[],
  ) {
    for (const e of entries) if (!e.directory) this.byLower.set(e.filename.toLowerCase(), e as FileEntry);
  }

  static async open(source: Uint8Array | Reader<unknown>): Promise<ZipArchive> {
    const reader = new ZipReader(source instanceof Uint8Array ? new Uint8ArrayReader(source) : source);
    try {
      const entries = await reader.getEntries();
      const seen = new Set<string>();
      for (const e of entries) {
        const lower = e.filename.toLowerCase();
        if (seen.has(lower)) throw new BrokenPackage(`two zip entries named ${e.filename}`);
        seen.add(lower);
        if (e.encrypted) throw new BrokenPackage("the workbook is encrypted (password protected)");
      }
      return new ZipArchive(reader, entries);
    } catch (e) {
      await reader.close().catch(() => undefined);
      throw broken(e);
    }
  }

  /** Names of the file entries (folders left out), in zip order. */
  get names(): string[] {
    return this.entries.filter((e) => !e.directory).map((e) => e.filename);
  }

  /** The stored spelling of a part name (part names compare case-insensitively; a leading "/" is the package root), or null. */
  find(name: string): string | null {
    return this.byLower.get(name.replace(/^\//, "").toLowerCase())?.filename ?? null;
  }

  /** Uncompressed size of a part in bytes (as the zip declares it). */
  size(name: string): number {
    return this.entry(name).uncompressedSize;
  }

  private entry(name: string): FileEntry {
    const e = this.byLower.get(name.replace(/^\//, "").toLowerCase());
    if (!e) throw new BrokenPackage(`no part ${name}`);
    return e;
  }

  async bytes(name: string): Promise<Uint8Array> {
    try {
      return await this.entry(name).getData(new Uint8ArrayWriter());
    } catch (e) {
      throw broken(e);
    }
  }

  /** A part as text, whole. A byte order mark is kept, so text written back re-encodes to the same bytes. */
  async text(name: string): Promise<string> {
    let out = "";
    for await (const piece of this.textChunks(name)) out += piece;
    return out;
  }

  /** A part as text in pieces as they inflate, so a large sheet is never held whole. */
  async *textChunks(name: string): AsyncGenerator<string> {
    const entry = this.entry(name);
    const decoder = new TextDecoderStream("utf-8", { ignoreBOM: true });
    const reader = decoder.readable.getReader();
    let failure: unknown = null;
    // A corrupt entry rejects getData without closing the stream: the pending read is cancelled then.
    const done = entry.getData(decoder.writable).then(
      () => undefined,
      (e: unknown) => {
        failure = e;
        return reader.cancel().catch(() => undefined);
      },
    );
    try {
      for (;;) {
        const { value, done: end } = await reader.read();
        if (end) break;
        yield value;
      }
    } catch (e) {
      throw broken(failure ?? e);
    } finally {
      await reader.cancel().catch(() => undefined);
      await done;
    }
    if (failure) throw broken(failure);
  }

  /**
   * Streams a part's bytes to `sink` as they inflate, until the end or until the sink returns
   * false (the rest is never inflated). The raw bytes go through the platform's own inflater
   * (Node's zlib with the CRC-32 checked, the browser's DecompressionStream: inflate.ts and
   * inflate.browser.ts), several times faster than zip.js's web-stream path on a large sheet;
   * any method but stored and deflate is inflated by zip.js, whole. An error the sink throws is
   * passed on as it is: it is the sink's finding, not a broken zip.
   */
  async stream(name: string, sink: (chunk: Uint8Array) => boolean | void): Promise<void> {
    const entry = this.entry(name);
    let sinkError: { error: unknown } | null = null;
    const guarded = (chunk: Uint8Array): boolean | void => {
      try {
        return sink(chunk);
      } catch (error) {
        sinkError = { error };
        return false;
      }
    };
    try {
      if (entry.compressionMethod === 8 || entry.compressionMethod === 0) {
        const raw = await entry.getData(new Uint8ArrayWriter(), { passThrough: true });
        if (entry.compressionMethod === 0) guarded(raw);
        else await inflateRawStream(raw, guarded, entry.signature ?? 0);
      } else guarded(await entry.getData(new Uint8ArrayWriter()));
    } catch (e) {
      if (sinkError) throw (sinkError as { error: unknown }).error;
      throw new BrokenPackage(`part ${entry.filename} cannot be unzipped (${firstLine(e instanceof Error ? e.message : String(e))})`);
    }
    if (sinkError) throw (sinkError as { error: unknown }).error;
  }

  /** A part as text pieces (UTF-8, or UTF-16 by its byte order mark) as they inflate, with the same early stop. */
  async streamText(name: string, sink: (text: string) => boolean | void): Promise<void> {
    let decoder: { decode(input?: Uint8Array, options?: { stream?: boolean }): string } | null = null;
    let stopped = false;
    await this.stream(name, (chunk) => {
      decoder ??= new TextDecoder(chunk[0] === 0xff && chunk[1] === 0xfe ? "utf-16le" : chunk[0] === 0xfe && chunk[1] === 0xff ? "utf-16be" : "utf-8");
      const more = sink(decoder.decode(chunk, { stream: true }));
      if (more === false) stopped = true;
      return more;
    });
    if (decoder && !stopped) {
      const tail = (decoder as { decode(): string }).decode();
      if (tail) sink(tail);
    }
  }

  /**
   * Writes a copy: entries in their order, each untouched one copied compressed with its own
   * metadata, replaced ones re-compressed, then the added ones. Returns the bytes when `sink` is null.
   */
  async write(plan: WritePlan, sink: ZipSink): Promise<Uint8Array | null> {
    const memory = sink ? null : new Uint8ArrayWriter();
    const writer = new ZipWriter(sink ?? memory!, { keepOrder: true, extendedTimestamp: false, level: 6 });
    // Only a failure to read the input is the input's fault; any other is passed on as it is.
    let readFailure: unknown = null;
    try {
      for (const e of this.entries) {
        if (plan.removed.has(e.filename)) continue;
        if (e.directory) {
          await writer.add(e.filename, undefined, { directory: true, entry: e });
          continue;
        }
        const data = plan.replaced.get(e.filename);
        if (data !== undefined) {
          await writer.add(e.filename, readableOf(data), { lastModDate: e.lastModDate });
          continue;
        }
        const pipe = new TransformStream<Uint8Array, Uint8Array>();
        const reading = (e as FileEntry).getData(pipe.writable, { passThrough: true }).catch((x: unknown) => {
          readFailure = x;
          throw x;
        });
        await Promise.all([writer.add(e.filename, pipe.readable, { passThrough: true, entry: e }), reading]);
      }
      for (const [name, data] of plan.added) await writer.add(name, readableOf(data));
      await writer.close();
    } catch (e) {
      if (e instanceof BrokenPackage) throw e;
      if (readFailure !== null) throw broken(readFailure);
      throw e;
    }
    return memory ? memory.getData() : null;
  }

  async close(): Promise<void> {
    await this.reader.close().catch(() => undefined);
  }
}

const encoder = new TextEncoder();

/** A part's content as the byte stream zip.js compresses. */
function readableOf(data: PartData): ReadableStream<Uint8Array> {
  if (typeof data === "string") return singleChunk(encoder.encode(data));
  if (data instanceof Uint8Array) return singleChunk(data);
  let iterator: AsyncIterator<string> | null = null;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      iterator ??= data()[Symbol.asyncIterator]();
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await iterator?.return?.();
    },
  });
}

function singleChunk(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}
