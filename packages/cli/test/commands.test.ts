import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './cli-helpers.js';

const EID = {
  name: '张三丰',
  sex: 1,
  ethnicity: '01',
  birth_date: '1990-03-07',
  address: '上海市浦东新区世纪大道一百号',
  id_number: '310115199003071239',
  issuing_authority: '上海市公安局浦东分局',
  valid_from: '2020-05-01',
  valid_until: '2040-05-01',
};

describe('deltaid CLI: the operator workflow end to end', () => {
  let dir: string;
  const p = (f: string) => join(dir, f);
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'deltaid-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints usage and per-command help; unknown commands and options exit 2', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['--help'])).stdout).toContain('deltaid demo');
    for (const c of ['demo', 'key', 'trust', 'issue', 'present', 'verify', 'status']) {
      const r = await run([c, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`deltaid ${c}`);
    }
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['key', 'generate', '--alg', 'RSA', '--out', p('x')])).code).toBe(2);
    expect((await run(['key', 'generate', '--nope'])).code).toBe(2);
    expect((await run(['verify', 'YRD1:00'])).code).toBe(2); // --trust missing
  });

  it('key generate writes mode 0600 and never prints the private part; key public prints kid', async () => {
    for (const [name, alg] of [
      ['op', 'ES256'],
      ['issuer', 'SM2'],
      ['holder', 'EdDSA'],
      ['joint', 'ES256'],
    ]) {
      const r = await run(['key', 'generate', '--alg', alg!, '--out', p(`${name}.key.json`)]);
      expect(r.code, r.stderr).toBe(0);
      expect(statSync(p(`${name}.key.json`)).mode & 0o777).toBe(0o600);
      const out = JSON.parse(r.stdout);
      expect(out.publicKey.d).toBeUndefined();
      expect(r.stdout).not.toContain(JSON.parse(readFileSync(p(`${name}.key.json`), 'utf8')).d);
      expect(out.kid).toMatch(/^[0-9a-f]{16}$/);
      const pub = await run(['key', 'public', p(`${name}.key.json`)]);
      expect(JSON.parse(pub.stdout)).toEqual(out);
    }
    expect((await run(['key', 'public', p('missing.json')])).code).toBe(2);
    // An existing key file is never replaced without --force.
    const before = readFileSync(p('op.key.json'), 'utf8');
    const again = await run(['key', 'generate', '--alg', 'ES256', '--out', p('op.key.json')]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    expect(readFileSync(p('op.key.json'), 'utf8')).toBe(before);
    expect((await run(['key', 'generate', '--alg', 'ES256', '--out', p('spare.key.json')])).code).toBe(0);
    expect(
      (await run(['key', 'generate', '--alg', 'ES256', '--out', p('spare.key.json'), '--force'])).code,
    ).toBe(0);
    // A malformed anchor or key file is a usage error (2), never a crash or a "verification failed" (1).
    writeFileSync(p('broken.json'), '{"kid": ');
    expect((await run(['key', 'public', p('broken.json')])).code).toBe(2);
    expect((await run(['verify', '--trust', p('broken.json'), 'YRD1:00'])).code).toBe(2);
  });

  it('trust build signs a regional list and a list of lists; trust show verifies with an anchor', async () => {
    const issuer = JSON.parse((await run(['key', 'public', p('issuer.key.json')])).stdout);
    const op = JSON.parse((await run(['key', 'public', p('op.key.json')])).stdout);
    const b64u = (hex: string) => Buffer.from(hex, 'hex').toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    writeFileSync(
      p('sh.json'),
      JSON.stringify({
        version: 1,
        region: 'CN-SH',
        operator: { zh: '上海市信任服务', en: 'Shanghai trust service' },
        sequence: 1,
        issuedAt: now,
        nextUpdate: now + 86_400,
        entries: [
          {
            issuerId: 'sh-psb',
            name: { zh: '上海市公安局', en: 'Shanghai PSB' },
            creditCode: '11310000002421350P',
            kid: b64u(issuer.kid),
            alg: 'SM2',
            publicKey: issuer.publicKey,
            docTypes: ['cn.gov.mps.eid.1'],
            validFrom: now - 86_400,
            validUntil: now + 365 * 86_400,
            status: { state: 'active' },
            statusLists: { '1': 'urn:deltaid:status:sh-psb:1' },
          },
        ],
      }),
    );
    const built = await run([
      'trust',
      'build',
      '--manifest',
      p('sh.json'),
      '--key',
      p('op.key.json'),
      '--out',
      p('trust/CN-SH.trust.cbor'),
    ]);
    expect(built.code, built.stderr).toBe(0);
    writeFileSync(
      p('trust/anchor.json'),
      // A regional operator key pinned directly is bound to its region.
      JSON.stringify({ kid: op.kid, alg: op.alg, publicKey: op.publicKey, region: 'CN-SH' }),
    );
    const shown = await run([
      'trust',
      'show',
      p('trust/CN-SH.trust.cbor'),
      '--anchor',
      p('trust/anchor.json'),
    ]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ verified: true, region: 'CN-SH', sequence: 1 });
    // The same key pinned for another region cannot vouch for a Shanghai list: it is ignored, with a warning.
    writeFileSync(
      p('js-anchor.json'),
      JSON.stringify({ kid: op.kid, alg: op.alg, publicKey: op.publicKey, region: 'CN-JS' }),
    );
    const crossRegion = await run([
      'verify',
      '--trust',
      p('js-anchor.json'),
      '--trust',
      p('trust/CN-SH.trust.cbor'),
      'YRD1:00',
    ]);
    expect(crossRegion.code).toBe(2);
    expect(crossRegion.stderr).toContain('a trust list was ignored');
    const unverified = await run(['trust', 'show', p('trust/CN-SH.trust.cbor')]);
    expect(JSON.parse(unverified.stdout).verified).toBe(false);
    // Another operator's anchor: refused.
    const joint = JSON.parse((await run(['key', 'public', p('joint.key.json')])).stdout);
    writeFileSync(
      p('wrong-anchor.json'),
      JSON.stringify({ kid: joint.kid, alg: joint.alg, publicKey: joint.publicKey }),
    );
    expect(
      (await run(['trust', 'show', p('trust/CN-SH.trust.cbor'), '--anchor', p('wrong-anchor.json')])).code,
    ).toBe(1);
    // A manifest with a bad credit code names the field.
    const bad = JSON.parse(readFileSync(p('sh.json'), 'utf8'));
    bad.entries[0].creditCode = '11310000002421350N';
    writeFileSync(p('bad.json'), JSON.stringify(bad));
    const r = await run([
      'trust',
      'build',
      '--manifest',
      p('bad.json'),
      '--key',
      p('op.key.json'),
      '--out',
      p('bad.cbor'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('creditCode');
  });

  it('issue → status → present → verify; revoke and publish; refusals exit 1', async () => {
    writeFileSync(p('claims.json'), JSON.stringify(EID));
    const issued = await run([
      'issue',
      '--type',
      'eid',
      '--purpose',
      'checkin',
      '--claims',
      p('claims.json'),
      '--issuer-key',
      p('issuer.key.json'),
      '--issuer-id',
      'sh-psb',
      '--holder-key',
      p('holder.key.json'),
      '--out',
      p('cred.bin'),
      '--status-dir',
      p('status-state'),
      '--status-list',
      '1',
      '--status-uri',
      'urn:deltaid:status:sh-psb:1',
    ]);
    expect(issued.code, issued.stderr).toBe(0);
    const pub = await run([
      'status',
      'publish',
      '--dir',
      p('status-state'),
      '--list',
      '1',
      '--key',
      p('issuer.key.json'),
      '--uri',
      'urn:deltaid:status:sh-psb:1',
      '--out',
      p('status/sh-1.cwt'),
    ]);
    expect(pub.code, pub.stderr).toBe(0);

    const presented = await run([
      'present',
      '--credential',
      p('cred.bin'),
      '--holder-key',
      p('holder.key.json'),
      '--png',
      p('q.png'),
      '--svg',
      p('q.svg'),
    ]);
    expect(presented.code, presented.stderr).toBe(0);
    const text = presented.stdout.trim();
    // --purpose checks the element set the credential carries.
    expect(
      (
        await run([
          'present',
          '--credential',
          p('cred.bin'),
          '--holder-key',
          p('holder.key.json'),
          '--purpose',
          'checkin',
        ])
      ).code,
    ).toBe(0);
    const wrongPurpose = await run([
      'present',
      '--credential',
      p('cred.bin'),
      '--holder-key',
      p('holder.key.json'),
      '--purpose',
      'age',
    ]);
    expect(wrongPurpose.code).toBe(2);
    expect(wrongPurpose.stderr).toContain("purpose 'checkin'");
    expect(text).toMatch(/^YRD1:[0-9A-Z $%*+\-./:]+$/);
    expect(readFileSync(p('q.svg'), 'utf8')).toContain('<svg');

    const ok = await run(['verify', '--trust', p('trust'), '--status', p('status'), '--json', text]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      valid: true,
      issuer: { region: 'CN-SH' },
      claims: { name: '张三丰' },
    });
    const img = await run(['verify', '--trust', p('trust'), '--status', p('status'), '--image', p('q.png')]);
    expect(img.code, img.stdout).toBe(0);

    // Wrong policy: a hotel's e-ID is not a driving licence.
    const policy = await run([
      'verify',
      '--trust',
      p('trust'),
      '--status',
      p('status'),
      '--purpose',
      'car-rental',
      '--json',
      text,
    ]);
    expect(policy.code).toBe(1);
    expect(JSON.parse(policy.stdout).errors[0].code).toBe('ERR_POLICY');

    // Revoke: find the index the credential carries, revoke, republish, refused.
    const { decodeCredential } = await import('@deltaid/core');
    const index = decodeCredential(new Uint8Array(readFileSync(p('cred.bin')))).status!.index;
    expect(issued.stdout).toContain(`status list 1 index ${index}`);
    expect(
      (
        await run([
          'status',
          'revoke',
          '--dir',
          p('status-state'),
          '--list',
          '1',
          '--index',
          String(index),
          '--key',
          p('issuer.key.json'),
        ])
      ).code,
    ).toBe(0);
    const shown = await run([
      'status',
      'show',
      '--dir',
      p('status-state'),
      '--list',
      '1',
      '--index',
      String(index),
      '--key',
      p('issuer.key.json'),
    ]);
    expect(JSON.parse(shown.stdout).status).toBe(1);
    await run([
      'status',
      'publish',
      '--dir',
      p('status-state'),
      '--list',
      '1',
      '--key',
      p('issuer.key.json'),
      '--uri',
      'urn:deltaid:status:sh-psb:1',
      '--out',
      p('status/sh-1.cwt'),
    ]);
    const again = (
      await run(['present', '--credential', p('cred.bin'), '--holder-key', p('holder.key.json')])
    ).stdout.trim();
    const revoked = await run(['verify', '--trust', p('trust'), '--status', p('status'), '--json', again]);
    expect(revoked.code).toBe(1);
    expect(JSON.parse(revoked.stdout).errors[0].code).toBe('ERR_REVOKED');

    // Without status lists the credential's status is unavailable: refused by the hotel preset.
    const noStatus = await run(['verify', '--trust', p('trust'), '--json', again]);
    expect(JSON.parse(noStatus.stdout).errors[0].code).toBe('ERR_STATUS_UNAVAILABLE');
  });

  it('issue refuses bad claims (exit 2, field named, no personal data echoed)', async () => {
    writeFileSync(p('bad-claims.json'), JSON.stringify({ ...EID, id_number: '310115199003071238' }));
    const r = await run([
      'issue',
      '--type',
      'eid',
      '--purpose',
      'checkin',
      '--claims',
      p('bad-claims.json'),
      '--issuer-key',
      p('issuer.key.json'),
      '--issuer-id',
      'sh-psb',
      '--holder-key',
      p('holder.key.json'),
      '--out',
      p('x.bin'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('id_number');
    expect(r.stderr).not.toContain('310115199003071238');
  });

  it('batch issuing from JSON lines: quiet when piped, failures counted by line', async () => {
    const holder = JSON.parse(readFileSync(p('holder.key.json'), 'utf8'));
    const { d: _d, ...holderPublic } = holder;
    const lines = [
      { id: 'a', claims: EID, holderKey: holderPublic },
      { id: 'b', claims: { ...EID, sex: 7 }, holderKey: holderPublic },
      { id: 'c', claims: EID, holderKey: holderPublic },
    ];
    writeFileSync(p('batch.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n'));
    const r = await run([
      'issue',
      '--batch',
      p('batch.jsonl'),
      '--out-dir',
      p('batch'),
      '--type',
      'eid',
      '--purpose',
      'checkin',
      '--issuer-key',
      p('issuer.key.json'),
      '--issuer-id',
      'sh-psb',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('issued 2 of 3');
    expect(r.stderr).toContain('line 2: ERR_CLAIMS');
    expect(r.stderr).not.toContain('█'); // not a terminal: no progress bar
    expect(statSync(p('batch/a.cred')).size).toBeGreaterThan(100);
    // Credentials hold personal data: mode 0600.
    expect(statSync(p('batch/a.cred')).mode & 0o777).toBe(0o600);
    // A line that is not JSON is reported by number, without quoting it.
    writeFileSync(p('bad.jsonl'), '{"id":"x","claims":{"name":张三}}\n');
    const bad = await run([
      'issue',
      '--batch',
      p('bad.jsonl'),
      '--out-dir',
      p('batch'),
      '--type',
      'eid',
      '--purpose',
      'checkin',
      '--issuer-key',
      p('issuer.key.json'),
      '--issuer-id',
      'sh-psb',
    ]);
    expect(bad.stderr).toContain('line 1');
    expect(bad.stderr).not.toContain('张三');
    expect(
      (
        await run([
          'issue',
          '--batch',
          p('missing.jsonl'),
          '--out-dir',
          p('batch'),
          '--type',
          'eid',
          '--purpose',
          'checkin',
          '--issuer-key',
          p('issuer.key.json'),
          '--issuer-id',
          'sh-psb',
        ])
      ).code,
    ).toBe(2);
  });
});
