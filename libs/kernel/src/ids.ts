import { createHash } from 'node:crypto';

const MUVO_NAMESPACE = 'b6f1e5f0-4d3c-5a8e-9f21-6d75766f0001';

/**
 * A name-based UUID (RFC 9562 version 5) in muvo's namespace: the same parts always give the
 * same id, which is what lets a city file be re-applied without creating duplicates.
 */
export function deterministicUuid(...parts: string[]): string {
  const namespace = Buffer.from(MUVO_NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(parts.join('\u001f')).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
