import { Module } from '@nestjs/common';
import { LedgerService } from './ledger.service';
import { PointsHistoryService } from './points-history.service';

@Module({ providers: [LedgerService, PointsHistoryService], exports: [LedgerService, PointsHistoryService] })
export class LedgerModule {}
