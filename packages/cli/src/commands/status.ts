import { deriveKid } from '@deltaid/core';
import { createNativeCrypto } from '@deltaid/core/crypto/native';
import { createFileStatusListStorage, createStatusListManager } from '@deltaid/issuer';
import type { Parsed } from '../lib/args.js';
import { type Io, UsageError, writeOut } from '../lib/io.js';
import { loadPrivateKey } from '../lib/keys.js';

export const STATUS_HELP = `deltaid status revoke|suspend|reinstate --dir DIR --list N --index I --key FILE
deltaid status publish --dir DIR --list N --key FILE --out FILE [--uri URI]
deltaid status show --dir DIR --list N --index I --key FILE

Manages an issuer's file-backed status lists (the same DIR as deltaid issue --status-dir) and publishes a
signed Token Status List (CWT) for verifiers to cache offline. Revocation is final; suspension can be undone.`;

function int(args: Parsed, name: string): number {
  const v = Number(args.required(name));
  if (!Number.isSafeInteger(v) || v < 0) throw new UsageError(`--${name} must be a non-negative integer`);
  return v;
}

export async function statusCommand(args: Parsed, io: Io): Promise<number> {
  const [action] = args.positionals;
  const crypto = createNativeCrypto();
  const key = await loadPrivateKey(crypto, args.required('key'));
  const kid = await deriveKid(key.publicJwk, crypto);
  const listId = int(args, 'list');
  const manager = createStatusListManager({
    storage: createFileStatusListStorage({ dir: args.required('dir') }),
    random: crypto,
    now: () => new Date(),
    signer: { key, crypto, kid },
    uriOf: (id) => args.string('uri') ?? `urn:deltaid:status:${id}`,
  });
  switch (action) {
    case 'revoke':
    case 'suspend':
    case 'reinstate': {
      const index = int(args, 'index');
      await manager[action]({ listId, index });
      io.stdout.write(`${action}d list ${listId} index ${index}\n`);
      return 0;
    }
    case 'show': {
      const index = int(args, 'index');
      io.stdout.write(
        `${JSON.stringify({ listId, index, status: await manager.status({ listId, index }) })}\n`,
      );
      return 0;
    }
    case 'publish': {
      const p = await manager.publish(listId);
      await writeOut(args.required('out'), p.token);
      io.stdout.write(
        `published ${p.uri} revision ${p.revision}, expires ${new Date(p.exp * 1000).toISOString()}\n`,
      );
      return 0;
    }
    default:
      throw new UsageError(
        `unknown status action ${action ?? '(none)'}: revoke, suspend, reinstate, show or publish`,
      );
  }
}
