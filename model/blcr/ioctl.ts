/**
 * The BLCR ioctl numbers of `blcr_ioctl.h` (v1.38), computed the way Linux's `_IO/_IOW/_IOR/_IOWR`
 * macros compute them on x86-64 (research/blcr.md §4): `dir << 30 | size << 16 | type << 8 | nr`.
 */

/** `CR_IOCTL_BASE`, the ioctl type byte of every BLCR op. */
export const CR_IOCTL_BASE = 0xa1;

/** Linux ioctl direction bits (`asm-generic/ioctl.h`). */
export const IOC_NONE = 0;
export const IOC_WRITE = 1;
export const IOC_READ = 2;

/** `sizeof(long)`, `sizeof(unsigned long)` and `sizeof(void *)` on x86-64. */
const SIZE_X86_64 = 8;

/** The names of the ops that the header defines (in header order). */
export type IoctlOp =
  | 'CR_OP_HAND_CHKPT' | 'CR_OP_HAND_ABORT' | 'CR_OP_HAND_PHASE1' | 'CR_OP_HAND_SUSP'
  | 'CR_OP_HAND_PHASE2' | 'CR_OP_HAND_DONE' | 'CR_OP_HAND_SRC' | 'CR_OP_HAND_CHKPT_INFO'
  | 'CR_OP_CHKPT_REQ' | 'CR_OP_CHKPT_REAP' | 'CR_OP_CHKPT_FWD' | 'CR_OP_CHKPT_LOG'
  | 'CR_OP_RSTRT_REQ' | 'CR_OP_RSTRT_REAP' | 'CR_OP_RSTRT_CHILD' | 'CR_OP_RSTRT_PROCS'
  | 'CR_OP_RSTRT_LOG' | 'CR_OP_VERSION';

/** One row of the table: the macro the header uses and the fields it is built from. */
export interface IoctlSpec {
  readonly op: IoctlOp;
  readonly macro: '_IO' | '_IOW' | '_IOR' | '_IOWR';
  readonly nr: number;
  /** The C argument type named in the header (only a label: see research §4 notes). */
  readonly argType: string | null;
}

/** Every op of the header, in header order. */
export const IOCTL_SPECS: readonly IoctlSpec[] = [
  { op: 'CR_OP_HAND_CHKPT', macro: '_IOW', nr: 0x01, argType: 'unsigned long' },
  { op: 'CR_OP_HAND_ABORT', macro: '_IOW', nr: 0x02, argType: 'unsigned long' },
  { op: 'CR_OP_HAND_PHASE1', macro: '_IOW', nr: 0x05, argType: 'long' },
  { op: 'CR_OP_HAND_SUSP', macro: '_IOWR', nr: 0x06, argType: 'struct timeval *' },
  { op: 'CR_OP_HAND_PHASE2', macro: '_IOW', nr: 0x07, argType: 'long' },
  { op: 'CR_OP_HAND_DONE', macro: '_IOW', nr: 0x08, argType: 'unsigned long' },
  { op: 'CR_OP_HAND_SRC', macro: '_IOR', nr: 0x09, argType: 'char *' },
  { op: 'CR_OP_HAND_CHKPT_INFO', macro: '_IOR', nr: 0x0a, argType: 'struct cr_chkpt_info *' },
  { op: 'CR_OP_CHKPT_REQ', macro: '_IOW', nr: 0x10, argType: 'struct cr_chkpt_args *' },
  { op: 'CR_OP_CHKPT_REAP', macro: '_IO', nr: 0x12, argType: null },
  { op: 'CR_OP_CHKPT_FWD', macro: '_IOW', nr: 0x13, argType: 'struct cr_fwd_args *' },
  { op: 'CR_OP_CHKPT_LOG', macro: '_IOR', nr: 0x14, argType: 'struct cr_log_args *' },
  { op: 'CR_OP_RSTRT_REQ', macro: '_IOW', nr: 0x20, argType: 'struct cr_rstrt_args *' },
  { op: 'CR_OP_RSTRT_REAP', macro: '_IO', nr: 0x22, argType: null },
  { op: 'CR_OP_RSTRT_CHILD', macro: '_IO', nr: 0x23, argType: null },
  { op: 'CR_OP_RSTRT_PROCS', macro: '_IOR', nr: 0x26, argType: 'struct cr_procs_tbl *' },
  { op: 'CR_OP_RSTRT_LOG', macro: '_IOR', nr: 0x27, argType: 'struct cr_log_args *' },
  { op: 'CR_OP_VERSION', macro: '_IOW', nr: 0x30, argType: 'unsigned long' },
];

/** Numbers the header retired (0x03 HAND_CONT, 0x04 HAND_RSTRT, 0x11 CHKPT_DONE, …): `-ENOTTY`. */
export const RETIRED_NRS: readonly { nr: number; was: string }[] = [
  { nr: 0x03, was: 'CR_OP_HAND_CONT' },
  { nr: 0x04, was: 'CR_OP_HAND_RSTRT' },
  { nr: 0x11, was: 'CR_OP_CHKPT_DONE' },
  { nr: 0x21, was: 'CR_OP_RSTRT_DONE' },
  { nr: 0x24, was: 'OP_RSTRT_CLONES' },
  { nr: 0x25, was: 'OP_RSTRT_FORKS' },
];

/** Linux `ENOTTY`: what the dispatcher returns (negated) for any op it does not know. */
export const ENOTTY = 25;

/** `_IOC(dir, type, nr, size)` as an unsigned 32-bit number. */
export function ioc(dir: number, type: number, nr: number, size: number): number {
  return ((dir << 30) | (size << 16) | (type << 8) | nr) >>> 0;
}

function dirOf(macro: IoctlSpec['macro']): number {
  switch (macro) {
    case '_IO': return IOC_NONE;
    case '_IOW': return IOC_WRITE;
    case '_IOR': return IOC_READ;
    case '_IOWR': return IOC_READ | IOC_WRITE;
  }
}

/** The number of one op as the header's macro computes it on x86-64. */
export function ioctlNumber(op: IoctlOp): number {
  const spec = IOCTL_SPECS.find((s) => s.op === op);
  if (spec === undefined) throw new Error(`unknown BLCR op ${op}`);
  const size = spec.macro === '_IO' ? 0 : SIZE_X86_64;
  return ioc(dirOf(spec.macro), CR_IOCTL_BASE, spec.nr, size);
}

/** Every op with its number, in header order. */
export const IOCTL_TABLE: readonly { op: IoctlOp; number: number }[] = IOCTL_SPECS.map((s) => ({
  op: s.op,
  number: ioctlNumber(s.op),
}));

/** The fields of an ioctl number (`_IOC_DIR`, `_IOC_TYPE`, `_IOC_NR`, `_IOC_SIZE`). */
export interface DecodedIoctl {
  dir: number;
  type: number;
  nr: number;
  size: number;
}

/** Splits a number into its fields. */
export function decodeFields(cmd: number): DecodedIoctl {
  const u = cmd >>> 0;
  return { dir: u >>> 30, size: (u >>> 16) & 0x3fff, type: (u >>> 8) & 0xff, nr: u & 0xff };
}

/** What the module's dispatcher (`cr_fops.c`) does with a number: an op, or `-ENOTTY`. */
export type Dispatch = { ok: true; op: IoctlOp } | { ok: false; errno: number };

/**
 * The caller's ABI on a 64-bit kernel: `native` (64-bit, cr_fops.c ctrl_unlocked_ioctl) or
 * `compat` (a 32-bit process, cr_compat.c cr_compat_ctrl_ioctl).
 */
export type IoctlAbi = 'native' | 'compat';

/**
 * `CR_IOCTL32_MAP` (cr_module/cr_module.h): a 32-bit caller's `sizeof(long)` and pointers are 4
 * bytes, so bits 16..23 of its sized numbers read 0x04 where the 64-bit ones read 0x08; `_IO`
 * numbers (size 0) are the same. It "works only because we only pass pointers and longs".
 */
export function ioctl32Map(cmd: number): number {
  const u = cmd >>> 0;
  return (u & 0xff0000) === 0x80000 ? ((u & ~0xff0000) | 0x40000) >>> 0 : u;
}

/** `CR_IOCTL32_UNMAP`: what cr_compat_ctrl_ioctl switches on (a 64-bit number passes unchanged). */
export function ioctl32Unmap(cmd: number): number {
  const u = cmd >>> 0;
  return (u & 0xff0000) === 0x40000 ? ((u & ~0xff0000) | 0x80000) >>> 0 : u;
}

/** The number a 32-bit libcr passes for `op` (e.g. HAND_CHKPT 0x4004A101). */
export function ioctlNumber32(op: IoctlOp): number {
  return ioctl32Map(ioctlNumber(op));
}

/**
 * Decodes a number to the op it names; retired and unknown numbers give `-ENOTTY`. The native
 * dispatcher matches the 64-bit numbers only; the compat one unmaps a 32-bit number first, so it
 * takes both forms (cr_compat.c).
 */
export function decodeIoctl(cmd: number, abi: IoctlAbi = 'native'): Dispatch {
  const u = abi === 'compat' ? ioctl32Unmap(cmd) : cmd >>> 0;
  const row = IOCTL_TABLE.find((r) => r.number === u);
  if (row === undefined) return { ok: false, errno: -ENOTTY };
  return { ok: true, op: row.op };
}

/** Short form for labels: `CR_OP_HAND_SUSP`. */
export function opLabel(op: IoctlOp): string {
  return op;
}

/** The module interface of 0.8.6_b4 (`CR_MODULE_MAJOR.MINOR` = 0.10; research §4). */
export const CR_MODULE_MAJOR = 0;
export const CR_MODULE_MINOR = 10;

/** The `CR_OP_VERSION` argument: `(major << 16) | minor`. */
export function versionWord(major: number, minor: number): number {
  return ((major << 16) | minor) >>> 0;
}

/**
 * Does the kernel accept `CR_OP_VERSION(v)` (cr_fops.c, and the same test in cr_compat.c)? Majors
 * must match; with major 0 the minors must be equal, otherwise the caller's minor may not exceed
 * the kernel's.
 */
export function versionAccepted(v: number, kernelMajor = CR_MODULE_MAJOR, kernelMinor = CR_MODULE_MINOR): boolean {
  const major = (v >>> 16) & 0xffff;
  const minor = v & 0xffff;
  if (major !== kernelMajor) return false;
  return kernelMajor === 0 ? minor === kernelMinor : minor <= kernelMinor;
}
