import { createHash } from 'crypto';

/** Longest readable part of a generated statement id (the hash follows it). */
const MAX_READABLE = 96;

/**
 * A statement id that is unique and stable: a readable PascalCase part
 * (`BackupsBackupJobWritePostgresObjects`) followed by 8 hex digits of a hash of
 * the exact inputs. The hash makes two different grants differ even when their
 * readable parts do (`a-b/` and `ab/`, two buckets of one purpose), and it depends
 * only on what the grant is, never on call order: adding a grant renames nothing.
 *
 * @param readable words of the readable part (purpose, grantee, access, prefix, part)
 * @param identity the exact values that identify the statement
 */
export function stableSid(readable: string[], identity: unknown[]): string {
  const text = readable.map(pascalCase).join('').slice(0, MAX_READABLE);
  return `${text}${createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 8)}`;
}

/** "product-images" -> "ProductImages", "postgres/2024/" -> "Postgres2024"; only letters and digits remain. */
export function pascalCase(text: string): string {
  return text.split(/[^A-Za-z0-9]+/).filter((w) => w !== '').map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}
