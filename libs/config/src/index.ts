export * from './app-config';
export * from './config.module';
export { DEVELOPMENT_TOKEN_SECRET, environmentSchema } from './config.schema';
