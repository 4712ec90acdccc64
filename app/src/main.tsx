// Entry point of the sidebar bundle: creates the ZAF client (which handshakes with the host frame)
// and mounts the app; the app renders nothing until the host registers it.
import ZAFClient from 'zendesk_app_framework_sdk';
import './styles.css';
import { showOutsideZendesk, startApp } from './startApp.js';
import type { ZafClient } from './zaf/types.js';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
// init() returns false when the page was not opened by a Zendesk host (no origin / app_guid).
const client = ZAFClient.init() as ZafClient | false;
if (client) startApp(client, container);
else showOutsideZendesk(container, navigator.language);
