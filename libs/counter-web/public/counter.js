/* The counter page: log in, check a code, redeem it with one tap, undo a mistake, see today. */
(function () {
  'use strict';
  const I18N = window.COUNTER_I18N;
  const LANGS = Object.keys(I18N);
  const store = window.localStorage;
  const $ = (id) => document.getElementById(id);

  let lang = pickLanguage();
  let session = JSON.parse(store.getItem('muvo-counter-session') || 'null');
  let current = null; // { code, voucherId, offerTitle }
  let inFlight = false; // a request that moves or checks a voucher is on its way
  let settleUntil = 0; // buttons that just appeared ignore taps until then
  let undoTarget = null; // { voucherId, offerTitle } while the undo question is open
  /**
   * How long new buttons stay disabled after they appear: the second tap of a double tap (and a
   * ghost tap) comes within ~300 ms, a deliberate tap on a new answer after reading it, later.
   */
  const SETTLE_MS = 700;
  const deviceId = store.getItem('muvo-counter-device') || newDeviceId();

  function newDeviceId() {
    const id = (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2) + Date.now()).replace(
      /[^A-Za-z0-9_-]/g,
      '',
    );
    store.setItem('muvo-counter-device', id);
    return id;
  }

  /** The browser's language by default; the person's own choice once made. */
  function pickLanguage() {
    const chosen = store.getItem('muvo-counter-lang');
    if (chosen && I18N[chosen]) return chosen;
    for (const l of navigator.languages || [navigator.language || 'en']) {
      const base = String(l).toLowerCase().split('-')[0];
      if (I18N[base]) return base;
    }
    return 'en';
  }

  function t(key, params) {
    const text = (I18N[lang] && I18N[lang][key]) || I18N.en[key] || key;
    return text.replace(/\{(\w+)\}/g, (_, name) => (params && params[name] !== undefined ? params[name] : ''));
  }

  function applyLanguage() {
    document.documentElement.lang = lang;
    $('language').value = lang;
    document.querySelectorAll('[data-i18n]').forEach((el) => (el.textContent = t(el.dataset.i18n)));
    document.title = t('appName');
    if (undoTarget) $('undo-detail').textContent = t('undoQuestionDetail', { offer: undoTarget.offerTitle });
    if (session) loadToday();
  }

  const when = (iso) =>
    new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  const time = (iso) => new Intl.DateTimeFormat(lang, { timeStyle: 'short' }).format(new Date(iso));

  async function api(method, path, body, retried) {
    const headers = { 'x-device-id': deviceId };
    if (body) headers['content-type'] = 'application/json';
    if (session) headers.authorization = 'Bearer ' + session.accessToken;
    let response;
    try {
      response = await fetch(path, { method, headers, body: body ? JSON.stringify(body) : undefined });
    } catch (e) {
      // No answer: the request may or may not have reached the server.
      return { status: 0, body: { code: 'OFFLINE' } };
    }
    const data = await response.json().catch(() => ({}));
    if (response.status === 401 && session && session.refreshToken && !retried) {
      if (await refresh()) return api(method, path, body, true);
      logout();
    }
    return { status: response.status, body: data };
  }

  async function refresh() {
    const r = await fetch('/v1/counter/session/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    }).catch(() => null);
    if (!r || !r.ok) return false;
    const next = await r.json();
    session = Object.assign({}, session, { accessToken: next.accessToken, refreshToken: next.refreshToken });
    store.setItem('muvo-counter-session', JSON.stringify(session));
    return true;
  }

  function show() {
    $('login-view').hidden = !!session;
    $('counter-view').hidden = !session;
    $('logout').hidden = !session;
    $('shop-name').textContent = session ? '· ' + session.merchant.name : '';
    if (session) {
      $('code').focus();
      loadToday();
    } else {
      $('email').focus();
    }
  }

  function logout() {
    session = null;
    store.removeItem('muvo-counter-session');
    clearResult();
    show();
  }

  /**
   * One unmistakable answer: colour, symbol and words together. Its buttons settle before they
   * take a tap, then `focus` (a button id) gets the focus.
   */
  function verdict(kind, title, detail, actions, focus) {
    const box = $('result');
    box.hidden = false;
    box.className = 'result ' + kind;
    $('verdict-text').textContent = title;
    $('verdict-detail').textContent = detail || '';
    $('redeem').hidden = !(actions && actions.redeem);
    $('undo').hidden = !(actions && actions.undo);
    $('next').hidden = !(actions && actions.next);
    box.dataset.verdict = kind;
    settle(focus && $(focus));
  }

  /** New buttons are disabled for a moment, so that a tap meant for the old ones cannot hit them. */
  function settle(focusAfter) {
    const until = (settleUntil = Date.now() + SETTLE_MS);
    updateButtons();
    setTimeout(() => {
      updateButtons();
      // Only the latest answer moves the focus.
      if (until === settleUntil && focusAfter && !focusAfter.hidden && !focusAfter.disabled) focusAfter.focus();
    }, SETTLE_MS + 10);
  }

  /**
   * Every button's state from one place: nothing takes a tap while a request is on its way, the
   * answer's and the undo question's buttons not while settling, and nothing that redeems or
   * undoes while the device is offline.
   */
  function updateButtons() {
    const settling = Date.now() < settleUntil;
    document.querySelectorAll('button').forEach((b) => {
      const fresh = settling && b.closest('#result, #undo-dialog') !== null;
      b.disabled = inFlight || fresh || (!navigator.onLine && b.hasAttribute('data-online'));
    });
  }

  /** One request at a time: a tap while another request is on its way does nothing. */
  async function exclusive(work) {
    if (inFlight) return;
    inFlight = true;
    updateButtons();
    try {
      await work();
    } finally {
      inFlight = false;
      updateButtons();
    }
  }

  function clearResult() {
    current = null;
    $('result').hidden = true;
    $('result').className = 'result';
  }

  function explain(r) {
    const b = r.body || {};
    switch (b.code) {
      case 'ALREADY_REDEEMED':
        return verdict('used', t('alreadyRedeemed'), t('alreadyRedeemedDetail', { when: when(b.redeemedAt) }), {
          next: true,
        });
      case 'VOUCHER_EXPIRED':
        return verdict('invalid', t('expired'), t('expiredDetail', { when: when(b.expiredAt) }), { next: true });
      case 'WRONG_MERCHANT':
        return verdict('invalid', t('wrongShop'), t('wrongShopDetail'), { next: true });
      case 'VOUCHER_NOT_FOUND':
        return b.typo
          ? verdict('invalid', t('typo'), t('typoDetail'))
          : verdict('invalid', t('notFound'), t('notFoundDetail'));
      case 'INVALID_QR':
        return verdict('invalid', t('badQr'), t('badQrDetail'));
      case 'NOT_USABLE_NOW':
        return verdict('used', t('notNow'), t('notNowDetail', { offer: b.offerTitle }), { next: true });
      case 'TOO_MANY_UNKNOWN_CODES':
        return verdict('invalid', t('tooMany'), t('tooManyDetail', { minutes: Math.ceil((b.retryAfterS || 60) / 60) }));
      case 'MERCHANT_SUSPENDED':
        return verdict('invalid', t('suspended'), t('suspendedDetail'), { next: true });
      case 'MERCHANT_NOT_APPROVED':
        return verdict('invalid', t('notApproved'), t('notApprovedDetail'), { next: true });
      case 'UNDO_WINDOW_CLOSED':
        return verdict('used', t('undoClosed'), t('undoClosedDetail'), { next: true });
      case 'OFFLINE':
        return verdict('info', t('offline'), t(r.unsure ? 'offlineUnsureDetail' : 'offlineDetail'), { next: true });
      default:
        return verdict('info', t('error'), t('errorDetail'));
    }
  }

  function check(raw) {
    const code = raw.trim();
    if (!code) return verdict('info', t('empty'), t('emptyDetail'));
    return exclusive(async () => {
      current = null;
      const r = await api('POST', '/v1/counter/preview', { code });
      if (r.status === 200) {
        current = { code, voucherId: r.body.voucherId, offerTitle: r.body.offerTitle };
        verdict(
          'valid',
          t('valid'),
          t('validDetail', { offer: r.body.offerTitle }),
          { redeem: true, next: true },
          'redeem',
        );
      } else {
        explain(r);
      }
    });
  }

  function redeem() {
    const target = current;
    if (!target) return;
    return exclusive(async () => {
      const r = await api('POST', '/v1/redemptions', { code: target.code });
      if (r.status === 201) {
        current = Object.assign(target, { voucherId: r.body.voucherId, offerTitle: r.body.offerTitle });
        verdict(
          'redeemed',
          t('redeemed'),
          t('redeemedDetail', { offer: r.body.offerTitle, time: time(r.body.undoUntil) }),
          { undo: true, next: true },
          'next',
        );
        loadToday();
      } else {
        // Without an answer nobody knows whether it counted: say so rather than "try again".
        explain(r.status === 0 ? Object.assign(r, { unsure: true }) : r);
      }
    });
  }

  /** Undo is never one tap: it asks first, with "keep" as the safe default. */
  function askUndo(target) {
    undoTarget = target;
    $('undo-detail').textContent = t('undoQuestionDetail', { offer: target.offerTitle });
    const dialog = $('undo-dialog');
    if (!dialog.open) dialog.showModal();
    settle($('keep'));
  }

  function undo(voucherId) {
    return exclusive(async () => {
      const r = await api('POST', '/v1/redemptions/' + encodeURIComponent(voucherId) + '/undo');
      if (r.status === 200) {
        // Undone after the voucher's expiry passed: it stays expired and is not refunded.
        if (r.body && r.body.status === 'expired')
          verdict('info', t('undoneExpired'), t('undoneExpiredDetail'), { next: true }, 'next');
        else verdict('info', t('undone'), t('undoneDetail'), { next: true }, 'next');
        loadToday();
      } else {
        explain(r);
      }
    });
  }

  /** Offline, the page says so and redeems nothing: a redemption counts once the server has it. */
  function connectionChanged() {
    const offline = !navigator.onLine;
    $('offline-banner').hidden = !offline;
    if (offline && current && !$('redeem').hidden) {
      current = null;
      verdict('info', t('offline'), t('offlineDetail'), { next: true });
    }
    updateButtons();
  }

  async function loadToday() {
    const r = await api('GET', '/v1/counter/redemptions');
    // Offline the list is unknown: better no list than "nothing redeemed today".
    if (r.status === 0) $('today-empty').hidden = true;
    if (r.status !== 200) return;
    const list = $('today-list');
    list.replaceChildren();
    $('today-empty').hidden = r.body.items.length > 0;
    for (const item of r.body.items) {
      const li = document.createElement('li');
      const text = document.createElement('span');
      const at = document.createElement('span');
      at.className = 'when';
      at.textContent = time(item.redeemedAt) + ' ';
      text.append(at, item.offerTitle + (item.staffName ? ' · ' + t('by', { name: item.staffName }) : ''));
      if (item.undone) {
        text.className = 'undone';
        text.append(' (' + t('undoneTag') + ')');
      }
      li.append(text);
      if (item.undoUntil) {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'secondary';
        b.textContent = t('undo');
        b.dataset.online = '';
        b.disabled = inFlight || !navigator.onLine;
        b.setAttribute('aria-label', t('undo') + ': ' + item.offerTitle + ' ' + time(item.redeemedAt));
        b.addEventListener('click', () => askUndo({ voucherId: item.voucherId, offerTitle: item.offerTitle }));
        li.append(b);
      }
      list.append(li);
    }
  }

  /** Camera scanning where the browser has a barcode detector; a USB or Bluetooth scanner types into the field. */
  let scanning = null;
  async function startScan() {
    try {
      const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
      const video = $('camera');
      video.srcObject = stream;
      await video.play();
      $('scanner').hidden = false;
      scanning = { stream };
      const tick = async () => {
        if (!scanning) return;
        const codes = await detector.detect(video).catch(() => []);
        if (codes.length) {
          stopScan();
          $('code').value = codes[0].rawValue;
          return check(codes[0].rawValue);
        }
        requestAnimationFrame(tick);
      };
      tick();
    } catch (e) {
      stopScan();
      verdict('info', t('scanUnavailable'), '');
    }
  }

  function stopScan() {
    if (scanning) scanning.stream.getTracks().forEach((track) => track.stop());
    scanning = null;
    $('scanner').hidden = true;
  }

  $('language').addEventListener('change', (e) => {
    lang = e.target.value;
    store.setItem('muvo-counter-lang', lang);
    applyLanguage();
  });
  $('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('login-error').textContent = '';
    const r = await api('POST', '/v1/counter/session', { email: $('email').value, password: $('password').value });
    if (r.status === 200) {
      session = r.body;
      store.setItem('muvo-counter-session', JSON.stringify(session));
      $('password').value = '';
      show();
    } else {
      $('login-error').textContent =
        r.status === 0 ? t('offline') : r.body.code === 'NOT_MERCHANT_STAFF' ? t('notStaff') : t('loginFailed');
    }
  });
  $('code-form').addEventListener('submit', (e) => {
    e.preventDefault();
    check($('code').value);
  });
  $('redeem').addEventListener('click', redeem);
  $('undo').addEventListener('click', () => current && askUndo(current));
  $('undo-dialog').addEventListener('close', () => {
    const target = undoTarget;
    undoTarget = null;
    // Escape, "keep" or a closed dialog keep the redemption; only "Yes, undo" undoes.
    if (target && $('undo-dialog').returnValue === 'undo') undo(target.voucherId);
    $('undo-dialog').returnValue = '';
  });
  $('next').addEventListener('click', () => {
    clearResult();
    $('code').value = '';
    $('code').focus();
  });
  $('logout').addEventListener('click', logout);
  $('scan').addEventListener('click', startScan);
  $('stop-scan').addEventListener('click', stopScan);
  $('scan').hidden = !('BarcodeDetector' in window && navigator.mediaDevices);

  window.addEventListener('online', connectionChanged);
  window.addEventListener('offline', connectionChanged);

  // The page itself opens without a connection (see sw.js); the API never goes through a cache.
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('sw.js').catch(() => undefined);

  applyLanguage();
  show();
  connectionChanged();
})();
