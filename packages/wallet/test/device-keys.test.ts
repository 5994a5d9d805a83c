import {
  type CryptoProvider,
  DeltaIdError,
  decodePresentation,
  type SignatureAlg,
  utf8,
  verifyPresentationSignatures,
} from '@deltaid/core';
import { createNativeCrypto } from '@deltaid/core/crypto/native';
import { createPortableCrypto } from '@deltaid/core/crypto/portable';
import { describe, expect, it, vi } from 'vitest';
// The browser provider, run on Node's WebCrypto: the package export picks native-node under Node.
import { createNativeCrypto as createWebCrypto } from '../../core/src/crypto/native-web.js';
import {
  createDeviceKey,
  createMemoryDeviceKeyStore,
  type DeviceKey,
  generateDeviceKey,
  presentCompact,
} from '../src/index.js';
import { EID_CLAIMS, issue, makeFederation, NOW } from './fixtures.js';

const providers: [string, () => CryptoProvider][] = [
  ['native', createNativeCrypto],
  ['portable', createPortableCrypto],
];
const algs: SignatureAlg[] = ['ES256', 'EdDSA', 'SM2'];

describe('device keys', () => {
  for (const [name, make] of providers) {
    for (const alg of algs) {
      it(`${name} ${alg}: generates a non-extractable key that signs and exposes no private part`, async () => {
        const crypto = make();
        const key = await generateDeviceKey({ alg }, { crypto });
        expect(key.alg).toBe(alg);
        expect(key.publicKey.alg).toBe(alg);
        expect(Object.keys(key).sort()).toEqual(['alg', 'publicKey', 'sign']);
        const serialised = JSON.stringify(key);
        expect(serialised).not.toMatch(/"d"/);
        const data = utf8('Sig_structure stand-in');
        const sig = await key.sign(data);
        expect(await crypto.verify(key.publicKey, data, sig)).toBe(true);
        expect(await crypto.verify(key.publicKey, utf8('other message'), sig)).toBe(false);
      });
    }
  }

  it('WebCrypto: the private key is generated with extractable false, and signs', async () => {
    const spy = vi.spyOn(globalThis.crypto.subtle, 'generateKey');
    try {
      const crypto = createWebCrypto();
      for (const alg of ['ES256', 'EdDSA'] as const) {
        spy.mockClear();
        const key = await generateDeviceKey({ alg }, { crypto });
        expect(spy).toHaveBeenCalledTimes(1);
        expect(spy.mock.calls[0]![1]).toBe(false);
        const pair = (await spy.mock.results[0]!.value) as CryptoKeyPair;
        expect(pair.privateKey.extractable).toBe(false);
        const data = utf8('hello');
        expect(await crypto.verify(key.publicKey, data, await key.sign(data))).toBe(true);
      }
    } finally {
      spy.mockRestore();
    }
  });

  it('defaults to ES256', async () => {
    const key = await generateDeviceKey({}, { crypto: createNativeCrypto() });
    expect(key.alg).toBe('ES256');
    expect(key.publicKey.jwk.crv).toBe('P-256');
  });

  it('asks the provider for a non-extractable key', async () => {
    const crypto = createNativeCrypto();
    const seen: unknown[] = [];
    await generateDeviceKey(
      { alg: 'EdDSA' },
      {
        crypto: {
          sign: crypto.sign,
          generateKeyPair: (alg, options) => {
            seen.push(options);
            return crypto.generateKeyPair(alg, options);
          },
        },
      },
    );
    expect(seen).toEqual([{ extractable: false }]);
  });

  it('refuses an unknown algorithm', async () => {
    await expect(
      generateDeviceKey({ alg: 'RS256' as unknown as SignatureAlg }, { crypto: createNativeCrypto() }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
  });

  it('refuses key halves of different algorithms', async () => {
    const crypto = createNativeCrypto();
    const a = await crypto.generateKeyPair('ES256');
    const b = await crypto.generateKeyPair('EdDSA');
    expect(() => createDeviceKey({ privateKey: a.privateKey, publicKey: b.publicKey }, { crypto })).toThrow(
      DeltaIdError,
    );
  });

  it('the memory store creates one key and returns it on every call, concurrent first calls included', async () => {
    const crypto = createNativeCrypto();
    let generated = 0;
    const store = createMemoryDeviceKeyStore(
      { alg: 'SM2' },
      {
        crypto: {
          sign: crypto.sign,
          generateKeyPair: (alg, options) => {
            generated++;
            return crypto.generateKeyPair(alg, options);
          },
        },
      },
    );
    const [a, b] = await Promise.all([store.deviceKey(), store.deviceKey()]);
    const c = await store.deviceKey();
    expect(a).toBe(b);
    expect(a).toBe(c);
    expect(a.alg).toBe('SM2');
    expect(generated).toBe(1);
  });

  it('a failed generation is not cached', async () => {
    const crypto = createNativeCrypto();
    let calls = 0;
    const store = createMemoryDeviceKeyStore(
      {},
      {
        crypto: {
          sign: crypto.sign,
          generateKeyPair: (alg, options) => {
            calls++;
            if (calls === 1) return Promise.reject(new DeltaIdError('ERR_KEY', 'keystore busy'));
            return crypto.generateKeyPair(alg, options);
          },
        },
      },
    );
    await expect(store.deviceKey()).rejects.toMatchObject({ code: 'ERR_KEY' });
    expect((await store.deviceKey()).alg).toBe('ES256');
  });

  it('a platform keystore plugs in through the DeviceKey interface and its presentations verify', async () => {
    const f = await makeFederation();
    // Stands in for a Secure Enclave: signs with a key the wallet code never sees, counts its uses.
    const enclaveCrypto = createPortableCrypto();
    const enclave = await enclaveCrypto.generateKeyPair('ES256', { extractable: false });
    let signatures = 0;
    const platformKey: DeviceKey = {
      alg: 'ES256',
      publicKey: { alg: 'ES256', jwk: enclave.publicKey.jwk },
      async sign(data) {
        signatures++;
        return enclaveCrypto.sign(enclave.privateKey, data);
      },
    };
    const credential = await issue(f, f.sh, platformKey, 'cn.gov.mps.eid.1', 'checkin', EID_CLAIMS);
    const { text } = await presentCompact(
      { credential },
      { deviceKey: platformKey, crypto: f.crypto, clock: () => NOW },
    );
    expect(signatures).toBe(1);
    const p = await decodePresentation(text);
    const r = await verifyPresentationSignatures(p, { issuerKey: f.sh.publicKey, crypto: f.crypto });
    expect(r.ok).toBe(true);
  });

  it('a presentation signed by another key than the bound one fails the holder check', async () => {
    const f = await makeFederation();
    const bound = await generateDeviceKey({}, { crypto: f.crypto });
    const other = await generateDeviceKey({}, { crypto: f.crypto });
    const credential = await issue(f, f.sh, bound, 'cn.gov.mps.eid.1', 'checkin', EID_CLAIMS);
    const { text } = await presentCompact(
      { credential },
      { deviceKey: other, crypto: f.crypto, clock: () => NOW },
    );
    const r = await verifyPresentationSignatures(await decodePresentation(text), {
      issuerKey: f.sh.publicKey,
      crypto: f.crypto,
    });
    expect(r).toEqual({ ok: false, code: 'ERR_HOLDER_SIGNATURE' });
  });

  it('presentCompact still accepts a provider handle with crypto.sign', async () => {
    const f = await makeFederation();
    const pair = await f.crypto.generateKeyPair('EdDSA');
    const credential = await issue(f, f.sh, pair, 'cn.gov.mps.eid.1', 'age', EID_CLAIMS);
    const { text, time } = await presentCompact(
      { credential },
      { deviceKey: pair.privateKey, crypto: f.crypto, clock: () => NOW },
    );
    expect(time).toBe(NOW / 1000);
    const r = await verifyPresentationSignatures(await decodePresentation(text), {
      issuerKey: f.sh.publicKey,
      crypto: f.crypto,
    });
    expect(r.ok).toBe(true);
  });
});
