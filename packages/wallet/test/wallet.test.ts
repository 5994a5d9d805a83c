import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePresentation, verifyPresentationSignatures } from '@deltaid/core';
import { describe, expect, it } from 'vitest';
import { createMemoryDeviceKeyStore, createWallet } from '../src/index.js';
import { createFileCredentialStorage } from '../src/storage/create-file-storage.js';
import { DL_CLAIMS, EID_CLAIMS, fakeTimers, issue, makeFederation, NOW } from './fixtures.js';

describe('createWallet: the facade over the pure functions', () => {
  it('receives, lists, inspects, presents, refreshes and deletes, with an encrypted file and an EdDSA key', async () => {
    const f = await makeFederation();
    const path = join(await mkdtemp(join(tmpdir(), 'deltaid-wallet-')), 'w.json');
    const timers = fakeTimers();
    const wallet = createWallet({
      storage: createFileCredentialStorage(
        { path, passphrase: 'pin 246810', scrypt: { N: 2 ** 14, r: 8, p: 1 } },
        {
          crypto: f.crypto,
        },
      ),
      deviceKeys: createMemoryDeviceKeyStore({ alg: 'EdDSA' }, { crypto: f.crypto }),
      trust: f.trust,
      crypto: f.crypto,
      clock: () => NOW,
      timers,
    });
    const key = await wallet.deviceKey();
    expect(key.alg).toBe('EdDSA');
    const eid = await wallet.importCredential(
      await issue(f, f.sh, key, 'cn.gov.mps.eid.1', 'checkin', EID_CLAIMS),
    );
    const dl = await wallet.importCredential(
      await issue(f, f.js, key, 'cn.gov.mps.dl.1', 'traffic', DL_CLAIMS),
    );
    expect((await wallet.list()).map((c) => c.id)).toEqual([eid.id, dl.id]);
    expect(await readFile(path, 'utf8')).not.toContain('李四');
    expect((await wallet.inspect(dl.id)).elements.find((e) => e.id === 'status')?.display.zh).toBe('正常');
    expect((await wallet.select({ purpose: 'car-rental' })).id).toBe(dl.id);

    const { presentation } = await wallet.present({ request: { purpose: 'hotel-checkin' } });
    const r = await verifyPresentationSignatures(await decodePresentation(presentation.text), {
      issuerKey: f.sh.publicKey,
      crypto: f.crypto,
    });
    expect(r.ok).toBe(true);

    const qr = await wallet.refreshing({ credentialId: dl.id });
    const first = await new Promise<string>((resolve) => qr.subscribe((p) => resolve(p.text)));
    expect(first.startsWith('YRD1:')).toBe(true);
    qr.stop();

    expect(await wallet.delete(eid.id)).toBe(true);
    await expect(wallet.present({ request: { purpose: 'hotel-checkin' } })).rejects.toMatchObject({
      code: 'ERR_POLICY',
    });
    // Another holder's credential is refused through the facade too.
    const other = await createMemoryDeviceKeyStore({}, { crypto: f.crypto }).deviceKey();
    await expect(
      wallet.importCredential(await issue(f, f.sh, other, 'cn.gov.mps.eid.1', 'checkin', EID_CLAIMS)),
    ).rejects.toMatchObject({ code: 'ERR_NOT_HOLDER' });
    expect(await wallet.list()).toHaveLength(1);
  });
});
