import { randomBytes } from 'node:crypto';
import { openZone, sealZone } from './privacy-zones.crypto';

describe(sealZone.name, () => {
  const key = randomBytes(32);
  const zone = { lat: 38.1103, lon: 13.3673, radiusM: 300, label: 'Home' };
  const binding = { id: 'a1', accountId: 'p1' };

  it('opens with the same key and binding', () => {
    expect(openZone(key, sealZone(key, zone, binding), binding)).toEqual(zone);
  });

  it('seals the same zone differently each time (random nonce)', () => {
    expect(sealZone(key, zone, binding).equals(sealZone(key, zone, binding))).toBe(false);
  });

  it('refuses another key, another owner or row, and tampered bytes', () => {
    const sealed = sealZone(key, zone, binding);
    expect(openZone(randomBytes(32), sealed, binding)).toBeNull();
    expect(openZone(key, sealed, { ...binding, accountId: 'p2' })).toBeNull();
    expect(openZone(key, sealed, { ...binding, id: 'a2' })).toBeNull();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] ^= 1;
    expect(openZone(key, tampered, binding)).toBeNull();
    expect(openZone(key, sealed.subarray(0, 20), binding)).toBeNull();
  });
});
