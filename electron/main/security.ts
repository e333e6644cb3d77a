/**
 * Hardening applied to every web contents and session, whatever created it: the UI never navigates,
 * opens windows, embeds webviews or asks for device permissions, so all of that is refused.
 */
import { app, session } from 'electron';

export function hardenWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/** Call after 'ready'. A clipboard button will later go through the contract, not a web permission. */
export function denyAllPermissions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}
