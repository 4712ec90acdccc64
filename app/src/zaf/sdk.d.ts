// The ZAF SDK ships without types; main.tsx is its only importer and narrows it to ZafClient.
declare module 'zendesk_app_framework_sdk' {
  const ZAFClient: { init(callback?: (context: unknown) => void): unknown };
  export default ZAFClient;
}
