export * from './audit-log';
export * from './personal-data-access';
