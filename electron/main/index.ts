/**
 * Electron entry: lifecycle and the one window. Kept thin; IPC lives in ipc.ts, the app:// protocol
 * in app-protocol.ts, hardening in security.ts.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import { prepareDataDir, resolveDataDir } from '../services/host-config.js';
import { createFileLogger, logUnexpected } from '../services/logger.js';
import { seedFromEnv, Workbench } from '../services/workbench-service.js';
import { APP_ENTRY_URL, APP_ORIGIN, handleAppScheme, registerAppScheme } from './app-protocol.js';
import { originOf } from './ipc-guard.js';
import { registerIpc } from './ipc.js';
import { electronSecretStore } from './secrets.js';
import { denyAllPermissions, hardenWebContents } from './security.js';

// Built layout: out/main/index.js, out/preload/index.cjs, out/renderer/index.html.
const PRELOAD_PATH = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const RENDERER_DIR = fileURLToPath(new URL('../renderer/', import.meta.url));

// electron-vite dev sets this; a packaged app never trusts it.
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const devOrigin = devServerUrl ? originOf(devServerUrl) : null;
const trustedOrigins = devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN];

// --data-dir / WORKBENCH_DATA_DIR move the whole profile (database, secrets, single-instance lock).
const dataDir = resolveDataDir(process.argv, app.getPath('userData'));
app.setPath('userData', dataDir);
// Owner-only before anything is written (and tightened when an older version left it 755/644).
prepareDataDir(dataDir);
const logger = createFileLogger(join(dataDir, 'logs'));
// A bug in one IPC handler must not close the window: log it and keep serving.
logUnexpected(logger);

// Before 'ready': sandbox every renderer and grant app:// its privileges.
app.enableSandbox();
registerAppScheme();
hardenWebContents();

let mainWindow: BrowserWindow | null = null;
let workbench: Workbench | null = null;

/**
 * datafile:choose: the user picks the file in main's dialog; the renderer only ever gets a handle
 * for it (DataFileAccess), so a compromised renderer cannot name a path.
 */
async function chooseDataFile(): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: 'Choose a data file (CSV or NDJSON)',
    properties: ['openFile'],
    filters: [
      { name: 'Data files', extensions: ['csv', 'ndjson', 'jsonl', 'txt'] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const r = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  return r.canceled ? null : (r.filePaths[0] ?? null);
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'RocketMQ Producer Workbench',
    backgroundColor: '#1e1f22',
    // The only webPreferences the app uses, written out here so reviews and Electronegativity see them.
    webPreferences: {
      preload: PRELOAD_PATH,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click would open links in a new window (the window-open handler denies it anyway).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    mainWindow = null;
  });
  void win.loadURL(devServerUrl ?? APP_ENTRY_URL);
  mainWindow = win;
}

if (!app.requestSingleInstanceLock()) {
  // One instance per profile: the history database and producer client ids are per instance.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  void app.whenReady().then(() => {
    denyAllPermissions();
    handleAppScheme(RENDERER_DIR);
    workbench = new Workbench({
      dataDir,
      secrets: electronSecretStore(dataDir),
      host: 'electron',
      version: app.getVersion(),
      seedProfile: seedFromEnv(),
      logger,
      chooseDataFile,
    });
    registerIpc(workbench, trustedOrigins);
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Flush history and close producers before exit (once; the second quit goes through).
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed || !workbench) return;
    event.preventDefault();
    closed = true;
    void workbench.close().finally(() => app.quit());
  });
}
