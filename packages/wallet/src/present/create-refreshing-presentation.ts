import { DeltaIdError, type Randomness } from '@deltaid/core';
import type { DeviceKey } from '../device-key/types.js';
import type { CompactPresentation } from '../present-compact.js';
import type { CredentialStorage } from '../storage/types.js';
import { presentCredential } from './present-credential.js';
import type { Timers } from './types.js';

/** Options of {@link createRefreshingPresentation}. */
export interface RefreshingPresentationOptions {
  readonly credentialId: string;
  /**
   * Seconds between presentations; default 30 (like 随申码). Keep it well under the verifier's freshness window
   * (120 s by default) so a code on screen is always accepted.
   */
  readonly intervalSeconds?: number;
}

/** Capabilities {@link createRefreshingPresentation} uses. */
export interface RefreshingPresentationContext {
  readonly storage: Pick<CredentialStorage, 'list' | 'get'>;
  readonly deviceKey: DeviceKey;
  readonly crypto: Randomness;
  /** Milliseconds since the epoch. */
  readonly clock: () => number;
  readonly timers: Timers;
}

/** A QR code that renews itself. Use `subscribe` (push) or `for await` (pull); `stop` ends both. */
export interface RefreshingPresentation extends AsyncIterable<CompactPresentation> {
  /**
   * Calls `onPresentation` with a new presentation now and every interval until unsubscribed or stopped. A failed
   * refresh (the credential deleted or expired) goes to `onError` and ends the refreshing.
   *
   * @returns unsubscribe.
   */
  subscribe(
    onPresentation: (presentation: CompactPresentation) => void,
    onError?: (error: unknown) => void,
  ): () => void;
  /** Stops refreshing: timers are cleared, subscribers dropped, iterators end. */
  stop(): void;
}

/**
 * A presentation that renews every `intervalSeconds` (default 30), each with a fresh time and nonce, for an app to
 * render as a QR code that a screenshot cannot replay for long. Nothing runs until the first `subscribe` or
 * iteration; the next refresh is scheduled only after the previous one finished, so a slow device never piles up
 * signatures.
 *
 * @param options - the credential id and the interval.
 * @param ctx - storage, device key, randomness, clock and timers.
 * @returns the refreshing presentation.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` for an interval outside 1–3600 seconds or an empty id; each refresh
 *   may fail as `presentCredential` does (`ERR_INVALID_ARGUMENT` for a deleted credential, `ERR_EXPIRED`).
 * @example
 * ```ts
 * const qr = createRefreshingPresentation({ credentialId }, { storage, deviceKey, crypto, clock: Date.now, timers: globalThis });
 * const unsubscribe = qr.subscribe((p) => render(p.text));
 * // later: qr.stop();
 * ```
 * @see docs/formats/compact-credential.md §Presentation; DESIGN.md "Present"
 */
export function createRefreshingPresentation(
  options: RefreshingPresentationOptions,
  ctx: RefreshingPresentationContext,
): RefreshingPresentation {
  const interval = options.intervalSeconds ?? 30;
  if (typeof interval !== 'number' || !Number.isFinite(interval) || interval < 1 || interval > 3600) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'intervalSeconds must be 1 to 3600', {
      details: { field: 'intervalSeconds' },
    });
  }
  if (typeof options.credentialId !== 'string' || options.credentialId.length === 0) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'credentialId must not be empty', {
      details: { field: 'credentialId' },
    });
  }
  const ms = interval * 1000;
  const build = async () =>
    (await presentCredential({ credentialId: options.credentialId }, ctx)).presentation;

  interface Listener {
    readonly onPresentation: (p: CompactPresentation) => void;
    readonly onError?: (error: unknown) => void;
  }
  const listeners = new Set<Listener>();
  let stopped = false;
  // Each start of the push loop gets a generation; a refresh still in flight from an older one ends quietly, so
  // unsubscribing and subscribing again never runs two loops.
  let generation = 0;
  let running = false;
  let handle: unknown;
  let latest: CompactPresentation | undefined;
  // Iterators waiting for their next tick; `stop` wakes them so `for await` ends promptly.
  const sleepers = new Set<() => void>();

  function halt(): void {
    if (handle !== undefined) ctx.timers.clearTimeout(handle);
    handle = undefined;
    running = false;
    latest = undefined;
    generation++;
  }

  async function tick(gen: number): Promise<void> {
    handle = undefined;
    let presentation: CompactPresentation;
    try {
      presentation = await build();
    } catch (error) {
      if (gen !== generation) return;
      const current = [...listeners];
      listeners.clear();
      halt();
      for (const l of current) l.onError?.(error);
      return;
    }
    if (gen !== generation) return;
    latest = presentation;
    for (const l of [...listeners]) {
      // One app callback that throws must not stop the codes for the others, nor the timer.
      try {
        l.onPresentation(presentation);
      } catch (error) {
        l.onError?.(error);
      }
    }
    if (gen === generation) handle = ctx.timers.setTimeout(() => void tick(gen), ms);
  }

  function sleep(): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        sleepers.delete(wake);
        ctx.timers.clearTimeout(timer);
        resolve();
      };
      const timer = ctx.timers.setTimeout(wake, ms);
      sleepers.add(wake);
    });
  }

  return {
    subscribe(onPresentation, onError) {
      if (stopped) return () => undefined;
      const listener: Listener = onError === undefined ? { onPresentation } : { onPresentation, onError };
      listeners.add(listener);
      if (!running) {
        running = true;
        void tick(generation);
      } else if (latest !== undefined) {
        // A late subscriber shows the current code at once instead of a blank until the next refresh.
        onPresentation(latest);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) halt();
      };
    },
    stop() {
      stopped = true;
      listeners.clear();
      halt();
      for (const wake of [...sleepers]) wake();
    },
    async *[Symbol.asyncIterator]() {
      while (!stopped) {
        const presentation = await build();
        if (stopped) return;
        yield presentation;
        if (stopped) return;
        await sleep();
      }
    },
  };
}
