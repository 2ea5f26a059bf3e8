/** One language's strings, made at build time from locales/messages.ts (see vite.config.mts). */
declare module 'virtual:muvo-messages/*' {
  const messages: Record<string, string>;
  export default messages;
}
