export * from './counter-web.module';
