import * as zlib from "zlib";

/**
 * Inflates a raw deflate stream with Node's zlib, piece by piece, checking the CRC-32 the zip
 * recorded. webpack replaces this module with inflate.browser.ts in the pane's bundle.
 */
export function inflateRawStream(raw: Uint8Array, sink: (chunk: Uint8Array) => boolean | void, crc32: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const inflater = zlib.createInflateRaw({ chunkSize: 256 * 1024 });
    let crc = 0;
    let stopped = false;
    inflater.on("data", (chunk: Buffer) => {
      if (stopped) return;
      crc = zlib.crc32(chunk, crc);
      let more: boolean | void;
      try {
        more = sink(chunk);
      } catch (e) {
        // The reader found the text broken: stop inflating and hand its error on.
        more = false;
        reject(e);
      }
      if (more === false) {
        stopped = true;
        inflater.destroy();
        resolve();
      }
    });
    inflater.on("error", (e) => {
      if (stopped) return;
      // zlib's "unexpected end of file" reads like a crash of ours; it means the data is cut short.
      reject(new Error(/end of file/i.test(e.message) ? "the compressed data is cut short" : `broken compressed data: ${e.message}`));
    });
    inflater.on("end", () => {
      if (stopped) return;
      // Signature 0 is what some writers record when they did not compute one.
      if (crc32 !== 0 && (crc >>> 0) !== (crc32 >>> 0)) reject(new Error("CRC-32 mismatch: the part is damaged"));
      else resolve();
    });
    inflater.end(raw);
  });
}
