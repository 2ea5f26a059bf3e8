export * from './account.entity';
export * from './account-suspension.service';
export * from './auth.guard';
export * from './identity.exceptions';
export * from './identity.module';
export * from './identity.service';
export * from './principal';
export * from './token.service';
