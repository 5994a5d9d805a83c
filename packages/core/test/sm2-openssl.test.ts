/**
 * SM2 interop with the OpenSSL 3 CLI (`pkeyutl -rawin -digest sm3 -pkeyopt distid:1234567812345678`), the
 * GB/T 32918.2 signature with the GB/T 35276 default ID. Keys are ephemeral test keys written to a private
 * temporary directory that is removed afterwards.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from '@noble/curves/utils.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concatBytes, toHex } from '../src/bytes.js';
import { sm2, sm2SignatureFromDer, sm2SignatureToDer } from '../src/crypto/sm2.js';

const run = promisify(execFile);
const OPENSSL = process.env.OPENSSL ?? 'openssl';
const SM2_PKEYOPTS = ['-rawin', '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678'];
const MESSAGES = 50;
const KEYS = 5;
const CONCURRENCY = 8;

// --- minimal DER writer for the three key structures (lengths < 65536) ---

function tlv(tag: number, body: Uint8Array): Uint8Array {
  const len = body.length;
  const head =
    len < 0x80
      ? Uint8Array.of(tag, len)
      : len < 0x100
        ? Uint8Array.of(tag, 0x81, len)
        : Uint8Array.of(tag, 0x82, len >> 8, len & 0xff);
  return concatBytes(head, body);
}
const seq = (...items: Uint8Array[]) => tlv(0x30, concatBytes(...items));
const int = (v: number) => tlv(0x02, Uint8Array.of(v));
const octets = (b: Uint8Array) => tlv(0x04, b);
const bits = (b: Uint8Array) => tlv(0x03, concatBytes(Uint8Array.of(0), b));
const OID_EC_PUBLIC_KEY = Uint8Array.of(0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01); // 1.2.840.10045.2.1
const OID_SM2 = Uint8Array.of(0x06, 0x08, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x82, 0x2d); // 1.2.156.10197.1.301
const ALG_ID = seq(OID_EC_PUBLIC_KEY, OID_SM2);

/** SubjectPublicKeyInfo (RFC 5280 §4.1.2.7, RFC 5480 §2) with the SM2 curve OID. */
function spki(publicKey: Uint8Array): Uint8Array {
  return seq(ALG_ID, bits(publicKey));
}

/** PKCS#8 PrivateKeyInfo (RFC 5208) wrapping a SEC 1 ECPrivateKey (RFC 5915) with parameters and public key. */
function pkcs8(secretKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  const sec1 = seq(int(1), octets(secretKey), tlv(0xa0, OID_SM2), tlv(0xa1, bits(publicKey)));
  return seq(int(0), ALG_ID, octets(sec1));
}

function pem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  return `-----BEGIN ${label}-----\n${b64.replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;
}

async function pool<T>(count: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      out[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, count) }, worker));
  return out;
}

/** Exit status of `openssl pkeyutl -verify`: 0 verified, non-zero otherwise. */
async function opensslVerifies(pubPem: string, msg: string, sig: string): Promise<boolean> {
  const args = [
    'pkeyutl',
    '-verify',
    ...SM2_PKEYOPTS,
    '-pubin',
    '-inkey',
    pubPem,
    '-in',
    msg,
    '-sigfile',
    sig,
  ];
  try {
    await run(OPENSSL, args);
    return true;
  } catch {
    return false;
  }
}

const skip = process.env.DELTAID_SKIP_OPENSSL === '1';

describe.skipIf(skip)('SM2 interop with the OpenSSL CLI (distid 1234567812345678)', () => {
  let dir = '';
  const keys: { secretKey: Uint8Array; publicKey: Uint8Array; pub: string; priv: string }[] = [];
  const messages: Uint8Array[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'deltaid-sm2-'));
    for (let i = 0; i < KEYS; i++) {
      const secretKey = sm2.randomSecretKey();
      const publicKey = sm2.getPublicKey(secretKey);
      const pub = join(dir, `pub${i}.pem`);
      const priv = join(dir, `key${i}.pem`);
      await writeFile(pub, pem('PUBLIC KEY', spki(publicKey)));
      await writeFile(priv, pem('PRIVATE KEY', pkcs8(secretKey, publicKey)), { mode: 0o600 });
      keys.push({ secretKey, publicKey, pub, priv });
    }
    // Lengths cover empty, sub-block, one SM3 block and multi-block messages.
    for (let i = 0; i < MESSAGES; i++) {
      const len = i === 0 ? 0 : i === 1 ? 64 : 1 + Math.floor(Math.random() * 300);
      const msg = randomBytes(len);
      messages.push(msg);
      await writeFile(join(dir, `msg${i}`), msg);
    }
  });

  afterAll(async () => {
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  it('OpenSSL reads our SPKI and PKCS#8 encodings as SM2 keys', async () => {
    const k = keys[0]!;
    const { stdout } = await run(OPENSSL, ['pkey', '-pubin', '-in', k.pub, '-outform', 'DER'], {
      encoding: 'buffer',
    });
    expect(toHex(new Uint8Array(stdout))).toBe(toHex(spki(k.publicKey)));
    // Derive the public key from our PKCS#8 private key inside OpenSSL: must equal ours.
    const derived = await run(OPENSSL, ['pkey', '-in', k.priv, '-pubout', '-outform', 'DER'], {
      encoding: 'buffer',
    });
    expect(toHex(new Uint8Array(derived.stdout))).toBe(toHex(spki(k.publicKey)));
  });

  it(`${MESSAGES} messages signed by us verify with openssl pkeyutl; tampered ones do not`, async () => {
    const results = await pool(MESSAGES, async (i) => {
      const k = keys[i % KEYS]!;
      const sigPath = join(dir, `ours${i}.der`);
      await writeFile(sigPath, sm2SignatureToDer(sm2.sign(messages[i]!, k.secretKey)));
      return opensslVerifies(k.pub, join(dir, `msg${i}`), sigPath);
    });
    expect(results).toEqual(new Array(MESSAGES).fill(true));
    // Negative controls: OpenSSL must refuse a signature under the wrong key and a signature with an empty ID.
    const wrongKey = await opensslVerifies(keys[1]!.pub, join(dir, 'msg0'), join(dir, 'ours0.der'));
    expect(wrongKey).toBe(false);
    const emptyIdSig = join(dir, 'emptyid.der');
    await writeFile(
      emptyIdSig,
      sm2SignatureToDer(sm2.sign(messages[2]!, keys[2]!.secretKey, { userId: new Uint8Array() })),
    );
    expect(await opensslVerifies(keys[2]!.pub, join(dir, 'msg2'), emptyIdSig)).toBe(false);
  });

  it(`${MESSAGES} messages signed by openssl pkeyutl verify with ours; tampered ones do not`, async () => {
    const sigs = await pool(MESSAGES, async (i) => {
      const k = keys[i % KEYS]!;
      const sigPath = join(dir, `theirs${i}.der`);
      const args = ['pkeyutl', '-sign', ...SM2_PKEYOPTS, '-inkey', k.priv, '-in', join(dir, `msg${i}`)];
      await run(OPENSSL, [...args, '-out', sigPath]);
      return sm2SignatureFromDer(new Uint8Array(await readFile(sigPath)));
    });
    for (let i = 0; i < MESSAGES; i++) {
      const k = keys[i % KEYS]!;
      const msg = messages[i]!;
      const sig = sigs[i]!;
      expect(sm2.verify(sig, msg, k.publicKey)).toBe(true);
      expect(sm2.verify(sig, concatBytes(msg, Uint8Array.of(0)), k.publicKey)).toBe(false);
      expect(sm2.verify(sig, msg, keys[(i + 1) % KEYS]!.publicKey)).toBe(false);
      expect(sm2.verify(sig, msg, k.publicKey, { userId: new Uint8Array() })).toBe(false);
    }
  });

  it('an OpenSSL-generated SM2 key signs what we verify (key encoded by OpenSSL, not by us)', async () => {
    const priv = join(dir, 'ossl-key.pem');
    await run(OPENSSL, ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', priv]);
    const { stdout } = await run(OPENSSL, ['pkey', '-in', priv, '-pubout', '-outform', 'DER'], {
      encoding: 'buffer',
    });
    const spkiDer = new Uint8Array(stdout);
    // The SPKI must be exactly ours around the 65-byte point: same algorithm identifier, same layout.
    const publicKey = spkiDer.subarray(spkiDer.length - 65);
    expect(toHex(spkiDer)).toBe(toHex(spki(publicKey)));
    const sigPath = join(dir, 'ossl-sig.der');
    await run(
      OPENSSL,
      ['pkeyutl', '-sign', ...SM2_PKEYOPTS, '-inkey', priv, '-in', join(dir, 'msg3')].concat([
        '-out',
        sigPath,
      ]),
    );
    const sig = sm2SignatureFromDer(new Uint8Array(await readFile(sigPath)));
    expect(sm2.verify(sig, messages[3]!, publicKey)).toBe(true);
    expect(sm2.verify(sig, messages[4]!, publicKey)).toBe(false);
  });
});
