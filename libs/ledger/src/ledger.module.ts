import { Module } from '@nestjs/common';
import { LedgerService } from './ledger.service';

/** The ledger. Its points history needs what entries refer to: see vouchers' `PointsHistoryModule`. */
@Module({ providers: [LedgerService], exports: [LedgerService] })
export class LedgerModule {}
