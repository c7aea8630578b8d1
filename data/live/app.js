/* app.js — the participant's page of a Postmortem live session (protocol version 1, see
 * src/core/live/pm-live-session.h).
 *
 * Plain ES2020, no dependencies; served under a strict Content-Security-Policy, so the DOM is
 * built with createElement/textContent only: every text from the server is hostile.
 *
 * Never losing input: every change is an operation with a fresh id, written to the outbox in
 * localStorage before it is sent, sent (in order) whenever the page is connected after
 * "welcome", and taken out of the outbox only when its "ack" arrives. The server never applies
 * the same operation twice, so the whole outbox is simply sent again after reconnecting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
'use strict';

(() => {
  /* ---- Strings: every text the page shows ------------------------------------------------ */
  const STRINGS = {
    en: {
      appName: 'Postmortem',
      pageTitle: 'Postmortem — live session',
      pageTitleWith: '{title} — Postmortem',
      connecting: 'Connecting…',
      cannotReach: 'Cannot reach the session. Trying again…',
      protocolMismatch: 'This page may not fit the session (protocol {v}). Reload the page if something does not work.',
      joinIntro: 'Add events to the shared timeline while the meeting runs.',
      joinPick: 'Pick yourself',
      yourName: 'Your name',
      yourNameOr: 'Or enter your name',
      join: 'Join',
      joining: 'Joining…',
      joinNeedName: 'Enter your name or pick yourself from the list.',
      youAre: 'You are',
      youMarker: '(you)',
      addEvent: 'Add an event',
      editEvent: 'Edit event',
      precision: 'Precision',
      precExact: 'Exact time',
      precMinute: 'Minute',
      precHour: 'Hour',
      precDay: 'Day',
      precUnknown: 'Unknown',
      date: 'Date',
      time: 'Time',
      zoneNote: 'Times in {zone} ({offset})',
      whatHappened: 'What happened',
      actor: 'Actor',
      lane: 'Lane',
      kind: 'Kind',
      kindNone: '(none)',
      contributed: 'Contributed to the incident',
      slowed: 'Slowed the response',
      addButton: 'Add event',
      saveButton: 'Save changes',
      cancelEdit: 'Cancel',
      parkingLot: 'Parking lot',
      topicLabel: 'Parking lot topic',
      addTopic: 'Add topic',
      topicsWaiting: 'Waiting to be sent',
      connected: 'Connected',
      connectedCount: 'Connected ({n})',
      timeline: 'Timeline',
      toTimeline: 'Go to the timeline',
      timelineEmpty: 'No events yet.',
      timeUnknown: 'Time unknown',
      aroundHour: 'around {t}',
      actorIs: 'Actor: {v}',
      laneIs: 'Lane: {v}',
      addedBy: 'Added by {v}',
      edit: 'Edit',
      delete: 'Delete',
      deleteAsk: 'Delete this event?',
      deleteYes: 'Delete',
      deleteNo: 'Keep',
      waitingAdd: 'Waiting to be sent',
      waitingEdit: 'Change waiting to be sent',
      waitingDelete: 'Deletion waiting to be sent',
      statusConnected: 'Connected',
      statusSent: 'Connected — everything sent',
      statusSending_one: 'Connected — sending 1 change',
      statusSending_other: 'Connected — sending {n} changes',
      statusOffline: 'Offline — reconnecting…',
      statusOffline_one: 'Offline — 1 change waiting',
      statusOffline_other: 'Offline — {n} changes waiting',
      queued: 'Saved. Sending…',
      queuedOffline: 'Saved. It will be sent when the connection is back.',
      added: 'Event added: {v}',
      saved: 'Change saved.',
      deleted: 'Event deleted.',
      proposed: 'Sent to the moderator, who decides.',
      topicAdded: 'Topic added to the parking lot: {v}',
      newEvent: 'New event: {v}',
      editGone: 'The event you were editing is gone. Your text is kept as a new event.',
      errTextRequired: 'Describe what happened.',
      errDateRequired: 'Enter the date, or choose “Unknown” as precision.',
      errTimeRequired: 'Enter the time, or choose “Day” or “Unknown” as precision.',
      errTopicRequired: 'Enter a topic.',
      errTooLong: 'This is too long to send. Shorten the text.',
      errDetail: 'Server: {v}',
      errRestored: 'Your input is back in the form.',
      fieldLabelText: 'Topic',
      endedTitle: 'The live session has ended',
      endedStopped: 'The moderator ended the live session. Thank you for taking part.',
      endedRemoved: 'You were removed from this session by the moderator.',
      unsentHeading: 'Not sent',
      unsentIntro: 'These changes did not reach the moderator. Copy them if you still need them.',
      unsentAdd: 'New event: {v}',
      unsentEdit: 'Change: {v}',
      unsentDelete: 'Deletion of an event',
      unsentTopic: 'Topic: {v}',
      kinds: {
        trigger: 'Trigger', detection: 'Detection', response: 'Response',
        communication: 'Communication', recovery: 'Recovery', background: 'Background',
      },
      codes: {
        'invalid': 'This value is not accepted.',
        'not-found': 'This event is no longer shared.',
        'limit': 'The document is full; nothing more can be added.',
        'rate': 'Too many changes at once. They will be sent again shortly.',
        'too-large': 'This is too long to send.',
        'protocol': 'The session did not understand this page. Reload the page.',
        'unknown-token': 'Your place in this session was not recognised. Please join again.',
        'removed': 'You were removed from this session.',
        'name-taken': 'This name belongs to the moderator. Please choose another.',
        'other': 'The session refused this ({v}).',
      },
    },
    de: {
      appName: 'Postmortem',
      pageTitle: 'Postmortem — Live-Sitzung',
      pageTitleWith: '{title} — Postmortem',
      connecting: 'Verbinden …',
      cannotReach: 'Die Sitzung ist nicht erreichbar. Neuer Versuch …',
      protocolMismatch: 'Diese Seite passt möglicherweise nicht zur Sitzung (Protokoll {v}). Laden Sie die Seite neu, wenn etwas nicht funktioniert.',
      joinIntro: 'Tragen Sie während der Besprechung Ereignisse in die gemeinsame Zeitleiste ein.',
      joinPick: 'Wählen Sie sich aus',
      yourName: 'Ihr Name',
      yourNameOr: 'Oder geben Sie Ihren Namen ein',
      join: 'Teilnehmen',
      joining: 'Teilnahme wird hergestellt …',
      joinNeedName: 'Geben Sie Ihren Namen ein oder wählen Sie sich in der Liste aus.',
      youAre: 'Sie sind',
      youMarker: '(Sie)',
      addEvent: 'Ereignis hinzufügen',
      editEvent: 'Ereignis bearbeiten',
      precision: 'Genauigkeit',
      precExact: 'Sekundengenau',
      precMinute: 'Minutengenau',
      precHour: 'Stundengenau',
      precDay: 'Nur der Tag',
      precUnknown: 'Zeit unbekannt',
      date: 'Datum',
      time: 'Uhrzeit',
      zoneNote: 'Zeiten in {zone} ({offset})',
      whatHappened: 'Was geschehen ist',
      actor: 'Akteur',
      lane: 'Bahn',
      kind: 'Art',
      kindNone: '(keine)',
      contributed: 'Hat zum Vorfall beigetragen',
      slowed: 'Hat die Reaktion verzögert',
      addButton: 'Ereignis hinzufügen',
      saveButton: 'Änderungen speichern',
      cancelEdit: 'Abbrechen',
      parkingLot: 'Themenspeicher',
      topicLabel: 'Thema für den Themenspeicher',
      addTopic: 'Thema hinzufügen',
      topicsWaiting: 'Warten auf das Senden',
      connected: 'Verbunden',
      connectedCount: 'Verbunden ({n})',
      timeline: 'Zeitleiste',
      toTimeline: 'Zur Zeitleiste',
      timelineEmpty: 'Noch keine Ereignisse.',
      timeUnknown: 'Zeit unbekannt',
      aroundHour: 'gegen {t}',
      actorIs: 'Akteur: {v}',
      laneIs: 'Bahn: {v}',
      addedBy: 'Eingetragen von {v}',
      edit: 'Bearbeiten',
      delete: 'Löschen',
      deleteAsk: 'Dieses Ereignis löschen?',
      deleteYes: 'Löschen',
      deleteNo: 'Behalten',
      waitingAdd: 'Wartet auf das Senden',
      waitingEdit: 'Änderung wartet auf das Senden',
      waitingDelete: 'Löschung wartet auf das Senden',
      statusConnected: 'Verbunden',
      statusSent: 'Verbunden — alles gesendet',
      statusSending_one: 'Verbunden — 1 Änderung wird gesendet',
      statusSending_other: 'Verbunden — {n} Änderungen werden gesendet',
      statusOffline: 'Offline — neue Verbindung wird aufgebaut …',
      statusOffline_one: 'Offline — 1 Änderung wartet',
      statusOffline_other: 'Offline — {n} Änderungen warten',
      queued: 'Gespeichert. Wird gesendet …',
      queuedOffline: 'Gespeichert. Wird gesendet, sobald die Verbindung wieder besteht.',
      added: 'Ereignis hinzugefügt: {v}',
      saved: 'Änderung gespeichert.',
      deleted: 'Ereignis gelöscht.',
      proposed: 'An die Moderation gesendet, die darüber entscheidet.',
      topicAdded: 'Thema in den Themenspeicher aufgenommen: {v}',
      newEvent: 'Neues Ereignis: {v}',
      editGone: 'Das bearbeitete Ereignis gibt es nicht mehr. Ihr Text bleibt als neues Ereignis erhalten.',
      errTextRequired: 'Beschreiben Sie, was geschehen ist.',
      errDateRequired: 'Geben Sie das Datum ein oder wählen Sie als Genauigkeit „Zeit unbekannt“.',
      errTimeRequired: 'Geben Sie die Uhrzeit ein oder wählen Sie als Genauigkeit „Nur der Tag“ oder „Zeit unbekannt“.',
      errTopicRequired: 'Geben Sie ein Thema ein.',
      errTooLong: 'Das ist zu lang zum Senden. Kürzen Sie den Text.',
      errDetail: 'Server: {v}',
      errRestored: 'Ihre Eingabe steht wieder im Formular.',
      fieldLabelText: 'Thema',
      endedTitle: 'Die Live-Sitzung ist beendet',
      endedStopped: 'Die Moderation hat die Live-Sitzung beendet. Danke für Ihre Teilnahme.',
      endedRemoved: 'Die Moderation hat Sie aus dieser Sitzung entfernt.',
      unsentHeading: 'Nicht gesendet',
      unsentIntro: 'Diese Änderungen haben die Moderation nicht erreicht. Kopieren Sie sie, wenn Sie sie noch brauchen.',
      unsentAdd: 'Neues Ereignis: {v}',
      unsentEdit: 'Änderung: {v}',
      unsentDelete: 'Löschung eines Ereignisses',
      unsentTopic: 'Thema: {v}',
      kinds: {
        trigger: 'Auslöser', detection: 'Erkennung', response: 'Reaktion',
        communication: 'Kommunikation', recovery: 'Wiederherstellung', background: 'Hintergrund',
      },
      codes: {
        'invalid': 'Dieser Wert wird nicht angenommen.',
        'not-found': 'Dieses Ereignis wird nicht mehr geteilt.',
        'limit': 'Das Dokument ist voll; es kann nichts mehr hinzugefügt werden.',
        'rate': 'Zu viele Änderungen auf einmal. Sie werden gleich erneut gesendet.',
        'too-large': 'Das ist zu lang zum Senden.',
        'protocol': 'Die Sitzung hat diese Seite nicht verstanden. Laden Sie die Seite neu.',
        'unknown-token': 'Ihre Teilnahme wurde nicht wiedererkannt. Bitte nehmen Sie erneut teil.',
        'removed': 'Sie wurden aus dieser Sitzung entfernt.',
        'name-taken': 'Dieser Name gehört der Moderation. Bitte wählen Sie einen anderen.',
        'other': 'Die Sitzung hat das abgelehnt ({v}).',
      },
    },
  };

  const pickLang = () => {
    const list = navigator.languages && navigator.languages.length
      ? navigator.languages : [navigator.language || 'en'];
    for (const l of list) {
      const s = String(l).toLowerCase();
      if (s.startsWith('de')) return 'de';
      if (s.startsWith('en')) return 'en';
    }
    return 'en';
  };
  const LANG = pickLang();
  const S = STRINGS[LANG];
  const t = (key, vars) => {
    let s = S[key] !== undefined ? S[key] : STRINGS.en[key];
    if (s === undefined) return key;
    if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (vars[k] !== undefined ? String(vars[k]) : m));
    return s;
  };
  const tn = (key, n) => t(n === 1 ? key + '_one' : key + '_other', { n });
  const kindLabel = (k) => (Object.prototype.hasOwnProperty.call(S.kinds, k) ? S.kinds[k] : k);
  const codeText = (code) => (Object.prototype.hasOwnProperty.call(S.codes, code)
    ? S.codes[code] : S.codes.other.replace('{v}', String(code)));

  /* ---- Constants, storage ---------------------------------------------------------------- */
  const MESSAGE_BYTES = 96 * 1024;
  const PING_MS = 20000;
  const DEAD_MS = 50000;           /* nothing heard for this long: the connection is dead */
  const BACKOFF_FIRST_MS = 500;
  const BACKOFF_MAX_MS = 10000;
  const RATE_HOLD_MS = 2000;       /* after a "rate" refusal */
  const SEND_PER_SECOND = 10;      /* below the server's 20/s, burst 60 */
  const SEND_BURST = 20;
  const PRECISIONS = ['exact', 'minute', 'hour', 'day', 'unknown'];

  /* The session's directory (/s/SECRET/) names everything this page keeps. */
  const BASE = location.pathname.replace(/[^/]*$/, '');
  const KEY_TOKEN = 'pmortem-live:' + BASE + ':token';
  const KEY_OUTBOX = 'pmortem-live:' + BASE + ':outbox';
  const WS_URL = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + BASE + 'ws';

  const store = {
    get(key) {
      try { return window.localStorage.getItem(key); } catch (e) { return null; }
    },
    set(key, value) {
      try { window.localStorage.setItem(key, value); return true; } catch (e) { return false; }
    },
    remove(key) {
      try { window.localStorage.removeItem(key); } catch (e) { /* nothing kept */ }
    },
  };

  const isStr = (v) => typeof v === 'string';
  const str = (v) => (isStr(v) ? v : '');
  const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const OP_RE = /^[A-Za-z0-9_-]{1,64}$/;

  const newOpId = () => {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');   /* 22 */
  };

  /* The outbox: {ops: [message, …] in order, ids: {op of an acked add: event id}} */
  let outbox = { ops: [], ids: {} };
  const loadOutbox = () => {
    const raw = store.get(KEY_OUTBOX);
    let o = null;
    try { o = raw ? JSON.parse(raw) : null; } catch (e) { o = null; }
    const ops = o && Array.isArray(o.ops)
      ? o.ops.filter((m) => isObj(m) && isStr(m.type) && isStr(m.op) && OP_RE.test(m.op)) : [];
    const ids = o && isObj(o.ids) ? o.ids : {};
    outbox = { ops, ids };
  };
  const saveOutbox = () => {
    /* keep only the ids that a waiting operation still refers to */
    const used = new Set(outbox.ops.map((m) => m.op_ref).filter(isStr));
    for (const k of Object.keys(outbox.ids)) if (!used.has(k)) delete outbox.ids[k];
    if (outbox.ops.length === 0) store.remove(KEY_OUTBOX);
    else store.set(KEY_OUTBOX, JSON.stringify(outbox));
  };

  /* ---- State ----------------------------------------------------------------------------- */
  let ws = null;
  let phase = 'idle';          /* idle, connecting, lobby, hello, ready, ended */
  let everConnected = false;
  let lobby = null;
  let session = null;          /* from "welcome": title, zone, zone_offset, incident_date, kinds, lanes, you */
  let people = [];
  const events = new Map();    /* id → EVENT */
  let order = [];              /* ids in timeline order */
  let pendingJoin = null;      /* the hello the user asked for, while not connected */
  let backoff = BACKOFF_FIRST_MS;
  let reconnectTimer = 0;
  let pingTimer = 0;
  let lastHeard = 0;
  let sentNow = new Set();     /* ops sent on this connection */
  let tokens = SEND_BURST;
  let tokensAt = 0;
  let holdUntil = 0;
  let pumpTimer = 0;
  let editing = null;          /* {key, target: {id} | {op_ref}} */
  const confirming = new Set();/* keys of items asking "Delete?" */
  let lastStatus = '';
  let everythingSent = false;
  let rateAlert = '';          /* the alert box that tells of a "rate" refusal, if any */

  /* ---- DOM helpers ----------------------------------------------------------------------- */
  const $ = (id) => document.getElementById(id);
  const el = (tag, props, ...children) => {
    const node = document.createElement(tag);
    if (props) {
      for (const [k, v] of Object.entries(props)) {
        if (v === undefined || v === null || v === false) continue;
        if (k === 'class') node.className = v;
        else if (k === 'text') node.textContent = v;
        else if (k === 'on') for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
        else if (k in node && typeof v !== 'string') node[k] = v;
        else node.setAttribute(k, v === true ? '' : String(v));
      }
    }
    for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c);
    return node;
  };
  const clear = (node) => { while (node.firstChild) node.removeChild(node.firstChild); };
  const short = (s, n = 80) => { const x = str(s).replace(/\s+/g, ' ').trim(); return x.length > n ? x.slice(0, n - 1) + '…' : x; };

  const showScreen = (id) => {
    for (const s of ['screen-connecting', 'screen-join', 'screen-main', 'screen-ended']) $(s).hidden = s !== id;
  };
  const currentScreen = () => ['screen-connecting', 'screen-join', 'screen-main', 'screen-ended'].find((s) => !$(s).hidden);

  let announceTimer = 0;
  const announce = (text) => {
    const a = $('announcer');
    a.textContent = '';
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => { a.textContent = text; }, 50);
  };

  /* ---- Connection ------------------------------------------------------------------------ */
  const send = (msg) => {
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(JSON.stringify(msg));
    return true;
  };

  const connect = () => {
    if (ws || phase === 'ended') return;
    clearTimeout(reconnectTimer);
    reconnectTimer = 0;
    phase = 'connecting';
    let sock;
    try { sock = new WebSocket(WS_URL); } catch (e) { scheduleReconnect(); return; }
    ws = sock;
    sock.onmessage = (e) => { if (ws === sock) receive(e.data); };
    sock.onclose = () => { if (ws === sock) dropped(); };
    sock.onerror = () => { /* "close" follows */ };
    lastHeard = Date.now();
    updateStatus();
  };

  const dropped = () => {
    if (ws) {
      const old = ws;
      ws = null;
      old.onmessage = old.onclose = old.onerror = null;
      try { old.close(); } catch (e) { /* already closed */ }
    }
    clearInterval(pingTimer);
    pingTimer = 0;
    sentNow = new Set();
    if (phase === 'ended') return;
    phase = 'idle';
    if (!everConnected && currentScreen() !== 'screen-join') {
      showScreen('screen-connecting');
      $('connecting-text').textContent = t('cannotReach');
    }
    if (currentScreen() === 'screen-join') {
      $('join-button').disabled = false;
      $('join-status').textContent = t('connecting');
    }
    updateStatus();
    scheduleReconnect();
  };

  const scheduleReconnect = () => {
    if (phase === 'ended' || reconnectTimer) return;
    reconnectTimer = setTimeout(() => { reconnectTimer = 0; connect(); }, backoff);
    backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
  };

  const startPing = () => {
    clearInterval(pingTimer);
    pingTimer = setInterval(() => {
      if (phase === 'ready' && Date.now() - lastHeard > DEAD_MS) { dropped(); return; }
      if (phase === 'ready') send({ type: 'ping' });
    }, PING_MS);
  };

  /* Sends the waiting operations in order, paced below the server's rate limit. */
  const pump = () => {
    clearTimeout(pumpTimer);
    pumpTimer = 0;
    if (phase !== 'ready') return;
    const now = Date.now();
    if (now < holdUntil) { pumpTimer = setTimeout(pump, holdUntil - now); return; }
    tokens = Math.min(SEND_BURST, tokens + ((now - tokensAt) / 1000) * SEND_PER_SECOND);
    tokensAt = now;
    for (const msg of outbox.ops) {
      if (sentNow.has(msg.op)) continue;
      if (tokens < 1) { pumpTimer = setTimeout(pump, Math.ceil(1000 / SEND_PER_SECOND)); break; }
      if (!send(msg)) break;
      sentNow.add(msg.op);
      tokens -= 1;
    }
    updateStatus();
  };

  const holdForRate = () => {
    holdUntil = Date.now() + RATE_HOLD_MS;
    sentNow = new Set();   /* send everything waiting again, in order (the server dedups) */
    pump();
  };

  /* ---- Receiving ------------------------------------------------------------------------- */
  const receive = (data) => {
    lastHeard = Date.now();
    let msg;
    try { msg = JSON.parse(data); } catch (e) { return; }
    if (!isObj(msg) || !isStr(msg.type)) return;
    switch (msg.type) {
      case 'lobby': onLobby(msg); break;
      case 'welcome': onWelcome(msg); break;
      case 'events': if (Array.isArray(msg.events)) { upsertEvents(msg.events, true); render(); } break;
      case 'removed': if (Array.isArray(msg.ids)) onRemoved(msg.ids); break;
      case 'people': if (Array.isArray(msg.people)) { people = msg.people.filter(isObj); renderPeople(); } break;
      case 'ack': onAck(msg); break;
      case 'error': onError(msg); break;
      case 'bye': onBye(msg); break;
      default: break;   /* pong and anything new */
    }
  };

  const onLobby = (msg) => {
    lobby = msg;
    if (msg.protocol !== 1) $('connecting-text').textContent = t('protocolMismatch', { v: String(msg.protocol) });
    const token = store.get(KEY_TOKEN);
    if (token) {
      phase = 'hello';
      send({ type: 'hello', token });
    } else if (pendingJoin) {
      phase = 'hello';
      send(pendingJoin);
    } else {
      phase = 'lobby';
      showJoin();
    }
  };

  const onWelcome = (msg) => {
    if (!isStr(msg.token)) return;
    store.set(KEY_TOKEN, msg.token);
    pendingJoin = null;
    clearAlert('join-error');
    const you = isObj(msg.you) ? msg.you : {};
    session = {
      title: str(msg.title),
      zone: str(msg.zone),
      zone_offset: str(msg.zone_offset),
      incident_date: str(msg.incident_date),
      kinds: Array.isArray(msg.kinds) ? msg.kinds.filter(isStr) : [],
      lanes: Array.isArray(msg.lanes) ? msg.lanes.filter(isStr) : [],
      you: { id: str(you.id), name: str(you.name) },
    };
    people = Array.isArray(msg.people) ? msg.people.filter(isObj) : [];
    events.clear();
    order = [];
    if (Array.isArray(msg.events)) {
      for (const ev of msg.events) {
        if (!isObj(ev) || !isStr(ev.id) || events.has(ev.id)) continue;
        events.set(ev.id, ev);
        order.push(ev.id);
      }
    }
    phase = 'ready';
    everConnected = true;
    backoff = BACKOFF_FIRST_MS;
    sentNow = new Set();
    tokens = SEND_BURST;
    tokensAt = Date.now();
    startPing();
    showMain();
    /* Answers lost with the last connection: what was applied leaves the outbox now, so the
     * list never shows an event twice while it is sent again. */
    if (Array.isArray(msg.answers)) {
      for (const answer of msg.answers) if (isObj(answer)) onAck(answer);
    }
    pump();
  };

  /* Inserts or moves each event after its "after" (null: first). */
  const upsertEvents = (list, announceNew) => {
    const batch = list.filter((ev) => isObj(ev) && isStr(ev.id));
    if (batch.length === 0) return;
    const ids = new Set(batch.map((ev) => ev.id));
    const fresh = [];
    order = order.filter((id) => !ids.has(id));
    for (const ev of batch) {
      if (!events.has(ev.id)) fresh.push(ev);
      events.set(ev.id, ev);
    }
    let waiting = batch.slice();
    while (waiting.length) {
      const later = [];
      for (const ev of waiting) {
        if (ev.after === null || ev.after === undefined) order.unshift(ev.id);
        else {
          const i = order.indexOf(ev.after);
          if (i >= 0) order.splice(i + 1, 0, ev.id);
          else if (ids.has(ev.after) && ev.after !== ev.id) later.push(ev);
          else order.push(ev.id);   /* its predecessor is not shared with us */
        }
      }
      if (later.length === waiting.length) { for (const ev of later) order.push(ev.id); break; }
      waiting = later;
    }
    /* someone else's new event: tell politely (own ones are told by their ack) */
    if (announceNew) {
      const others = fresh.filter((ev) => !ev.mine);
      if (others.length === 1) announce(t('newEvent', { v: short(others[0].text) }));
    }
  };

  const onRemoved = (ids) => {
    for (const id of ids) {
      if (!isStr(id)) continue;
      events.delete(id);
      confirming.delete('id:' + id);
    }
    const gone = new Set(ids);
    order = order.filter((id) => !gone.has(id));
    if (editing && editing.target.id && gone.has(editing.target.id)) {
      setEditing(null, false);
      showAlert('event-error', [t('editGone')]);
    }
    render();
  };

  const onAck = (msg) => {
    if (!isStr(msg.op)) return;
    const i = outbox.ops.findIndex((m) => m.op === msg.op);
    if (i < 0) return;
    const op = outbox.ops[i];
    if (msg.status === 'refused' && msg.code === 'rate') {
      const box = op.type === 'topic' ? 'topic-error' : 'event-error';
      showAlert(box, [codeText('rate')]);
      rateAlert = box;
      holdForRate();
      return;
    }
    if (rateAlert) { clearAlert(rateAlert); rateAlert = ''; }
    outbox.ops.splice(i, 1);
    sentNow.delete(op.op);
    if (msg.status === 'applied' || msg.status === 'proposed') {
      if (op.type === 'add' && isStr(msg.id)) {
        outbox.ids[op.op] = msg.id;
        if (editing && editing.target.op_ref === op.op) editing = { key: 'id:' + msg.id, target: { id: msg.id } };
        if (confirming.delete('op:' + op.op)) confirming.add('id:' + msg.id);
      }
      if (msg.status === 'proposed') announce(t('proposed'));
      else if (op.type === 'add') announce(t('added', { v: short(op.event && op.event.text) }));
      else if (op.type === 'edit') announce(t('saved'));
      else if (op.type === 'delete') announce(t('deleted'));
      else if (op.type === 'topic') announce(t('topicAdded', { v: short(op.text) }));
    } else {
      onRefused(op, msg);
    }
    everythingSent = outbox.ops.length === 0;
    saveOutbox();
    render();
  };

  const FIELD_INPUTS = {
    'event.local': 'ev-date', 'event.precision': 'ev-precision', 'event.text': 'ev-text',
    'event.actor': 'ev-actor', 'event.lane': 'ev-lane', 'event.kind': 'ev-kind',
    'event.contributed': 'ev-contributed', 'event.slowed_response': 'ev-slowed', 'text': 'topic-text',
  };
  const FIELD_LABELS = {
    'event.local': 'date', 'event.precision': 'precision', 'event.text': 'whatHappened',
    'event.actor': 'actor', 'event.lane': 'lane', 'event.kind': 'kind',
    'event.contributed': 'contributed', 'event.slowed_response': 'slowed', 'text': 'fieldLabelText',
  };

  const onRefused = (op, msg) => {
    const box = op.type === 'topic' ? 'topic-error' : 'event-error';
    const code = str(msg.code) || 'invalid';
    const field = str(msg.field);
    const label = FIELD_LABELS[field] ? t(FIELD_LABELS[field]) : '';
    const lines = [(label ? label + ': ' : '') + codeText(code)];
    let restored = false;
    if ((op.type === 'add' || op.type === 'edit') && isObj(op.event) && !formDirty()) {
      /* give the input back: a refused change is not lost */
      const target = op.type === 'edit' && code !== 'not-found'
        ? (isStr(op.id) ? { id: op.id } : isStr(op.op_ref) ? { op_ref: op.op_ref } : null) : null;
      if (target) setEditing({ key: target.id ? 'id:' + target.id : 'op:' + target.op_ref, target }, false);
      fillForm(op.event);
      restored = true;
    } else if (op.type === 'topic' && !$('topic-text').value.trim()) {
      $('topic-text').value = str(op.text);
      restored = true;
    }
    if (restored) lines.push(t('errRestored'));
    showAlert(box, lines, str(msg.message), FIELD_INPUTS[field]);
  };

  const onError = (msg) => {
    const code = str(msg.code);
    if (code === 'unknown-token') {
      store.remove(KEY_TOKEN);
      pendingJoin = null;
      phase = 'lobby';
      showJoin();
      showAlert('join-error', [codeText(code)]);
      return;
    }
    if (code === 'removed') { store.remove(KEY_TOKEN); end('removed'); return; }
    if (code === 'rate') { holdForRate(); return; }
    if (phase === 'ready') showAlert('event-error', [codeText(code)], str(msg.message));
    else {
      phase = 'lobby';
      pendingJoin = null;
      showJoin();
      showAlert('join-error', [codeText(code)], str(msg.message), code === 'name-taken' ? 'join-name' : null, true);
    }
  };

  const onBye = (msg) => {
    const reason = msg.reason === 'removed' ? 'removed' : 'stopped';
    if (reason === 'removed') store.remove(KEY_TOKEN);
    end(reason);
  };

  const end = (reason) => {
    phase = 'ended';
    clearTimeout(reconnectTimer);
    clearInterval(pingTimer);
    clearTimeout(pumpTimer);
    if (ws) {
      const old = ws;
      ws = null;
      old.onmessage = old.onclose = old.onerror = null;
      try { old.close(); } catch (e) { /* closed */ }
    }
    $('ended-title').textContent = t('endedTitle');
    $('ended-text').textContent = t(reason === 'removed' ? 'endedRemoved' : 'endedStopped');
    const list = $('ended-unsent-list');
    clear(list);
    for (const m of outbox.ops) {
      let line;
      if (m.type === 'add') line = t('unsentAdd', { v: str(m.event && m.event.text) });
      else if (m.type === 'edit') line = t('unsentEdit', { v: str(m.event && m.event.text) });
      else if (m.type === 'delete') line = t('unsentDelete');
      else line = t('unsentTopic', { v: str(m.text) });
      list.append(el('li', { text: line }));
    }
    $('ended-unsent').hidden = outbox.ops.length === 0;
    document.title = t('pageTitle');
    showScreen('screen-ended');
    $('ended-title').setAttribute('tabindex', '-1');
    $('ended-title').focus();
  };

  /* ---- Status ---------------------------------------------------------------------------- */
  const updateStatus = () => {
    const n = outbox.ops.length;
    let s;
    if (phase === 'ready') {
      if (n > 0) s = tn('statusSending', n);
      else s = everythingSent ? t('statusSent') : t('statusConnected');
    } else {
      s = n > 0 ? tn('statusOffline', n) : t('statusOffline');
    }
    const node = $('status');
    if (s !== lastStatus) {
      lastStatus = s;
      node.textContent = s;
    }
    node.classList.toggle('offline', phase !== 'ready');
  };

  /* ---- Join screen ----------------------------------------------------------------------- */
  const showJoin = () => {
    const title = lobby ? str(lobby.title) : '';
    $('join-title').textContent = title || t('appName');
    document.title = title ? t('pageTitleWith', { title }) : t('pageTitle');
    const box = $('join-people');
    const chosen = box.querySelector('input:checked');
    const chosenId = chosen ? chosen.value : '';
    clear(box);
    const list = lobby && Array.isArray(lobby.participants) ? lobby.participants.filter((p) => isObj(p) && isStr(p.id)) : [];
    list.forEach((p, i) => {
      const id = 'join-p-' + i;
      const input = el('input', { type: 'radio', name: 'who', id, value: p.id });
      input.checked = p.id === chosenId;
      input.addEventListener('change', () => { if (input.checked) $('join-name').value = ''; });
      box.append(el('div', { class: 'radio' }, input, el('label', { for: id, text: str(p.name) || p.id })));
    });
    $('join-pick').hidden = list.length === 0;
    $('join-name-label').textContent = list.length ? t('yourNameOr') : t('yourName');
    $('join-button').disabled = false;
    $('join-status').textContent = '';
    const wasShown = currentScreen() === 'screen-join';
    showScreen('screen-join');
    if (!wasShown) {
      const first = box.querySelector('input');
      (first && !$('join-name').value ? first : $('join-name')).focus();
    }
  };

  const onJoinSubmit = (e) => {
    e.preventDefault();
    clearAlert('join-error');
    const chosen = $('join-people').querySelector('input:checked');
    const name = $('join-name').value.trim();
    let hello;
    if (name) hello = { type: 'hello', name };
    else if (chosen) hello = { type: 'hello', participant: chosen.value };
    else { showAlert('join-error', [t('joinNeedName')], '', 'join-name', true); return; }
    pendingJoin = hello;
    $('join-status').textContent = t('joining');
    if (ws && ws.readyState === WebSocket.OPEN && phase === 'lobby') {
      phase = 'hello';
      $('join-button').disabled = true;
      send(hello);
    } else if (!ws) {
      connect();
    }
  };

  /* ---- Main screen ----------------------------------------------------------------------- */
  let mainBuilt = false;

  const todayIn = (zone) => {
    try {
      const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone || undefined, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date());
      const get = (ty) => parts.find((p) => p.type === ty).value;
      return get('year') + '-' + get('month') + '-' + get('day');
    } catch (e) {
      const d = new Date();
      return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
    }
  };

  const defaultDate = () => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(session.incident_date)) return session.incident_date;
    for (let i = order.length - 1; i >= 0; i--) {
      const m = /^(\d{4}-\d{2}-\d{2})/.exec(str(events.get(order[i]).local));
      if (m) return m[1];
    }
    return todayIn(session.zone);
  };

  const showMain = () => {
    $('main-title').textContent = session.title || t('appName');
    $('you-name').textContent = session.you.name;
    document.title = session.title ? t('pageTitleWith', { title: session.title }) : t('pageTitle');
    $('zone-note').textContent = session.zone
      ? t('zoneNote', { zone: session.zone, offset: session.zone_offset || '' }).replace(' ()', '') : '';
    /* kinds and lanes (keep the user's choice) */
    const kindSel = $('ev-kind');
    const kindNow = kindSel.value;
    clear(kindSel);
    kindSel.append(el('option', { value: '', text: t('kindNone') }));
    for (const k of session.kinds) kindSel.append(el('option', { value: k, text: kindLabel(k) }));
    setKind(kindNow);
    const lanes = $('ev-lanes');
    clear(lanes);
    for (const l of session.lanes) lanes.append(el('option', { value: l }));
    if (!mainBuilt) {
      mainBuilt = true;
      $('ev-date').value = defaultDate();
      $('ev-precision').value = 'minute';
      applyPrecision();
    }
    const wasShown = currentScreen() === 'screen-main';
    showScreen('screen-main');
    render();
    renderPeople();
    if (!wasShown) $('ev-text').focus();
  };

  const setKind = (k) => {
    const sel = $('ev-kind');
    if (k && ![...sel.options].some((o) => o.value === k)) sel.append(el('option', { value: k, text: kindLabel(k) }));
    sel.value = k || '';
  };

  const renderPeople = () => {
    const list = $('people');
    clear(list);
    const online = people.filter((p) => p.online === true);
    for (const p of online) {
      const li = el('li', { text: str(p.name) || str(p.id) });
      if (session && p.id === session.you.id) li.append(' ', el('span', { class: 'muted', text: t('youMarker') }));
      list.append(li);
    }
    $('people-heading').textContent = t('connectedCount', { n: online.length });
  };

  /* ---- The timeline ---------------------------------------------------------------------- */
  const fieldsOf = (ev) => ({
    local: str(ev.local),
    precision: PRECISIONS.includes(ev.precision) ? ev.precision : (ev.local ? 'minute' : 'unknown'),
    text: str(ev.text), actor: str(ev.actor), lane: str(ev.lane), kind: str(ev.kind),
    contributed: ev.contributed === true, slowed_response: ev.slowed_response === true,
  });

  /* The key of the item an edit/delete operation is about. */
  const targetKey = (m) => {
    if (isStr(m.id)) return 'id:' + m.id;
    if (isStr(m.op_ref)) return outbox.ids[m.op_ref] ? 'id:' + outbox.ids[m.op_ref] : 'op:' + m.op_ref;
    return '';
  };

  /* What the list shows: the server's events with the waiting operations laid over them. */
  const buildViews = () => {
    const edits = new Map();
    const deletes = new Set();
    const adds = [];
    for (const m of outbox.ops) {
      if (m.type === 'add' && isObj(m.event)) adds.push(m);
      else if (m.type === 'edit' && isObj(m.event)) { edits.set(targetKey(m), m.event); deletes.delete(targetKey(m)); }
      else if (m.type === 'delete') deletes.add(targetKey(m));
    }
    const overlay = (v) => {
      if (edits.has(v.key)) { v.fields = fieldsOf(edits.get(v.key)); v.time = ''; v.waiting = v.waiting || 'edit'; }
      if (deletes.has(v.key)) v.waiting = 'delete';
      return v;
    };
    const views = order.map((id) => {
      const ev = events.get(id);
      return overlay({ key: 'id:' + id, target: { id }, mine: ev.mine === true, fields: fieldsOf(ev), time: str(ev.time), contributor: str(ev.contributor), waiting: '' });
    });
    for (const m of adds) {
      const v = overlay({ key: 'op:' + m.op, target: { op_ref: m.op }, mine: true, fields: fieldsOf(m.event), time: '', contributor: session ? session.you.name : '', waiting: 'add' });
      /* a rough place until the server puts it: before the first event that is later */
      let at = views.length;
      if (v.fields.local) {
        const i = views.findIndex((w) => w.fields.local && w.fields.local > v.fields.local);
        if (i >= 0) at = i;
      }
      views.splice(at, 0, v);
    }
    return views;
  };

  const formatWhen = (f) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(f.local);
    if (!m || f.precision === 'unknown') return t('timeUnknown');
    let date;
    try {
      date = new Intl.DateTimeFormat(LANG, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
        .format(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])));
    } catch (e) { date = m[1] + '-' + m[2] + '-' + m[3]; }
    if (f.precision === 'day' || m[4] === undefined) return date;
    const hm = m[4] + ':' + m[5];
    if (f.precision === 'hour') return date + ' · ' + t('aroundHour', { t: m[4] + ':00' });
    if (f.precision === 'exact') return date + ' · ' + hm + ':' + (m[6] || '00');
    return date + ' · ' + hm;
  };

  const nodes = new Map();   /* key → {node, sig} */
  let itemSerial = 0;

  const buildItem = (v) => {
    const f = v.fields;
    const n = ++itemSerial;
    const textId = 'ev-t-' + n;
    const kindClass = f.kind && Object.prototype.hasOwnProperty.call(STRINGS.en.kinds, f.kind) ? ' kind-' + f.kind : '';
    const li = el('li', { class: 'event' + kindClass + (v.mine ? ' mine' : '') + (v.waiting ? ' waiting waiting-' + v.waiting : '') });
    li.dataset.key = v.key;
    const head = el('div', { class: 'ev-head' },
      el('time', { class: 'ev-time', datetime: v.time || undefined, text: formatWhen(f) }));
    if (f.kind) head.append(el('span', { class: 'badge kind', text: kindLabel(f.kind) }));
    li.append(head);
    li.append(el('p', { class: 'ev-text', id: textId, text: f.text }));
    const meta = [];
    if (f.actor) meta.push(el('span', { text: t('actorIs', { v: f.actor }) }));
    if (f.lane) meta.push(el('span', { text: t('laneIs', { v: f.lane }) }));
    if (meta.length) li.append(el('p', { class: 'ev-meta' }, ...meta));
    if (f.contributed || f.slowed_response) {
      const flags = el('ul', { class: 'flags' });
      if (f.contributed) flags.append(el('li', { class: 'flag flag-contributed', text: t('contributed') }));
      if (f.slowed_response) flags.append(el('li', { class: 'flag flag-slowed', text: t('slowed') }));
      li.append(flags);
    }
    if (v.contributor) li.append(el('p', { class: 'ev-by', text: t('addedBy', { v: v.contributor }) }));
    if (v.waiting) {
      const w = { add: 'waitingAdd', edit: 'waitingEdit', delete: 'waitingDelete' }[v.waiting];
      li.append(el('p', { class: 'ev-waiting', text: t(w) }));
    }
    if (v.mine && v.waiting !== 'delete') {
      if (confirming.has(v.key)) {
        const askId = 'ev-ask-' + n;
        li.append(el('div', { class: 'confirm', role: 'group', 'aria-labelledby': askId },
          el('span', { id: askId, text: t('deleteAsk') }),
          el('button', { type: 'button', class: 'danger', 'data-action': 'delete-yes', 'aria-describedby': textId, text: t('deleteYes') }),
          el('button', { type: 'button', 'data-action': 'delete-no', text: t('deleteNo') })));
      } else {
        li.append(el('div', { class: 'ev-actions' },
          el('button', { type: 'button', 'data-action': 'edit', 'aria-describedby': textId, text: t('edit') }),
          el('button', { type: 'button', 'data-action': 'delete', 'aria-describedby': textId, text: t('delete') })));
      }
    }
    return li;
  };

  const render = () => {
    updateStatus();
    renderTopics();
    if (!session) return;
    const list = $('timeline');
    const views = buildViews();
    const want = new Set(views.map((v) => v.key));
    for (const [key, rec] of nodes) {
      if (!want.has(key)) { rec.node.remove(); nodes.delete(key); }
    }
    const initial = nodes.size === 0;
    let cursor = list.firstChild;
    for (const v of views) {
      const sig = JSON.stringify([v.fields, v.time, v.mine, v.contributor, v.waiting, confirming.has(v.key)]);
      let rec = nodes.get(v.key);
      if (!rec || rec.sig !== sig) {
        const node = buildItem(v);
        if (rec) {
          const active = document.activeElement;
          const action = rec.node.contains(active) && active.dataset ? active.dataset.action : null;
          if (rec.node === cursor) cursor = node;
          rec.node.replaceWith(node);
          if (action) {
            const again = node.querySelector('[data-action="' + action + '"]')
              || node.querySelector('[data-action]');
            (again || $('timeline-heading')).focus();
          }
        } else if (!initial) {
          node.classList.add('fresh');
        }
        rec = { node, sig };
        nodes.set(v.key, rec);
      }
      if (rec.node === cursor) cursor = cursor.nextSibling;
      else list.insertBefore(rec.node, cursor);
    }
    $('timeline-empty').hidden = views.length > 0;
  };

  const renderTopics = () => {
    const list = $('topic-pending');
    clear(list);
    const topics = outbox.ops.filter((m) => m.type === 'topic');
    for (const m of topics) list.append(el('li', { text: str(m.text) }));
    $('topic-pending-box').hidden = topics.length === 0;
  };

  const onTimelineClick = (e) => {
    const button = e.target.closest('button[data-action]');
    if (!button) return;
    const li = button.closest('li.event');
    const key = li && li.dataset.key;
    const v = key && buildViews().find((w) => w.key === key);
    if (!v) return;
    switch (button.dataset.action) {
      case 'edit':
        setEditing({ key: v.key, target: v.target }, true);
        fillForm(v.fields);
        $('ev-text').focus();
        break;
      case 'delete':
        confirming.add(key);
        render();
        { const keep = nodes.get(key).node.querySelector('[data-action="delete-no"]'); if (keep) keep.focus(); }
        break;
      case 'delete-no':
        confirming.delete(key);
        render();
        { const d = nodes.get(key).node.querySelector('[data-action="delete"]'); if (d) d.focus(); }
        break;
      case 'delete-yes': {
        confirming.delete(key);
        const msg = Object.assign({ type: 'delete', op: newOpId() }, v.target);
        if (editing && editing.key === key) setEditing(null, false);
        enqueue(msg);
        $('timeline-heading').focus();
        break;
      }
      default: break;
    }
  };

  /* ---- The event form -------------------------------------------------------------------- */
  const applyPrecision = () => {
    const p = $('ev-precision').value;
    const time = $('ev-time');
    const needTime = p === 'exact' || p === 'minute' || p === 'hour';
    time.step = p === 'exact' ? '1' : '60';
    time.disabled = !needTime;
    $('ev-time-field').hidden = !needTime;
    $('ev-date').disabled = p === 'unknown';
    $('ev-date-field').hidden = p === 'unknown';
  };

  const formDirty = () => $('ev-text').value.trim() !== '';

  const fillForm = (f) => {
    const p = PRECISIONS.includes(f.precision) ? f.precision : 'minute';
    $('ev-precision').value = p;
    const m = /^(\d{4}-\d{2}-\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(str(f.local));
    if (m) {
      $('ev-date').value = m[1];
      $('ev-time').value = m[2] ? m[2] + ':' + m[3] + (p === 'exact' ? ':' + (m[4] || '00') : '') : '';
    } else {
      $('ev-time').value = '';
    }
    $('ev-text').value = str(f.text);
    $('ev-actor').value = str(f.actor);
    $('ev-lane').value = str(f.lane);
    setKind(str(f.kind));
    $('ev-contributed').checked = f.contributed === true;
    $('ev-slowed').checked = f.slowed_response === true;
    applyPrecision();
  };

  const resetForm = () => {
    $('ev-text').value = '';
    $('ev-time').value = '';
    setKind('');
    $('ev-contributed').checked = false;
    $('ev-slowed').checked = false;
    /* precision, date, actor and lane stay: the next event is often alike */
  };

  const setEditing = (ed, clearAlerts) => {
    editing = ed;
    $('event-heading').textContent = t(ed ? 'editEvent' : 'addEvent');
    $('ev-submit').textContent = t(ed ? 'saveButton' : 'addButton');
    $('ev-cancel').hidden = !ed;
    $('event-section').classList.toggle('is-editing', !!ed);
    if (clearAlerts) clearAlert('event-error');
  };

  const pad2 = (s) => String(s).padStart(2, '0');

  const onEventSubmit = (e) => {
    e.preventDefault();
    clearAlert('event-error');
    const precision = $('ev-precision').value;
    const text = $('ev-text').value;
    const date = $('ev-date').value;
    const time = $('ev-time').value;
    if (!text.trim()) { showAlert('event-error', [t('errTextRequired')], '', 'ev-text', true); return; }
    let local = '';
    if (precision !== 'unknown') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) { showAlert('event-error', [t('errDateRequired')], '', 'ev-date', true); return; }
      local = date;
      if (precision !== 'day') {
        const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(time);
        if (!m) { showAlert('event-error', [t('errTimeRequired')], '', 'ev-time', true); return; }
        const hh = pad2(m[1]);
        if (precision === 'exact') local += ' ' + hh + ':' + m[2] + ':' + (m[3] || '00');
        else if (precision === 'minute') local += ' ' + hh + ':' + m[2];
        else local += ' ' + hh + ':00';
      }
    }
    const fields = { local, precision, text };
    const actor = $('ev-actor').value.trim();
    const lane = $('ev-lane').value.trim();
    const kind = $('ev-kind').value;
    if (actor) fields.actor = actor;
    if (lane) fields.lane = lane;
    if (kind) fields.kind = kind;
    fields.contributed = $('ev-contributed').checked;
    fields.slowed_response = $('ev-slowed').checked;

    const msg = editing
      ? Object.assign({ type: 'edit', op: newOpId() }, editing.target, { event: fields })
      : { type: 'add', op: newOpId(), event: fields };
    if (!fitsMessage(msg)) { showAlert('event-error', [t('errTooLong')], '', 'ev-text', true); return; }
    const wasEditing = editing;
    setEditing(null, false);
    resetForm();
    enqueue(msg);
    announce(phase === 'ready' ? t('queued') : t('queuedOffline'));
    const back = wasEditing && nodes.get(wasEditing.key);
    const editButton = back && back.node.querySelector('[data-action="edit"]');
    (editButton || $('ev-text')).focus();
  };

  const onCancelEdit = () => {
    const was = editing;
    setEditing(null, true);
    resetForm();
    const back = was && nodes.get(was.key);
    const editButton = back && back.node.querySelector('[data-action="edit"]');
    (editButton || $('ev-text')).focus();
  };

  const onTopicSubmit = (e) => {
    e.preventDefault();
    clearAlert('topic-error');
    const text = $('topic-text').value.trim();
    if (!text) { showAlert('topic-error', [t('errTopicRequired')], '', 'topic-text', true); return; }
    const msg = { type: 'topic', op: newOpId(), text };
    if (!fitsMessage(msg)) { showAlert('topic-error', [t('errTooLong')], '', 'topic-text', true); return; }
    $('topic-text').value = '';
    enqueue(msg);
    announce(phase === 'ready' ? t('queued') : t('queuedOffline'));
    $('topic-text').focus();
  };

  const fitsMessage = (msg) => new TextEncoder().encode(JSON.stringify(msg)).length <= MESSAGE_BYTES - 1024;

  /* Into the outbox (kept in localStorage) first, then onto the wire. */
  const enqueue = (msg) => {
    loadOutbox();   /* another tab of this session may have changed it */
    outbox.ops.push(msg);
    everythingSent = false;
    saveOutbox();
    render();
    pump();
  };

  /* ---- Alerts ---------------------------------------------------------------------------- */
  const showAlert = (boxId, lines, detail, fieldId, focus) => {
    const box = $(boxId);
    if (boxId === rateAlert) rateAlert = '';
    clearAlert(boxId);
    for (const l of lines) box.append(el('p', { text: l }));
    if (detail) box.append(el('p', { class: 'detail', text: t('errDetail', { v: detail }) }));
    box.classList.add('shown');
    if (fieldId && $(fieldId)) {
      const f = $(fieldId);
      f.setAttribute('aria-invalid', 'true');
      const d = (f.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && x !== boxId);
      d.push(boxId);
      f.setAttribute('aria-describedby', d.join(' '));
      if (focus && !f.disabled && f.offsetParent !== null) f.focus();
    }
  };
  const clearAlert = (boxId) => {
    const box = $(boxId);
    clear(box);
    box.classList.remove('shown');
    for (const f of document.querySelectorAll('[aria-describedby~="' + boxId + '"]')) {
      f.removeAttribute('aria-invalid');
      const d = f.getAttribute('aria-describedby').split(' ').filter((x) => x && x !== boxId);
      if (d.length) f.setAttribute('aria-describedby', d.join(' '));
      else f.removeAttribute('aria-describedby');
    }
  };

  /* ---- Start ----------------------------------------------------------------------------- */
  const start = () => {
    document.documentElement.lang = LANG;
    document.title = t('pageTitle');
    for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
    loadOutbox();
    showScreen('screen-connecting');

    $('join-form').addEventListener('submit', onJoinSubmit);
    $('join-name').addEventListener('input', () => {
      if ($('join-name').value) for (const r of $('join-people').querySelectorAll('input:checked')) r.checked = false;
    });
    $('event-form').addEventListener('submit', onEventSubmit);
    $('ev-precision').addEventListener('change', applyPrecision);
    $('ev-cancel').addEventListener('click', onCancelEdit);
    $('event-form').addEventListener('keydown', (e) => { if (e.key === 'Escape' && editing) { e.preventDefault(); onCancelEdit(); } });
    $('topic-form').addEventListener('submit', onTopicSubmit);
    $('timeline').addEventListener('click', onTimelineClick);
    $('timeline-heading').setAttribute('tabindex', '-1');

    window.addEventListener('online', () => {
      if (phase === 'ended' || ws) return;
      backoff = BACKOFF_FIRST_MS;
      connect();
    });
    window.addEventListener('storage', (e) => {
      if (e.key === KEY_OUTBOX) { loadOutbox(); render(); pump(); }
    });
    connect();
  };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
