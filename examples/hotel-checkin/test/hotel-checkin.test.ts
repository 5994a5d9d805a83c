import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeltaIdError } from '@deltaid/core';
import { createNativeCrypto } from '@deltaid/core/crypto/native';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The demo is the test fixture only: the example itself uses the libraries, never the CLI.
import { runDemo } from '../../../packages/cli/src/index.js';
import { type CheckInOutcome, checkIn, type GuestRecord, loadDesk, main } from '../src/index.js';

const SH = 'sh-eid-checkin-at-zj-hotel';
const AH = 'ah-eid-checkin-at-js-hotel';
const AH_REVOKED = 'ah-eid-checkin-revoked-at-js-hotel';
const JS_DL = 'js-dl-traffic-at-ah-police';
const ZJ_VL = 'zj-vl-full-at-sh-police';

function refusal(o: CheckInOutcome): string {
  if (o.accepted) throw new Error('expected a refusal, got a record');
  return o.refusal.code;
}

function record(o: CheckInOutcome): GuestRecord {
  if (!o.accepted) throw new Error(`expected a record, got ${o.refusal.code}: ${o.refusal.detail}`);
  return o.record;
}

async function runMain(argv: string[], stdin?: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    ...(stdin === undefined
      ? {}
      : {
          stdin: (async function* () {
            yield stdin;
          })(),
        }),
  });
  return { code, stdout, stderr };
}

describe('examples/hotel-checkin on the demo output (旅客入住登记)', () => {
  let out: string;
  let at: number;
  const presentation = (name: string, ext = 'txt') => join(out, 'presentations', `${name}.${ext}`);
  const text = (name: string) => readFileSync(presentation(name), 'utf8').trim();
  const desk = () => loadDesk(out, { clock: () => at });

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'hotel-checkin-'));
    const demo = await runDemo({ crypto: createNativeCrypto(), clock: Date.now, out });
    at = demo.time * 1000;
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  const zhang: () => GuestRecord = () => ({
    name: '张三丰',
    sex: { code: '1', zh: '男', en: 'male' },
    ethnicity: { code: '01', zh: '汉族', en: 'Han' },
    birthDate: '1990-03-07',
    idNumber: '310115199003071239',
    address: '上海市浦东新区世纪大道一百号二十层二零',
    issuingRegion: { code: 'CN-SH', zh: '上海市', en: 'Shanghai' },
    issuer: { zh: '上海市公安局', en: 'Shanghai Public Security Bureau' },
    verifiedAt: new Date(at).toISOString(),
  });

  it('loads the four regional trust lists and four status lists under the pinned anchor', async () => {
    const d = await desk();
    expect([...d.regions].sort()).toEqual(['CN-AH', 'CN-JS', 'CN-SH', 'CN-ZJ']);
    expect(d.statusLists).toBe(4);
    expect(d.ignored).toEqual([]);
  });

  it('accepts the Shanghai e-ID and returns the exact registration record; the same code twice is a replay', async () => {
    const d = await desk();
    expect(record(await checkIn(d, text(SH)))).toEqual(zhang());
    const again = await checkIn(d, text(SH));
    expect(refusal(again)).toBe('ERR_REPLAY');
  });

  it('reads the PNG of the QR code and accepts it', async () => {
    expect(record(await checkIn(await desk(), presentation(SH, 'png')))).toEqual(zhang());
  });

  it('reads a text file holding the code', async () => {
    expect(record(await checkIn(await desk(), presentation(SH, 'txt')))).toEqual(zhang());
  });

  it('refuses the revoked Anhui e-ID with ERR_REVOKED and the bilingual reason', async () => {
    const d = await desk();
    const o = await checkIn(d, text(AH_REVOKED));
    expect(o).toEqual({
      accepted: false,
      refusal: {
        code: 'ERR_REVOKED',
        message: { zh: '证照已被吊销或注销。', en: 'The credential has been revoked.' },
        detail: expect.any(String),
      },
    });
    // Its earlier presentation, made before the revocation, is refused too: the cached list is what counts.
    expect(refusal(await checkIn(d, text(AH)))).toBe('ERR_REVOKED');
  });

  it('refuses the driving licence and the vehicle licence by policy (hotel-checkin takes e-IDs only)', async () => {
    const d = await desk();
    const dl = await checkIn(d, text(JS_DL));
    expect(refusal(dl)).toBe('ERR_POLICY');
    expect(dl.accepted ? undefined : dl.refusal.message.zh).toBe('证照信息不满足本业务要求。');
    expect(refusal(await checkIn(d, text(ZJ_VL)))).toBe('ERR_POLICY');
  });

  it('refuses a tampered code, a stale code, an unreadable image and text that is not a Delta ID code', async () => {
    const d = await desk();
    const t = text(SH);
    const i = t.length - 20;
    const tampered = t.slice(0, i) + (t[i] === 'A' ? 'B' : 'A') + t.slice(i + 1);
    expect((await checkIn(d, tampered)).accepted).toBe(false);
    const later = await loadDesk(out, { clock: () => at + 10 * 60_000 });
    expect(refusal(await checkIn(later, t))).toBe('ERR_STALE_PRESENTATION');
    const garbage = join(out, 'garbage.png');
    writeFileSync(garbage, 'not an image');
    expect(refusal(await checkIn(d, garbage))).toBe('ERR_QR_READ');
    expect(refusal(await checkIn(d, 'HC1:NCFOXN%TS3DH'))).toBe('ERR_QR_PREFIX');
  });

  it('ignores a corrupted regional list (its issuers become unknown) and refuses without status lists', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'hotel-checkin-copy-'));
    try {
      cpSync(join(out, 'trust'), join(copy, 'trust'), { recursive: true });
      const sh = join(copy, 'trust', 'CN-SH.trust.cbor');
      const bytes = readFileSync(sh);
      bytes[bytes.length - 5] = (bytes[bytes.length - 5] ?? 0) ^ 0xff;
      writeFileSync(sh, bytes);
      // No status/ folder in the copy.
      const d = await loadDesk(copy, { clock: () => at });
      expect(d.ignored).toHaveLength(1);
      expect(d.ignored[0]).toContain('CN-SH.trust.cbor');
      expect([...d.regions].sort()).toEqual(['CN-AH', 'CN-JS', 'CN-ZJ']);
      expect(d.statusLists).toBe(0);
      expect(refusal(await checkIn(d, text(SH)))).toBe('ERR_UNKNOWN_ISSUER');
      cpSync(join(out, 'trust', 'CN-SH.trust.cbor'), sh);
      expect(refusal(await checkIn(await loadDesk(copy, { clock: () => at }), text(SH)))).toBe(
        'ERR_STATUS_UNAVAILABLE',
      );
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('refuses to open a desk under another anchor, or with a private key pinned as anchor', async () => {
    const crypto = createNativeCrypto();
    const other = await crypto.generateKeyPair('ES256');
    const kid = new Uint8Array(8).fill(7);
    const err = await loadDesk(out, {
      clock: () => at,
      anchors: [{ kid, alg: 'ES256', publicKey: other.publicKey.jwk }],
    }).catch((e: unknown) => e);
    expect(isDeltaIdError(err, 'ERR_TRUST_LIST')).toBe(true);

    const copy = mkdtempSync(join(tmpdir(), 'hotel-checkin-anchor-'));
    try {
      cpSync(join(out, 'trust'), join(copy, 'trust'), { recursive: true });
      const anchor = JSON.parse(readFileSync(join(copy, 'trust', 'anchor.json'), 'utf8'));
      writeFileSync(
        join(copy, 'trust', 'anchor.json'),
        JSON.stringify({ ...anchor, publicKey: { ...anchor.publicKey, d: 'AAAA' } }),
      );
      const bad = await loadDesk(copy, { clock: () => at }).catch((e: unknown) => e);
      expect(isDeltaIdError(bad, 'ERR_INVALID_ARGUMENT')).toBe(true);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('main(): prints the record or the refusal, exit codes 0 / 1 / 2, JSON and standard input', async () => {
    const iso = new Date(at).toISOString();
    const ok = await runMain([out, presentation(SH, 'png'), '--at', iso]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('姓名 Name: 张三丰');
    expect(ok.stdout).toContain('民族 Ethnicity: 汉族 / Han');
    expect(ok.stdout).toContain('签发地区 Issuing region: 上海市 / Shanghai (CN-SH)');

    const revoked = await runMain([out, presentation(AH_REVOKED), '--at', iso]);
    expect(revoked.code).toBe(1);
    expect(revoked.stdout).toBe(
      '✘ 拒绝入住登记 Refused — ERR_REVOKED\n  证照已被吊销或注销。\n  The credential has been revoked.\n',
    );

    const json = await runMain([out, '--json', '--at', iso, text(SH)]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ accepted: true, record: zhang() });

    const piped = await runMain([out, '--at', iso], `${text(SH)}\n${text(JS_DL)}\n`);
    expect(piped.code).toBe(1);
    expect(piped.stdout).toContain('✔ 核验通过');
    expect(piped.stdout).toContain('ERR_POLICY');

    expect((await runMain([])).code).toBe(2);
    expect((await runMain([out, '--at', 'yesterday', text(SH)])).code).toBe(2);
    expect((await runMain([join(out, 'nowhere'), text(SH)])).code).toBe(2);
  });
});
