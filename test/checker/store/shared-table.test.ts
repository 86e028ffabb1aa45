// Goal: the seen set the worker threads share answers as the sequential one does (first add true,
// later adds false, membership), keeps every fingerprint when rehashed into a larger table, and,
// when threads add the same fingerprints at once, lets exactly one of them add each.
// Method: random fingerprints against the sequential seen set; the table rehashed in parts; two worker threads
// racing on one table (they load the built module from dist/, as the checker's workers do).
import { fc, test } from '@fast-check/vitest';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { SharedFingerprintTable } from '../../../checker/store/shared-table.js';
import { FingerprintTable } from '../../../checker/store/fingerprint-table.js';

const word = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
// Few distinct high words, so that probes run past equal high words with different low words.
const fingerprints = fc.array(fc.tuple(fc.oneof(word, fc.constantFrom(0, 1, 7)), fc.oneof(word, fc.constantFrom(0, 1))), { maxLength: 400 });

describe('the shared seen set', () => {
  test.prop([fingerprints])('adds and finds as the sequential seen set does', (fps) => {
    const shared = SharedFingerprintTable.create(1024);
    const sequential = new FingerprintTable();
    for (const [hi, lo] of fps) {
      expect(shared.has(hi, lo)).toBe(sequential.has(hi, lo));
      expect(shared.add(hi, lo)).toBe(sequential.add(hi, lo));
      expect(shared.has(hi, lo)).toBe(true);
    }
  });

  test.prop([fingerprints, fc.integer({ min: 1, max: 4 })])('keeps every fingerprint when rehashed in parts', (fps, parts) => {
    const small = SharedFingerprintTable.create(512);
    for (const [hi, lo] of fps) small.add(hi, lo);
    const bigger = SharedFingerprintTable.create(777);
    for (let part = 0; part < parts; part++) small.rehashInto(bigger, part, parts);
    for (const [hi, lo] of fps) expect(bigger.has(hi, lo)).toBe(true);
    expect(bigger.has(12345, 678)).toBe(fps.some(([h, l]) => h === 12345 && l === 678));
  });

  it('fails an assertion when it is full instead of probing forever', () => {
    const table = SharedFingerprintTable.create(4);
    for (let i = 1; i <= 4; i++) table.add(i * 1_000_000, i);
    expect(() => table.add(99, 99)).toThrow(/assertion failed: the shared seen set has a free slot/);
  });

  it('lets exactly one of two racing threads add each fingerprint', async () => {
    const table = SharedFingerprintTable.create(1 << 17);
    const moduleUrl = pathToFileURL(join(process.cwd(), 'dist/checker/store/shared-table.js')).href;
    // Both threads add the same 50,000 fingerprints, in opposite orders, and count their wins.
    const source = `
      const { workerData, parentPort } = require('node:worker_threads');
      import(workerData.moduleUrl).then(({ SharedFingerprintTable }) => {
        const table = new SharedFingerprintTable(workerData.buffer);
        const wins = new Uint8Array(50000);
        for (let k = 0; k < 50000; k++) {
          const i = workerData.reverse ? 49999 - k : k;
          // Four fingerprints per high word, so that a probe run passes equal high words.
          if (table.add(Math.imul(i >> 2, 0x9e3779b1), i + 1)) wins[i] = 1;
        }
        parentPort.postMessage(wins);
      });`;
    const race = (reverse: boolean): Promise<Uint8Array> =>
      new Promise((resolve, reject) => {
        const w = new Worker(source, { eval: true, workerData: { buffer: table.buffer, moduleUrl, reverse } });
        w.on('message', resolve);
        w.on('error', reject);
      });
    const [a, b] = await Promise.all([race(false), race(true)]);
    let wrong = 0;
    for (let i = 0; i < 50000; i++) if (a[i]! + b[i]! !== 1 || !table.has(Math.imul(i >> 2, 0x9e3779b1), i + 1)) wrong++;
    expect(wrong).toBe(0);
  });
});
