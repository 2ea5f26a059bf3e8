import { PassThrough, type Readable } from 'node:stream';
import { once } from 'node:events';
import { strToU8, Zip, ZipDeflate } from 'fflate';

/**
 * A zip archive written file by file into a Node stream (fflate's streaming Zip): the caller adds
 * one file at a time and waits while the reader is behind, so memory holds about one file however
 * large the archive grows.
 */
export class ZipStream {
  readonly output: Readable;
  private readonly sink = new PassThrough();
  private readonly zip: Zip;

  constructor() {
    this.output = this.sink;
    this.zip = new Zip((error, chunk, final) => {
      if (error) {
        this.sink.destroy(error);
        return;
      }
      this.sink.write(chunk);
      if (final) this.sink.end();
    });
  }

  /** Adds one file (text is written as UTF-8), then waits until the reader has caught up. */
  async add(name: string, content: string | Uint8Array): Promise<void> {
    const file = new ZipDeflate(name, { level: 6 });
    this.zip.add(file);
    file.push(typeof content === 'string' ? strToU8(content) : content, true);
    if (this.sink.writableNeedDrain) await once(this.sink, 'drain');
  }

  /** Opens a file written in pieces (each awaited), for content too large to hold at once; `close` it before the next file. */
  open(name: string): { write(text: string): Promise<void>; close(): void } {
    const file = new ZipDeflate(name, { level: 6 });
    this.zip.add(file);
    return {
      write: async (text) => {
        file.push(strToU8(text), false);
        if (this.sink.writableNeedDrain) await once(this.sink, 'drain');
      },
      close: () => file.push(new Uint8Array(0), true),
    };
  }

  /** Adds a JSON file, indented for people. */
  addJson(name: string, value: unknown): Promise<void> {
    return this.add(name, JSON.stringify(value, null, 2));
  }

  end(): void {
    this.zip.end();
  }

  /** Ends the stream with an error (the reader sees a broken download rather than a short archive). */
  fail(error: Error): void {
    this.sink.destroy(error);
  }
}
