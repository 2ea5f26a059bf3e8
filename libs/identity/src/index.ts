export * from './account.entity';
export * from './auth.guard';
export * from './identity.exceptions';
export * from './identity.module';
export * from './identity.service';
export * from './principal';
export * from './token.service';
export * from './account-erasure';
