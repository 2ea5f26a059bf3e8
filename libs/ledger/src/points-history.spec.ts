import { decodeLedgerCursor, encodeLedgerCursor, ledgerReason } from './points-history';

describe(ledgerReason.name, () => {
  it.each([
    [{ kind: 'trip-credit', idempotencyKey: 'trip-credit:t1', metadata: {} }, 'trip'],
    [{ kind: 'trip-credit', idempotencyKey: 'trip-credit:t1:review:r1', metadata: {} }, 'dispute'],
    [{ kind: 'voucher-claim', idempotencyKey: 'voucher-claim:v1', metadata: null }, 'claim'],
    [{ kind: 'reversal', idempotencyKey: 'voucher-refund:v1', metadata: { reversedKind: 'voucher-claim' } }, 'refund'],
    [{ kind: 'reversal', idempotencyKey: 'reversal:x', metadata: { reversedKind: 'trip-credit' } }, 'correction'],
    [{ kind: 'write-off', idempotencyKey: 'write-off:x', metadata: {} }, 'write-off'],
    [{ kind: 'reversal', idempotencyKey: 'reversal:y', metadata: null }, 'other'],
    [{ kind: 'bonus', idempotencyKey: 'bonus:1', metadata: null }, 'other'],
  ])('%j is %s', (facts, reason) => expect(ledgerReason(facts)).toBe(reason));
});

describe('ledger cursors', () => {
  it('round-trips a position and refuses anything it did not make', () => {
    const position = { micros: '1796630000123456', rank: 2, id: '0b6f6f7e-5d0e-4a55-8b7b-3f1c2d4e5f60' };
    expect(decodeLedgerCursor(encodeLedgerCursor(position))).toEqual(position);
    for (const bad of ['', 'x', Buffer.from('1|3|0b6f6f7e-5d0e-4a55-8b7b-3f1c2d4e5f60').toString('base64url')]) {
      expect(() => decodeLedgerCursor(bad)).toThrow(expect.objectContaining({ code: 'INVALID_CURSOR' }));
    }
  });
});
