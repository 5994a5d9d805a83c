import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createMemoryReplayCache } from '../src/index.js';

// A real collection before each heap reading, so garbage does not read as growth.
setFlagsFromString('--expose-gc');
const gc: () => void = runInNewContext('gc');

describe('memory replay cache', () => {
  it('reports a key seen inside its window, and forgets it once expired', () => {
    const cache = createMemoryReplayCache();
    expect(cache.checkAndRecord('a', 1000 + 180, 1000)).toBe(false);
    expect(cache.checkAndRecord('a', 1000 + 180, 1100)).toBe(true);
    expect(cache.checkAndRecord('a', 1000 + 180, 1180)).toBe(true);
    // One second after expiry the same key is new again (the presentation is stale by then anyway).
    expect(cache.checkAndRecord('a', 1181 + 180, 1181)).toBe(false);
    expect(cache.checkAndRecord('b', 1181 + 180, 1181)).toBe(false);
  });

  it('sweeps expired entries as time moves on: memory follows the window, not the total', () => {
    const cache = createMemoryReplayCache({ maxEntries: 1_000_000 });
    // 100 verifications per second for an hour, window 180 s.
    let seen = 0;
    let largest = 0;
    for (let t = 0; t < 3600; t++) {
      for (let i = 0; i < 100; i++) if (cache.checkAndRecord(`${t}:${i}`, t + 180, t)) seen++;
      largest = Math.max(largest, cache.size);
    }
    expect(seen).toBe(0);
    expect(largest).toBe(100 * 181);
    expect(cache.size).toBeGreaterThanOrEqual(100 * 180);
  });

  it('never holds more than maxEntries, evicting the oldest first', () => {
    const cache = createMemoryReplayCache({ maxEntries: 1000 });
    let largest = 0;
    for (let i = 0; i < 50_000; i++) {
      cache.checkAndRecord(`k${i}`, 10_000, 0);
      largest = Math.max(largest, cache.size);
    }
    expect(largest).toBe(1000);
    expect(cache.size).toBe(1000);
    // The newest are remembered, the oldest were dropped.
    expect(cache.checkAndRecord('k49999', 10_000, 1)).toBe(true);
    expect(cache.checkAndRecord('k49001', 10_000, 1)).toBe(true);
    expect(cache.checkAndRecord('k0', 10_000, 1)).toBe(false);
  });

  it('keeps the heap flat under a million distinct keys', () => {
    const cache = createMemoryReplayCache({ maxEntries: 10_000 });
    const run = (from: number) => {
      for (let i = from; i < from + 500_000; i++) cache.checkAndRecord(`presentation-${i}`, i + 180, i);
    };
    run(0);
    gc();
    const after500k = process.memoryUsage().heapUsed;
    run(500_000);
    gc();
    const after1m = process.memoryUsage().heapUsed;
    expect(cache.size).toBeLessThanOrEqual(10_000);
    // 500,000 more entries kept would be tens of MB; allow GC noise.
    expect(after1m - after500k).toBeLessThan(8 * 1024 * 1024);
  });

  it('refuses a bound that is not a positive integer', () => {
    for (const maxEntries of [0, -1, 1.5, Number.NaN]) {
      expect(() => createMemoryReplayCache({ maxEntries })).toThrow(RangeError);
    }
  });
});
