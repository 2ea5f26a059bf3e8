import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { CentreShift } from './privacy-zones.centre';

/** A place a participant hides: a point, a radius, and a label of their own. */
export interface PrivacyZone {
  lat: number;
  lon: number;
  radiusM: number;
  label: string;
}

/**
 * What is sealed of a zone: the zone, and where its hiding circle's centre was moved when it was
 * created (absent in zones sealed before shifts existed; see `derivedCentreShift`).
 */
export interface SealedZone extends PrivacyZone {
  centreShift?: CentreShift;
}

const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals a zone with AES-256-GCM: `[version, nonce(12), tag(16), ciphertext]`. The additional data
 * binds the sealed bytes to their row and owner, so a database writer cannot move someone's home
 * to another account (or another row) and have it read back.
 */
export function sealZone(key: Buffer, zone: SealedZone, binding: { id: string; accountId: string }): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(`privacy-zone:v${VERSION}:${binding.accountId}:${binding.id}`));
  const body = Buffer.concat([cipher.update(JSON.stringify(zone), 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), nonce, cipher.getAuthTag(), body]);
}

/** The zone, or null when these bytes were not sealed with this key for this row (tampered, other key). */
export function openZone(key: Buffer, sealed: Buffer, binding: { id: string; accountId: string }): SealedZone | null {
  if (sealed.length <= 1 + NONCE_BYTES + TAG_BYTES || sealed[0] !== VERSION) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 1 + NONCE_BYTES));
    decipher.setAAD(Buffer.from(`privacy-zone:v${VERSION}:${binding.accountId}:${binding.id}`));
    decipher.setAuthTag(sealed.subarray(1 + NONCE_BYTES, 1 + NONCE_BYTES + TAG_BYTES));
    const text = Buffer.concat([decipher.update(sealed.subarray(1 + NONCE_BYTES + TAG_BYTES)), decipher.final()]);
    return JSON.parse(text.toString('utf8')) as SealedZone;
  } catch {
    return null;
  }
}
