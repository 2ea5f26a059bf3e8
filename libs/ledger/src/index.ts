export * from './ledger.exceptions';
export * from './ledger.module';
export * from './ledger.service';
export * from './ledger.types';
export * from './ledger-queries';
export * from './points-history';
export * from './points-history.service';
