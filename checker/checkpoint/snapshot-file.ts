/**
 * The bytes of a checkpoint file, little-endian. The writer streams numbers, typed arrays and
 * length-prefixed records through one small buffer, so a save never builds the file in memory;
 * large arrays go to the file straight from where they live. The reader checks each length
 * against what the file still holds before it allocates or trusts anything, and names the
 * byte where a file ends too soon.
 */
import { readSync, writeSync } from 'node:fs';

/** How bytes reach the file: `fs.writeSync` in a loop. Tests pass one that fails part way, as a full disk does. */
export type WriteBytes = (fd: number, bytes: Uint8Array, position: number) => void;

export const writeAll: WriteBytes = (fd, bytes, position) => {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, position + done);
};

const BUFFER_BYTES = 1 << 20;
/** Larger arrays are written and read in pieces of this size (one call moves at most 2 GiB). */
const PIECE_BYTES = 1 << 28;

export const bytesOf = (view: Uint32Array | Int32Array): Uint8Array => new Uint8Array(view.buffer, view.byteOffset, view.byteLength);

export class SnapshotWriter {
  private readonly buffer = new Uint8Array(BUFFER_BYTES);
  private readonly view = new DataView(this.buffer.buffer);
  private used = 0;
  /** The file offset of `buffer[0]`. */
  private flushed = 0;

  constructor(private readonly fd: number, private readonly write: WriteBytes) {}

  /** The file offset the next byte goes to. */
  get position(): number {
    return this.flushed + this.used;
  }

  u32(n: number): void {
    if (this.used + 4 > BUFFER_BYTES) this.flush();
    this.view.setUint32(this.used, n, true);
    this.used += 4;
  }

  /** A count or a byte length (below 2^53), as a 64-bit integer. */
  u64(n: number): void {
    this.u32(n % 2 ** 32);
    this.u32(Math.floor(n / 2 ** 32));
  }

  bytes(bytes: Uint8Array): void {
    if (bytes.length > BUFFER_BYTES - this.used) this.flush();
    if (bytes.length <= BUFFER_BYTES) {
      this.buffer.set(bytes, this.used);
      this.used += bytes.length;
      return;
    }
    for (let at = 0; at < bytes.length; at += PIECE_BYTES) {
      const piece = bytes.subarray(at, at + PIECE_BYTES);
      this.write(this.fd, piece, this.flushed);
      this.flushed += piece.length;
    }
  }

  /** A record: its length, then its bytes. */
  record(bytes: Uint8Array): void {
    this.u32(bytes.length);
    this.bytes(bytes);
  }

  /** Writes a 64-bit value at `at`, a place left for it earlier (a length known only afterwards). */
  patchU64(at: number, n: number): void {
    this.flush();
    const field = new DataView(new ArrayBuffer(8));
    field.setUint32(0, n % 2 ** 32, true);
    field.setUint32(4, Math.floor(n / 2 ** 32), true);
    this.write(this.fd, new Uint8Array(field.buffer), at);
  }

  flush(): void {
    if (this.used === 0) return;
    this.write(this.fd, this.buffer.subarray(0, this.used), this.flushed);
    this.flushed += this.used;
    this.used = 0;
  }
}

/** A file that cannot be what it claims: the caller names the file around the message. */
export class SnapshotFormatError extends Error {}

export class SnapshotReader {
  private buffer = new Uint8Array(BUFFER_BYTES);
  private view = new DataView(this.buffer.buffer);
  /** Bytes of the buffer read from the file, and how many of them are consumed. */
  private filled = 0;
  private taken = 0;
  /** The file offset of `buffer[filled]`. */
  private fileAt = 0;

  constructor(private readonly fd: number, readonly size: number) {}

  /** The file offset of the next byte to be taken. */
  get position(): number {
    return this.fileAt - (this.filled - this.taken);
  }

  /** Bytes left in the file. */
  get left(): number {
    return this.size - this.position;
  }

  u32(): number {
    this.need(4);
    const n = this.view.getUint32(this.taken, true);
    this.taken += 4;
    return n;
  }

  u64(): number {
    const lo = this.u32();
    const hi = this.u32();
    if (hi >= 2 ** 21) throw new SnapshotFormatError(`a length at byte ${this.position - 8} is beyond any file`);
    return hi * 2 ** 32 + lo;
  }

  /** The next `n` bytes: a view valid until the next read. */
  take(n: number): Uint8Array {
    this.need(n);
    const bytes = this.buffer.subarray(this.taken, this.taken + n);
    this.taken += n;
    return bytes;
  }

  /** Fills `into` from the file (through what is buffered first). */
  into(into: Uint8Array): void {
    const buffered = Math.min(into.length, this.filled - this.taken);
    into.set(this.buffer.subarray(this.taken, this.taken + buffered));
    this.taken += buffered;
    for (let at = buffered; at < into.length; ) {
      const got = readSync(this.fd, into, at, Math.min(PIECE_BYTES, into.length - at), this.fileAt);
      if (got === 0) throw this.truncated();
      at += got;
      this.fileAt += got;
    }
  }

  /** Makes `n` bytes available in the buffer, growing it for a large record. */
  private need(n: number): void {
    if (this.filled - this.taken >= n) return;
    if (n > this.left) throw this.truncated();
    const rest = this.buffer.subarray(this.taken, this.filled);
    if (n > this.buffer.length) {
      const grown = new Uint8Array(n);
      grown.set(rest);
      this.buffer = grown;
      this.view = new DataView(grown.buffer);
    } else {
      this.buffer.copyWithin(0, this.taken, this.filled);
    }
    this.filled = rest.length;
    this.taken = 0;
    while (this.filled < n) {
      const got = readSync(this.fd, this.buffer, this.filled, this.buffer.length - this.filled, this.fileAt);
      if (got === 0) throw this.truncated();
      this.filled += got;
      this.fileAt += got;
    }
  }

  private truncated(): SnapshotFormatError {
    return new SnapshotFormatError(`it ends at byte ${this.size}, in the middle of its data (a truncated file)`);
  }
}
