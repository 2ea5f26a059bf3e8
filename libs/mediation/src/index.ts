export * from './login-code';
export * from './mediation.exceptions';
export * from './mediation.module';
export * from './mediation.service';
