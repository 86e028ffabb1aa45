/**
 * The mirror's disk log as a file, laid out as cmirrord and the kernel's dm-log lay it out: a
 * header at byte 0 (u32 magic "MiRr" 0x4D695272, u32 version 2, u64 nr_regions, little-endian
 * here) and the clean bitmap at byte 1024, bit r of byte r/8 being region r. A write goes to the
 * file and is synced before it returns; a failed device (`fail()`) refuses reads and writes with
 * EIO, as a log device that died does.
 */
import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';

const MAGIC = 0x4d695272;
const VERSION = 2;
const BITMAP_AT = 1024;
/** cmirrord writes whole pages (O_DIRECT); one page holds the bitmap of 24,576 regions. */
const PAGE_BYTES = 4096;

/** What the log holds: a valid header with its region count, and the clean bits. */
export interface DiskContents {
  readonly valid: boolean;
  readonly nrRegions: number;
  readonly clean: readonly boolean[];
}

export class DiskLog {
  private failed = false;

  constructor(readonly path: string) {}

  /** The log device fails: every later read and write gets EIO. */
  fail(): void {
    this.failed = true;
  }

  get hasFailed(): boolean {
    return this.failed;
  }

  /** Writes a header for `clean.length` regions and the clean bits, and syncs. */
  write(clean: readonly boolean[]): void {
    if (this.failed) throw Object.assign(new Error('write to the failed log device'), { code: 'EIO' });
    writeFileSynced(this.path, encodeDisk({ valid: true, nrRegions: clean.length, clean }));
  }

  /** The header and clean bits; undefined when the device has failed (the read gets EIO). */
  read(): DiskContents | undefined {
    if (this.failed) return undefined;
    return decodeDisk(readFileSync(this.path));
  }
}

/** The page a disk log holds: a valid header and the bitmap, or zeros for an invalid one. */
export function encodeDisk(contents: DiskContents): Uint8Array {
  const bytes = new Uint8Array(PAGE_BYTES);
  if (!contents.valid) return bytes;
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, VERSION, true);
  view.setBigUint64(8, BigInt(contents.nrRegions), true);
  contents.clean.forEach((c, r) => {
    if (c) bytes[BITMAP_AT + (r >> 3)] = (bytes[BITMAP_AT + (r >> 3)] as number) | (1 << (r & 7));
  });
  return bytes;
}

/** What a disk log's bytes hold; a header without the magic is invalid (no regions). */
export function decodeDisk(bytes: Uint8Array): DiskContents {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < BITMAP_AT || view.getUint32(0, true) !== MAGIC) return { valid: false, nrRegions: 0, clean: [] };
  const nrRegions = Number(view.getBigUint64(8, true));
  const clean = Array.from({ length: Math.min(nrRegions, (bytes.length - BITMAP_AT) * 8) }, (_, r) => (((bytes[BITMAP_AT + (r >> 3)] as number) >> (r & 7)) & 1) === 1);
  return { valid: true, nrRegions, clean };
}

function writeFileSynced(path: string, bytes: Uint8Array): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
