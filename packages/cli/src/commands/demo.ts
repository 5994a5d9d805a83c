import { createNativeCrypto } from '@deltaid/core/crypto/native';
import { renderQrTerminal } from '@deltaid/qr';
import { runDemo } from '../demo/run-demo.js';
import type { Parsed } from '../lib/args.js';
import type { Io } from '../lib/io.js';

export const DEMO_HELP = `deltaid demo [--out DIR] [--no-qr] [--json]

Runs the four-region story on built-in demo keys: trust operators and issuers for Shanghai, Jiangsu (SM2),
Zhejiang and Anhui, signed trust and status lists, a wallet per citizen; issues a Shanghai e-ID, a Jiangsu
driving licence, a Zhejiang vehicle licence and an Anhui e-ID, presents each at a desk of another region,
revokes the Anhui e-ID and shows the refusal.

  --out DIR   write trust/, status/, keys/ (mode 0600), credentials/ and presentations/NAME.{txt,png}
  --no-qr     do not print the QR codes
  --json      machine output`;

export async function demoCommand(args: Parsed, io: Io): Promise<number> {
  const out = args.string('out');
  const { rows, time } = await runDemo({
    crypto: createNativeCrypto(),
    clock: Date.now,
    ...(out === undefined ? {} : { out }),
  });
  if (args.flag('json')) {
    io.stdout.write(
      `${JSON.stringify({
        time: new Date(time * 1000).toISOString(),
        presentations: rows.map((r) => ({
          name: r.name,
          valid: r.result.valid,
          errors: r.result.errors.map((e) => e.code),
          issuerRegion: r.issuerRegion,
          verifierRegion: r.verifier.region,
          policy: r.verifier.policy,
        })),
      })}\n`,
    );
    return 0;
  }
  const w = (s = '') => io.stdout.write(`${s}\n`);
  w('长三角电子证照 Delta ID — 跨区域离线核验演示 / four-region offline verification demo');
  w();
  if (!args.flag('no-qr')) {
    for (const r of rows) {
      w(`${r.name}  (${r.text.length} chars)`);
      w(renderQrTerminal(r.text));
    }
  }
  const header = ['出示 Presentation', '持证人 Holder', '证照 Document', '核验方 Verifier', '结果 Result'];
  const table = rows.map((r) => [
    r.name,
    r.holder,
    `${r.document.zh} / ${r.document.en}`,
    `${r.verifier.zh} / ${r.verifier.en} [${r.verifier.policy}]`,
    r.result.valid
      ? `✔ 通过 valid — ${r.result.issuer?.name.zh} (${r.result.issuer?.region})`
      : `✘ ${r.result.errors[0]?.code} — ${r.result.errors[0]?.message.zh} ${r.result.errors[0]?.message.en}`,
  ]);
  for (const row of [header, ...table]) w(row.join('  │  '));
  w();
  const ok = rows.filter((r) => r.result.valid).length;
  w(`${ok} accepted, ${rows.length - ok} refused${out === undefined ? '' : `; artifacts in ${out}/`}`);
  return 0;
}
