import { createNativeCrypto } from '@deltaid/core/crypto/native';
import type { Parsed } from '../lib/args.js';
import { type Io, UsageError } from '../lib/io.js';
import { parseAlg, publicSummary, readKeyFile, writePrivateKey } from '../lib/keys.js';

export const KEY_HELP = `deltaid key generate --alg ES256|ES384|EdDSA|SM2 --out FILE [--force]
deltaid key public FILE [--region CN-SH|CN-JS|CN-ZJ|CN-AH] [--json]

generate  writes a private key (JWK with its alg) to FILE with mode 0600 and prints its public part and kid;
          an existing FILE is never replaced unless --force is given
public    prints the public key and its kid (first 8 bytes of the RFC 7638 SHA-256 thumbprint); never the private part.
          With --region the output is a pinned regional operator anchor for deltaid verify --trust`;

export async function keyCommand(args: Parsed, io: Io): Promise<number> {
  const [action, file] = args.positionals;
  const crypto = createNativeCrypto();
  if (action === 'generate') {
    const alg = parseAlg(args.required('alg'));
    const out = args.required('out');
    const g = await crypto.generateKeyPair(alg);
    if (g.privateJwk === undefined) throw new UsageError('the key could not be exported');
    await writePrivateKey(out, alg, g.privateJwk, { force: args.flag('force') });
    io.stdout.write(`${JSON.stringify(await publicSummary(crypto, alg, g.publicKey.jwk), null, 2)}\n`);
    return 0;
  }
  if (action === 'public') {
    if (file === undefined) throw new UsageError('usage: deltaid key public FILE');
    const k = await readKeyFile(file);
    const handle = await crypto.importPublicKey(k.alg, {
      kty: k.jwk.kty,
      crv: k.jwk.crv,
      x: k.jwk.x,
      ...(k.jwk.y === undefined ? {} : { y: k.jwk.y }),
    });
    const region = args.string('region');
    if (region !== undefined && !['CN-SH', 'CN-JS', 'CN-ZJ', 'CN-AH'].includes(region)) {
      throw new UsageError('--region must be CN-SH, CN-JS, CN-ZJ or CN-AH');
    }
    const summary = await publicSummary(crypto, k.alg, handle.jwk);
    io.stdout.write(`${JSON.stringify(region === undefined ? summary : { ...summary, region }, null, 2)}\n`);
    return 0;
  }
  throw new UsageError(`unknown key action ${action ?? '(none)'}: generate or public`);
}
