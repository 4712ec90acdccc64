// The host side of the Zendesk App Framework, as the demo help desk plays it: answers the app's
// iframe over postMessage in the format of zendesk_app_framework_sdk's lib/client.js.
//   app → host  JSON strings: {key:'iframe.handshake'|'iframe.on:E'|'iframe.off:E'|'iframe.trigger:E'|'request:N', message}
//               or {id, request:'get'|'set'|'invoke', params}
//   host → app  {key:'zaf.E', message} for events (app.registered, request:N.done/.fail, …)
//               and {id, result} / {id, error} for get/set/invoke; per-path failures go in result.errors.
// Requests are proxied through the help desk server, which alone holds the secure settings.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('zaf-host-config').textContent);
  var subscribers = {}; // event name -> subscriber count the SDK reported
  var activated = false;

  function frame() {
    return document.getElementById('app-frame');
  }
  function composer() {
    return document.getElementById('composer');
  }
  function send(msg) {
    var f = frame();
    if (!f || !f.contentWindow) return;
    msg.appGuid = config.appGuid;
    msg.instanceGuid = config.appGuid;
    f.contentWindow.postMessage(JSON.stringify(msg), config.appOrigin);
  }
  function emit(name, message) {
    send({ key: 'zaf.' + name, message: message });
  }
  function unavailable(path) {
    // The SDK prefixes the message with the quoted path when it turns this into an Error.
    return { name: 'APIUnavailable', message: 'Could not find handler', path: path };
  }

  var getters = {
    'currentUser': function () { return config.currentUser; },
    'currentUser.id': function () { return config.currentUser.id; },
    'currentUser.name': function () { return config.currentUser.name; },
    'currentUser.email': function () { return config.currentUser.email; },
    'currentUser.role': function () { return config.currentUser.role; },
    'currentUser.locale': function () { return config.currentUser.locale; },
    'currentAccount': function () { return config.currentAccount; },
    'currentAccount.subdomain': function () { return config.currentAccount.subdomain; },
    'ticket': function () { return config.ticket; },
    'ticket.id': function () { return config.ticket.id; },
    'ticket.subject': function () { return config.ticket.subject; },
    'ticket.status': function () { return config.ticket.status; },
    'ticket.priority': function () { return config.ticket.priority; },
    'ticket.tags': function () { return config.ticket.tags; },
    'ticket.requester': function () { return config.ticket.requester; },
    'ticket.via': function () { return config.ticket.via; },
    'ticket.comment.text': function () { return composer() ? composer().value : ''; },
    'viewport.size': function () { return { width: window.innerWidth, height: window.innerHeight }; },
  };

  var setters = {
    'ticket.comment.text': function (value) {
      composer().value = String(value);
    },
  };

  function notify(message, kind) {
    var box = document.getElementById('notifications');
    if (!box) return;
    var item = document.createElement('div');
    item.className = kind || 'notice';
    item.textContent = String(message);
    box.appendChild(item);
    setTimeout(function () { item.remove(); }, 5000);
  }

  var actions = {
    'resize': function (size) {
      var f = frame();
      if (!size || !f) return;
      var px = function (v) { return typeof v === 'number' ? v + 'px' : String(v); };
      // The sidebar has a fixed width in Zendesk; only the height follows the app.
      if (size.height !== undefined) f.style.height = px(size.height);
    },
    'ticket.comment.appendText': function (text) {
      var c = composer();
      c.value = c.value ? c.value + (/\n$/.test(c.value) ? '' : '\n') + String(text) : String(text);
      c.dispatchEvent(new Event('input', { bubbles: true }));
    },
    'ticket.comment.appendHtml': function (markup) {
      var div = document.createElement('div');
      div.innerHTML = String(markup);
      actions['ticket.comment.appendText'](div.textContent || '');
    },
    'notify': function (message, kind) {
      notify(message, kind);
    },
  };

  function answer(id, fn) {
    try {
      send({ id: id, result: fn() });
    } catch (e) {
      send({ id: id, error: { name: (e && e.name) || 'Error', message: (e && e.message) || String(e) } });
    }
  }

  function handleCall(data) {
    var params = data.params;
    if (data.request === 'get') {
      answer(data.id, function () {
        var result = { errors: {} };
        params.forEach(function (path) {
          if (getters[path]) result[path] = getters[path]();
          else result.errors[path] = unavailable(path);
        });
        return result;
      });
    } else if (data.request === 'set') {
      answer(data.id, function () {
        var result = { errors: {} };
        Object.keys(params).forEach(function (path) {
          if (setters[path]) {
            setters[path](params[path]);
            result[path] = params[path];
          } else result.errors[path] = unavailable(path);
        });
        return result;
      });
    } else if (data.request === 'invoke') {
      answer(data.id, function () {
        var result = { errors: {} };
        Object.keys(params).forEach(function (name) {
          if (actions[name]) result[name] = actions[name].apply(null, params[name]) || null;
          else result.errors[name] = unavailable(name);
        });
        return result;
      });
    }
  }

  function proxy(requestKey, options) {
    var complete = !!(options && options.httpCompleteResponse);
    fetch(config.proxyPath, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ appGuid: config.appGuid, options: options }),
    })
      .then(function (res) { return res.json(); })
      .catch(function () {
        return { ok: false, status: 0, statusText: 'error', responseText: '', headers: {} };
      })
      .then(function (r) {
        var xhr = { status: r.status, statusText: r.statusText, responseText: r.responseText, responseJSON: r.responseJSON, headers: r.headers, readyState: 4 };
        if (r.ok) {
          var body = r.responseJSON !== undefined ? r.responseJSON : r.responseText;
          var args = complete
            ? [{ status: r.status, responseText: r.responseText, responseJSON: r.responseJSON, headers: r.headers }]
            : [body, 'success', xhr];
          emit(requestKey + '.done', { responseArgs: args });
        } else {
          emit(requestKey + '.fail', { responseArgs: [xhr, 'error', r.statusText] });
        }
      });
  }

  function handleEvent(key, message) {
    if (key === 'iframe.handshake') {
      emit('app.registered', { metadata: config.metadata, context: config.context });
    } else if (key.indexOf('iframe.on:') === 0) {
      var name = key.slice('iframe.on:'.length);
      subscribers[name] = (message && message.subscriberCount) || 1;
      // Zendesk activates a sidebar app once it is registered; the SDK can only subscribe after.
      if (name === 'app.activated' && !activated) {
        activated = true;
        emit('app.activated', { firstLoad: true });
      }
    } else if (key.indexOf('iframe.off:') === 0) {
      subscribers[key.slice('iframe.off:'.length)] = (message && message.subscriberCount) || 0;
    } else if (key.indexOf('iframe.trigger:') === 0) {
      var event = key.slice('iframe.trigger:'.length);
      if (subscribers[event]) emit(event, message);
    } else if (/^request:\d+$/.test(key)) {
      proxy(key, message);
    }
  }

  // Zendesk updates an open ticket as others change it and tells subscribed apps; the demo polls.
  var live = { status: config.ticket.status, tags: JSON.stringify(config.ticket.tags), updatedAt: config.rendered.updatedAt, commentCount: config.rendered.commentCount };
  function emitIfSubscribed(name, message) {
    if (subscribers[name]) emit(name, message);
  }
  function refreshTicket() {
    if (document.hidden) return;
    fetch(config.livePath)
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (t) {
        if (!t) return;
        var conversation = document.querySelector('[data-testid="conversation"]');
        if (t.commentCount !== live.commentCount) {
          if (conversation) conversation.innerHTML = t.conversationHtml;
          emitIfSubscribed('ticket.conversation.changed', null);
        }
        live.commentCount = t.commentCount;
        if (t.status !== live.status) {
          var badge = document.querySelector('[data-testid="ticket-status"]');
          if (badge) {
            badge.textContent = t.status;
            badge.className = 'badge ' + t.status;
          }
          live.status = config.ticket.status = t.status;
          emitIfSubscribed('ticket.status.changed', t.status);
        }
        if (JSON.stringify(t.tags) !== live.tags) {
          var tags = document.querySelector('[data-testid="ticket-tags"]');
          if (tags) tags.innerHTML = t.tagsHtml;
          live.tags = JSON.stringify(t.tags);
          config.ticket.tags = t.tags;
          emitIfSubscribed('ticket.tags.changed', t.tags);
        }
        if (t.updatedAt !== live.updatedAt) emitIfSubscribed('ticket.updated', config.ticket);
        live.updatedAt = t.updatedAt;
      })
      .catch(function () { /* the next tick tries again */ });
  }
  if (config.liveRefreshMs > 0) setInterval(refreshTicket, config.liveRefreshMs);

  window.addEventListener('message', function (event) {
    var f = frame();
    if (!f || event.source !== f.contentWindow || event.origin !== config.appOrigin) return;
    var data = event.data;
    if (typeof data === 'string') {
      try {
        data = JSON.parse(data);
      } catch (e) {
        return;
      }
    }
    if (!data || data.appGuid !== config.appGuid) return;
    if (data.request) handleCall(data);
    else if (typeof data.key === 'string') handleEvent(data.key, data.message);
  });

  // Tests and the benchmark read what the host saw without reaching into the app.
  window.__zafHost = { subscribers: subscribers, notify: notify };
})();
