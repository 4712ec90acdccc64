// The help desk's page shell: an agent-workspace look (top bar, three columns on a ticket) in
// plain HTML and CSS, so the sidebar app sits in a frame roughly where Zendesk would put it.
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Content = HtmlEscapedString | Promise<HtmlEscapedString>;

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#2f3941;background:#f8f9f9}
a{color:#1f73b7;text-decoration:none}a:hover{text-decoration:underline}
.topbar{display:flex;gap:16px;align-items:center;height:48px;padding:0 16px;background:#03363d;color:#fff}
.topbar a{color:#fff;font-weight:600}.topbar .spacer{flex:1}.topbar .locale a{font-weight:400;margin-left:8px;opacity:.8}
.topbar .locale a[aria-current]{opacity:1;text-decoration:underline}
.page{max-width:1100px;margin:24px auto;padding:0 16px}
table{width:100%;border-collapse:collapse;background:#fff;border:1px solid #d8dcde}
th,td{text-align:left;padding:10px 12px;border-bottom:1px solid #e9ebed}th{font-weight:600;color:#68737d;font-size:12px;text-transform:uppercase}
.badge{display:inline-block;padding:0 8px;border-radius:4px;font-size:12px;font-weight:600;text-transform:capitalize;background:#e9ebed}
.badge.new{background:#ffb648;color:#703815}.badge.open{background:#e34f32;color:#fff}.badge.pending{background:#3091ec;color:#fff}
.badge.solved,.badge.closed{background:#87929d;color:#fff}
.tag{display:inline-block;margin:2px 4px 2px 0;padding:0 6px;border-radius:4px;background:#e9ebed;font-size:12px}
.workspace{display:grid;grid-template-columns:240px minmax(0,1fr) 340px;min-height:calc(100vh - 48px)}
.workspace>aside,.workspace>section{padding:16px;overflow:auto}
.requester{border-right:1px solid #d8dcde;background:#fff}.apps{border-left:1px solid #d8dcde;background:#fff}
.apps h2,.requester h2{margin:0 0 12px;font-size:12px;text-transform:uppercase;color:#68737d}
.conversation h1{margin:0 0 4px;font-size:20px}.meta{color:#68737d;margin-bottom:12px}
.comments{list-style:none;padding:0;margin:16px 0}
.comments li{background:#fff;border:1px solid #d8dcde;border-radius:4px;padding:12px;margin-bottom:8px}
.comments li.internal{background:#fff6e5;border-color:#ffd424}
.comments .who{font-weight:600}.comments .when{color:#87929d;font-size:12px;margin-left:8px}
.comments .body{white-space:pre-wrap;margin-top:6px}
.composer{background:#fff;border:1px solid #d8dcde;border-radius:4px;padding:12px}
.composer textarea,.customer textarea,.new-ticket textarea{width:100%;min-height:120px;font:inherit;padding:8px;border:1px solid #d8dcde;border-radius:4px}
.composer .actions{display:flex;gap:8px;justify-content:flex-end;margin-top:8px}
button{font:inherit;padding:6px 14px;border-radius:4px;border:1px solid #1f73b7;background:#1f73b7;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1f73b7}
.customer{margin-top:16px}.customer summary{cursor:pointer;color:#1f73b7}
#app-frame{display:block;width:100%;height:240px;border:0}
.not-built{border:1px dashed #c2c8cc;border-radius:4px;padding:12px;color:#49545c}
.not-built code{background:#f3f3f3;padding:1px 4px;border-radius:3px}
#notifications{position:fixed;top:56px;right:16px;display:flex;flex-direction:column;gap:8px;z-index:10}
#notifications div{background:#2f3941;color:#fff;padding:10px 14px;border-radius:4px;max-width:320px}
#notifications div.error{background:#cc3340}
.new-ticket{margin-top:24px;background:#fff;border:1px solid #d8dcde;padding:16px;border-radius:4px}
.new-ticket input,.new-ticket select{font:inherit;padding:6px;width:100%;margin-bottom:8px;border:1px solid #d8dcde;border-radius:4px}
`;

export function layout(input: { title: string; head?: Content; topbar?: Content; body: Content }) {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title}</title>
<style>${raw(CSS)}</style>
${input.head ?? ''}
</head>
<body>
<nav class="topbar"><a href="/">Demo help desk</a><span>Views</span><span class="spacer"></span>${input.topbar ?? ''}</nav>
${input.body}
</body>
</html>`;
}

/** JSON for a <script type="application/json"> block: `<` escaped so no string can close the tag. */
export function scriptJson(value: unknown) {
  return raw(JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029'));
}

export function relativeTime(iso: string, now: Date): string {
  const minutes = Math.round((now.getTime() - Date.parse(iso)) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}
