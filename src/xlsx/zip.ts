import { Uint8ArrayReader, Uint8ArrayWriter, ZipReader, configure } from "@zip.js/zip.js";
import type { FileEntry } from "@zip.js/zip.js";
import { inflateRawStream } from "./inflate";
import { WorkbookUnreadable } from "./errors";

/**
 * The .xlsx file as the zip it is: its entries by name, read whole or streamed with an early
 * stop, through @zip.js/zip.js (Node and the browser alike). The one place the reader touches
 * the zip format; the writers' surgical copy uses the same library, so the two can share it.
 */

// Workers would need a script URL in the pane and buy nothing for one file read at a time.
configure({ useWebWorkers: false });

/** A file that is not a zip archive, or an entry that cannot be unzipped. */
export class ZipUnreadable extends WorkbookUnreadable {}

/** Called with each piece of an entry as it is inflated; returning false stops the read there. */
export type ChunkSink = (chunk: Uint8Array) => boolean | void;
export type TextSink = (text: string) => boolean | void;

/** What the reader uses of TextDecoder (the command line's build has no DOM library). */
interface Decoder {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

const STORED = 0;
const DEFLATE = 8;

export class ZipArchive {
  private readonly byLower: Map<string, FileEntry>;

  private constructor(
    private readonly entries: FileEntry[],
    private readonly reader: ZipReader<unknown>,
  ) {
    this.byLower = new Map(entries.map((e) => [e.filename.toLowerCase(), e]));
  }

  static async open(data: Uint8Array): Promise<ZipArchive> {
    // Every zip starts with a local file header ("PK\x03\x04"); checking first gives a plain message for a CSV or an .xls.
    // A password-protected workbook and an .xls are both OLE compound files, not zips.
    if (data.length >= 4 && data[0] === 0xd0 && data[1] === 0xcf && data[2] === 0x11 && data[3] === 0xe0) {
      throw new ZipUnreadable("a password-protected workbook or an old .xls file: save it as .xlsx without a password", true);
    }
    if (data.length < 4 || data[0] !== 0x50 || data[1] !== 0x4b || data[2] !== 0x03 || data[3] !== 0x04) throw new ZipUnreadable("not a zip archive", true);
    const reader = new ZipReader(new Uint8ArrayReader(data));
    try {
      const entries = (await reader.getEntries()).filter((e): e is FileEntry => !e.directory);
      return new ZipArchive(entries, reader);
    } catch (e) {
      throw new ZipUnreadable(`broken zip archive (${(e as Error).message})`, true);
    }
  }

  /** Entry names in the order the zip holds them. */
  get names(): string[] {
    return this.entries.map((e) => e.filename);
  }

  /** The zip's own spelling of a part name (part names compare case-insensitively), or null. */
  find(name: string): string | null {
    return this.byLower.get(name.replace(/^\//, "").toLowerCase())?.filename ?? null;
  }

  /** Uncompressed size in bytes, or null when there is no such entry. */
  size(name: string): number | null {
    return this.entry(name)?.uncompressedSize ?? null;
  }

  /** Streams an entry's bytes to `sink` until the end or until the sink returns false. */
  async stream(name: string, sink: ChunkSink): Promise<void> {
    const entry = this.entry(name);
    if (!entry) throw new ZipUnreadable(`no part ${name}`);
    // An error of the sink (the reader found the text broken) is the sink's to report, not an unzip failure.
    let sinkError: { error: unknown } | null = null;
    const guarded: ChunkSink = (chunk) => {
      try {
        return sink(chunk);
      } catch (error) {
        sinkError = { error };
        return false;
      }
    };
    try {
      if (entry.encrypted) throw new Error("the part is encrypted");
      if (entry.compressionMethod === DEFLATE || entry.compressionMethod === STORED) {
        // The raw bytes go through the platform's own inflater (Node's zlib, the browser's
        // DecompressionStream), several times faster than a JavaScript one on a large sheet.
        const raw = await entry.getData(new Uint8ArrayWriter(), { passThrough: true });
        if (entry.compressionMethod === STORED) guarded(raw);
        else await inflateRawStream(raw, guarded, entry.signature ?? 0);
      } else {
        // Anything else (Deflate64...) zip.js inflates itself, whole.
        guarded(await entry.getData(new Uint8ArrayWriter()));
      }
    } catch (e) {
      if (sinkError) throw (sinkError as { error: unknown }).error;
      throw new ZipUnreadable(`part ${entry.filename} cannot be unzipped (${(e as Error).message})`);
    }
    if (sinkError) throw (sinkError as { error: unknown }).error;
  }

  /** Streams an entry as text (UTF-8, or UTF-16 when it starts with that byte order mark). */
  async streamText(name: string, sink: TextSink): Promise<void> {
    let decoder: Decoder | null = null;
    let stopped = false;
    await this.stream(name, (chunk) => {
      if (!decoder) decoder = new TextDecoder(chunk[0] === 0xff && chunk[1] === 0xfe ? "utf-16le" : chunk[0] === 0xfe && chunk[1] === 0xff ? "utf-16be" : "utf-8");
      const more = sink(decoder.decode(chunk, { stream: true }));
      if (more === false) stopped = true;
      return more;
    });
    if (decoder && !stopped) {
      const tail = (decoder as Decoder).decode();
      if (tail) sink(tail);
    }
  }

  async bytes(name: string): Promise<Uint8Array> {
    const pieces: Uint8Array[] = [];
    await this.stream(name, (c) => void pieces.push(c));
    if (pieces.length === 1) return pieces[0];
    const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of pieces) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }

  async text(name: string): Promise<string> {
    const parts: string[] = [];
    await this.streamText(name, (t) => void parts.push(t));
    return parts.join("");
  }

  async close(): Promise<void> {
    await this.reader.close();
  }

  private entry(name: string): FileEntry | undefined {
    return this.byLower.get(name.replace(/^\//, "").toLowerCase());
  }
}
