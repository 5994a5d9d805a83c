import { join } from 'node:path';
import {
  type CryptoProvider,
  type DocType,
  deriveKid,
  type PrivateKeyHandle,
  type PublicKeyHandle,
  type Purpose,
  type SignatureAlg,
  toHex,
} from '@deltaid/core';
import {
  createFileStatusListStorage,
  createMemoryStatusListStorage,
  createStatusListManager,
  issueCompact,
  type StatusListManager,
} from '@deltaid/issuer';
import { renderQrPng } from '@deltaid/qr';
import {
  buildListOfLists,
  buildTrustList,
  type IssuerEntry,
  type OperatorAnchor,
  type Region,
  type TrustListContent,
} from '@deltaid/trust';
import type { VerificationResult } from '@deltaid/verifier';
import {
  createMemoryCredentialStorage,
  createMemoryDeviceKeyStore,
  createWallet,
  type Wallet,
} from '@deltaid/wallet';
import { writeOut } from '../lib/io.js';
import { writePrivateKey } from '../lib/keys.js';
import { anchorToJson, loadTrustRegistry, loadVerifierFromBytes } from '../lib/load-verifier.js';
import { CITIZENS } from './citizens.js';

/** Options of {@link runDemo}. */
export interface DemoOptions {
  readonly crypto: CryptoProvider;
  /** Milliseconds since the epoch. */
  readonly clock: () => number;
  /** When set, every artifact is written under this folder. */
  readonly out?: string;
}

/** One presentation of the demo and what the verifier said. */
export interface DemoRow {
  readonly name: string;
  readonly holder: string;
  readonly document: { readonly zh: string; readonly en: string };
  readonly issuerRegion: Region;
  readonly verifier: {
    readonly zh: string;
    readonly en: string;
    readonly region: Region;
    readonly policy: string;
  };
  readonly text: string;
  readonly result: VerificationResult;
}

interface Authority {
  readonly region: Region;
  readonly issuerId: string;
  readonly name: { zh: string; en: string };
  readonly creditCode: string;
  readonly alg: SignatureAlg;
  readonly docType: DocType;
}

/** The four issuing authorities of the demo; Jiangsu signs with SM2 (national crypto). */
const AUTHORITIES: readonly Authority[] = [
  {
    region: 'CN-SH',
    issuerId: 'sh-psb',
    name: { zh: '上海市公安局', en: 'Shanghai Public Security Bureau' },
    creditCode: '11310000002421350P',
    alg: 'ES256',
    docType: 'cn.gov.mps.eid.1',
  },
  {
    region: 'CN-JS',
    issuerId: 'js-tp',
    name: { zh: '江苏省公安厅交通警察总队', en: 'Jiangsu Traffic Police' },
    creditCode: '11320000014000366W',
    alg: 'SM2',
    docType: 'cn.gov.mps.dl.1',
  },
  {
    region: 'CN-ZJ',
    issuerId: 'zj-tp',
    name: { zh: '浙江省公安厅交通警察总队', en: 'Zhejiang Traffic Police' },
    creditCode: '11330000002482050L',
    alg: 'EdDSA',
    docType: 'cn.gov.mps.vl.1',
  },
  {
    region: 'CN-AH',
    issuerId: 'ah-psb',
    name: { zh: '安徽省公安厅', en: 'Anhui Public Security Department' },
    creditCode: '11340000003000043G',
    alg: 'ES256',
    docType: 'cn.gov.mps.eid.1',
  },
];

const OPERATOR_NAMES: Record<Region, { zh: string; en: string }> = {
  'CN-SH': { zh: '上海市信任服务运营方', en: 'Shanghai trust operator' },
  'CN-JS': { zh: '江苏省信任服务运营方', en: 'Jiangsu trust operator' },
  'CN-ZJ': { zh: '浙江省信任服务运营方', en: 'Zhejiang trust operator' },
  'CN-AH': { zh: '安徽省信任服务运营方', en: 'Anhui trust operator' },
};

interface KeyPair {
  readonly alg: SignatureAlg;
  readonly privateKey: PrivateKeyHandle;
  readonly publicKey: PublicKeyHandle;
  readonly kid: Uint8Array;
}

const DAY = 86_400;

/**
 * The whole story on built-in demo keys: four regional trust operators and the joint operator, an issuer per region
 * (Jiangsu on SM2), signed trust lists and status lists, a wallet per citizen, a Shanghai e-ID, a Jiangsu driving
 * licence, a Zhejiang vehicle licence and an Anhui e-ID, each presented at a desk of another region and verified
 * offline from the published files only; then the Anhui e-ID is revoked and refused.
 */
export async function runDemo(options: DemoOptions): Promise<{ rows: DemoRow[]; time: number }> {
  const { crypto, clock, out } = options;
  const now = Math.floor(clock() / 1000);
  const write = async (path: string, data: Uint8Array | string, secret = false) => {
    if (out !== undefined) await writeOut(join(out, path), data, { secret });
  };

  async function keyPair(alg: SignatureAlg, name: string): Promise<KeyPair> {
    const g = await crypto.generateKeyPair(alg);
    // Demo keys only: written (mode 0600) so the CLI can be tried on them; never printed.
    if (out !== undefined && g.privateJwk !== undefined) {
      await writePrivateKey(join(out, `keys/${name}.key.json`), alg, g.privateJwk, { force: true });
    }
    return {
      alg,
      privateKey: g.privateKey,
      publicKey: g.publicKey,
      kid: await deriveKid(g.publicKey.jwk, crypto),
    };
  }

  // 1. Operators: the joint Delta operator and one per region.
  const joint = await keyPair('ES256', 'delta-joint-operator');
  const operators = new Map<Region, KeyPair>();
  for (const a of AUTHORITIES)
    operators.set(a.region, await keyPair(a.region === 'CN-JS' ? 'SM2' : 'ES256', `${a.region}-operator`));

  // 2. Issuers, each with a status list.
  const issuers = new Map<
    string,
    { authority: Authority; key: KeyPair; status: StatusListManager; uri: string }
  >();
  for (const a of AUTHORITIES) {
    const key = await keyPair(a.alg, a.issuerId);
    const uri = `https://status.deltaid.example/${a.issuerId}/1`;
    const status = createStatusListManager({
      storage:
        out === undefined
          ? createMemoryStatusListStorage()
          : createFileStatusListStorage({ dir: join(out, 'issuer-state', a.issuerId) }),
      random: crypto,
      now: () => new Date(clock()),
      signer: { key: key.privateKey, crypto, kid: key.kid },
      uriOf: () => uri,
      defaultSize: 100_000,
    });
    await status.createList({ listId: 1 });
    issuers.set(a.issuerId, { authority: a, key, status, uri });
  }

  // 3. Signed regional trust lists and the list of lists: everything a verifier needs, as files.
  const regionalBytes: Uint8Array[] = [];
  for (const a of AUTHORITIES) {
    const issuer = issuers.get(a.issuerId)!;
    const entry: IssuerEntry = {
      issuerId: a.issuerId,
      region: a.region,
      name: a.name,
      creditCode: a.creditCode,
      kid: issuer.key.kid,
      alg: a.alg,
      publicKey: issuer.key.publicKey.jwk,
      docTypes: [a.docType],
      validFrom: now - 365 * DAY,
      validUntil: now + 5 * 365 * DAY,
      status: { state: 'active' },
      statusLists: new Map([[1, issuer.uri]]),
    };
    const content: TrustListContent = {
      version: 1,
      region: a.region,
      operator: OPERATOR_NAMES[a.region],
      sequence: 1,
      issuedAt: now,
      nextUpdate: now + 7 * DAY,
      entries: [entry],
    };
    const op = operators.get(a.region)!;
    const bytes = await buildTrustList(content, { key: op.privateKey, kid: op.kid, crypto });
    regionalBytes.push(bytes);
    await write(`trust/${a.region}.trust.cbor`, bytes);
  }
  const listOfLists = await buildListOfLists(
    {
      version: 1,
      operator: { zh: '长三角电子证照联合信任运营方', en: 'Yangtze River Delta joint trust operator' },
      sequence: 1,
      issuedAt: now,
      nextUpdate: now + 7 * DAY,
      lists: AUTHORITIES.map((a) => ({
        region: a.region,
        operator: OPERATOR_NAMES[a.region],
        operatorKey: {
          kid: operators.get(a.region)!.kid,
          alg: operators.get(a.region)!.alg,
          publicKey: operators.get(a.region)!.publicKey.jwk,
        },
        url: `${a.region}.trust.cbor`,
      })),
    },
    { key: joint.privateKey, kid: joint.kid, crypto },
  );
  await write('trust/delta.lol.cbor', listOfLists);
  const anchor: OperatorAnchor = { kid: joint.kid, alg: joint.alg, publicKey: joint.publicKey.jwk };
  await write('trust/anchor.json', `${JSON.stringify(anchorToJson(anchor), null, 2)}\n`);

  // 4. A wallet per citizen: a non-extractable device key and storage; the wallet trusts the same published lists.
  const walletTrust = await loadTrustRegistry({
    anchors: [anchor],
    lists: [listOfLists, ...regionalBytes],
    crypto,
    clock,
  });
  const wallets = new Map<string, Wallet>();
  for (const c of CITIZENS) {
    wallets.set(
      c.id,
      createWallet({
        storage: createMemoryCredentialStorage(),
        deviceKeys: createMemoryDeviceKeyStore({ alg: c.deviceAlg }, { crypto }),
        trust: walletTrust,
        crypto,
        clock,
        timers: globalThis,
      }),
    );
  }
  const credentials = new Map<string, { id: string; index: number; issuerId: string }>();
  for (const c of CITIZENS) {
    const issuer = issuers.get(c.issuerId)!;
    const ref = await issuer.status.allocate({ listId: 1 });
    const { credential } = await issueCompact(
      {
        docType: issuer.authority.docType,
        purpose: c.purpose,
        claims: c.claims,
        holderKey: (await wallets.get(c.id)!.deviceKey()).publicKey,
        status: { list: ref.listId, index: ref.index },
        lifetimeSeconds: 365 * DAY,
      },
      { issuer: { id: c.issuerId, kid: issuer.key.kid, key: issuer.key.privateKey }, crypto, clock },
    );
    // The wallet checks the credential is bound to its device key and signed by a trusted issuer before storing it.
    const stored = await wallets.get(c.id)!.importCredential(credential);
    credentials.set(c.id, { id: stored.id, index: ref.index, issuerId: c.issuerId });
    await write(`credentials/${c.id}-${c.purpose}.cred`, credential, true);
  }

  async function publishAll(): Promise<Uint8Array[]> {
    const tokens: Uint8Array[] = [];
    for (const [id, issuer] of issuers) {
      const p = await issuer.status.publish(1);
      const token = typeof p.token === 'string' ? new TextEncoder().encode(p.token) : p.token;
      tokens.push(token);
      await write(`status/${id}-1.cwt`, token);
    }
    return tokens;
  }

  // 5. Each citizen presents at a desk of another region; the desk verifies from the published files only.
  const rows: DemoRow[] = [];
  async function present(
    citizenId: string,
    visit: (typeof CITIZENS)[number]['visit'],
    name: string,
    tokens: Uint8Array[],
  ) {
    const citizen = CITIZENS.find((c) => c.id === citizenId)!;
    const verifier = await loadVerifierFromBytes({
      anchors: [anchor],
      lists: [listOfLists, ...regionalBytes],
      statusTokens: tokens,
      policy: visit.policy,
      crypto,
      clock,
    });
    const { text } = (await wallets.get(citizenId)!.present({ credentialId: credentials.get(citizenId)!.id }))
      .presentation;
    const result = await verifier.verify(text);
    await write(`presentations/${name}.txt`, `${text}\n`, true);
    if (out !== undefined) await write(`presentations/${name}.png`, await renderQrPng(text), true);
    rows.push({
      name,
      holder: citizen.name,
      document: citizen.document,
      issuerRegion: issuers.get(citizen.issuerId)!.authority.region,
      verifier: { ...visit.desk, region: visit.region, policy: visit.policy },
      text,
      result,
    });
  }

  let tokens = await publishAll();
  for (const c of CITIZENS) await present(c.id, c.visit, c.presentationName, tokens);

  // 6. Revoke the Anhui e-ID, republish, present again: refused.
  const revoked = CITIZENS.find((c) => c.issuerId === 'ah-psb')!;
  await issuers.get('ah-psb')!.status.revoke({ listId: 1, index: credentials.get(revoked.id)!.index });
  tokens = await publishAll();
  await present(
    revoked.id,
    revoked.visit,
    `${revoked.presentationName.replace('-at-', '-revoked-at-')}`,
    tokens,
  );

  await write(
    'demo.json',
    `${JSON.stringify(
      {
        time: new Date(now * 1000).toISOString(),
        presentations: rows.map((r) => ({
          name: r.name,
          policy: r.verifier.policy,
          valid: r.result.valid,
          errors: r.result.errors.map((e) => e.code),
          issuerRegion: r.issuerRegion,
        })),
        keys: { joint: toHex(joint.kid) },
      },
      null,
      2,
    )}\n`,
  );
  return { rows, time: now };
}

export type { Purpose };
