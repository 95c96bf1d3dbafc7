/**
 * The pane's inflater: the browser's own DecompressionStream (webpack puts this module in place
 * of inflate.ts). zip.js already checked the archive's structure; a damaged stream fails here.
 * Typed structurally, so the command line's build (no DOM library) compiles it too.
 */
interface StreamReader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(): Promise<void>;
}
interface WebStreams {
  ReadableStream: new (source: { start(controller: { enqueue(chunk: Uint8Array): void; close(): void }): void }) => {
    pipeThrough(transform: unknown): { getReader(): StreamReader };
  };
  DecompressionStream: new (format: string) => unknown;
}

export async function inflateRawStream(raw: Uint8Array, sink: (chunk: Uint8Array) => boolean | void, _crc32: number): Promise<void> {
  const web = globalThis as unknown as WebStreams;
  const source = new web.ReadableStream({
    start(controller) {
      controller.enqueue(raw);
      controller.close();
    },
  });
  const reader = source.pipeThrough(new web.DecompressionStream("deflate-raw")).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value && sink(value) === false) {
        await reader.cancel();
        return;
      }
    }
  } catch (e) {
    // A TypeError is the stream's own complaint about the data; anything else is the reader's.
    throw e instanceof TypeError ? new Error(`broken compressed data: ${e.message}`) : e;
  }
}
