export * from './web-app.module';
export { BUILD_WEB_HINT, webAppContentSecurityPolicy, webAppRoot } from './web-app-files';
