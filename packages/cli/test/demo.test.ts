import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNativeCrypto } from '@deltaid/core/crypto/native';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Test-only image helpers of @deltaid/qr (pngjs, plain pixel arithmetic).
import { pngPixels, scaleAndBlur, toPng } from '../../qr/test/lib/pixels.js';
import { type DemoRow, runDemo } from '../src/index.js';
import { run } from './cli-helpers.js';

describe('deltaid demo: four regions, issue → QR → verify offline, one revocation', () => {
  let out: string;
  let rows: DemoRow[];
  let at: string;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'deltaid-demo-'));
    const r = await runDemo({ crypto: createNativeCrypto(), clock: Date.now, out });
    rows = r.rows;
    at = new Date(r.time * 1000).toISOString();
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('accepts every cross-region presentation and refuses the revoked one', () => {
    expect(rows.map((r) => [r.name, r.result.valid, r.result.errors.map((e) => e.code)])).toEqual([
      ['sh-eid-checkin-at-zj-hotel', true, []],
      ['js-dl-traffic-at-ah-police', true, []],
      ['zj-vl-full-at-sh-police', true, []],
      ['ah-eid-checkin-at-js-hotel', true, []],
      ['ah-eid-checkin-revoked-at-js-hotel', false, ['ERR_REVOKED']],
    ]);
    for (const r of rows) expect(r.issuerRegion).not.toBe(r.verifier.region);
    expect(rows.map((r) => r.result.issuer?.region)).toEqual(['CN-SH', 'CN-JS', 'CN-ZJ', 'CN-AH', undefined]);
  });

  it('writes trust/, status/, keys/ (0600), credentials/ and presentations/NAME.{txt,png}', () => {
    expect(readdirSync(join(out, 'trust')).sort()).toEqual(
      [
        'CN-AH.trust.cbor',
        'CN-JS.trust.cbor',
        'CN-SH.trust.cbor',
        'CN-ZJ.trust.cbor',
        'anchor.json',
        'delta.lol.cbor',
      ].sort(),
    );
    expect(readdirSync(join(out, 'status')).length).toBe(4);
    for (const f of readdirSync(join(out, 'keys'))) {
      expect(statSync(join(out, 'keys', f)).mode & 0o777).toBe(0o600);
    }
    for (const r of rows) {
      expect(readFileSync(join(out, 'presentations', `${r.name}.txt`), 'utf8').trim()).toBe(r.text);
      expect(existsSync(join(out, 'presentations', `${r.name}.png`))).toBe(true);
    }
  });

  it('its artifacts verify through the CLI, text and image', async () => {
    const trust = join(out, 'trust');
    const status = join(out, 'status');
    const purpose: Record<string, string> = {
      'sh-eid-checkin-at-zj-hotel': 'hotel-checkin',
      'js-dl-traffic-at-ah-police': 'traffic-stop',
      'zj-vl-full-at-sh-police': 'traffic-stop',
      'ah-eid-checkin-at-js-hotel': 'hotel-checkin',
    };
    for (const [name, p] of Object.entries(purpose)) {
      const text = readFileSync(join(out, 'presentations', `${name}.txt`), 'utf8').trim();
      // The status folder holds the lists published after the revocation: only the Anhui e-ID is refused.
      const r = await run([
        'verify',
        '--trust',
        trust,
        '--status',
        status,
        '--purpose',
        p,
        '--at',
        at,
        '--json',
        text,
      ]);
      const json = JSON.parse(r.stdout);
      if (name.startsWith('ah-')) {
        expect(r.code).toBe(1);
        expect(json.errors[0].code).toBe('ERR_REVOKED');
      } else {
        expect(r.code, r.stderr + r.stdout).toBe(0);
        expect(json.valid).toBe(true);
        expect(json.issuer.region).toBe(`CN-${name.slice(0, 2).toUpperCase()}`);
      }
    }
    const img = await run([
      'verify',
      '--trust',
      trust,
      '--status',
      status,
      '--at',
      at,
      '--json',
      '--image',
      join(out, 'presentations', 'sh-eid-checkin-at-zj-hotel.png'),
    ]);
    expect(img.code, img.stdout + img.stderr).toBe(0);
    expect(JSON.parse(img.stdout).claims.name).toBe('张三丰');
  }, 60_000);

  it('a photo of a QR code (the rendered PNG scaled and slightly blurred) is read and verified', async () => {
    const png = new Uint8Array(readFileSync(join(out, 'presentations', 'js-dl-traffic-at-ah-police.png')));
    const photo = toPng(scaleAndBlur(pngPixels(png), 0.8));
    writeFileSync(join(out, 'photo.png'), photo);
    const r = await run([
      'verify',
      '--trust',
      join(out, 'trust'),
      '--status',
      join(out, 'status'),
      '--purpose',
      'traffic-stop',
      '--at',
      at,
      '--json',
      '--image',
      join(out, 'photo.png'),
    ]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      valid: true,
      issuer: { region: 'CN-JS' },
      claims: { name: '李四' },
    });
  });

  it('refuses a tampered text, a stale presentation, and reads the text from stdin', async () => {
    const trust = join(out, 'trust');
    const status = join(out, 'status');
    const text = readFileSync(join(out, 'presentations', 'sh-eid-checkin-at-zj-hotel.txt'), 'utf8').trim();
    const i = text.length - 20;
    const tampered = text.slice(0, i) + (text[i] === 'A' ? 'B' : 'A') + text.slice(i + 1);
    const bad = await run(['verify', '--trust', trust, '--status', status, '--at', at, '--json', tampered]);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).valid).toBe(false);
    const later = new Date(Date.parse(at) + 600_000).toISOString();
    const stale = await run(['verify', '--trust', trust, '--status', status, '--at', later, '--json', text]);
    expect(JSON.parse(stale.stdout).errors[0].code).toBe('ERR_STALE_PRESENTATION');
    const piped = await run(['verify', '--trust', trust, '--status', status, '--at', at], `${text}\n`);
    expect(piped.code).toBe(0);
    expect(piped.stdout).toContain('张三丰');
    writeFileSync(join(out, 'garbage.png'), 'not an image');
    const img = await run(['verify', '--trust', trust, '--at', at, '--image', join(out, 'garbage.png')]);
    expect(img.code).toBe(1);
  });
});
