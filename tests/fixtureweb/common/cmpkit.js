/* CmpKit: what the emulated commercial consent managers of the banner corpus share.
 *
 * Each emulation (common/cmp/<vendor>.js) builds the vendor's real DOM (ids, classes, texts
 * that @duckduckgo/autoconsent keys on), stores the vendor's real consent cookie or storage,
 * and unblocks the page's tracker tags in the vendor's own markup convention. This file only
 * holds the mechanics: cookies, mounting markup, unblocking tags and a TCF v2.2 __tcfapi.
 */
(function () {
  'use strict';
  var YEAR_DAYS = 365;

  /* Bottom bar and centred modal, inline so the emulations need no stylesheet. */
  var BAR_STYLE = 'position:fixed;left:0;right:0;bottom:0;z-index:2147483000;padding:16px 24px;' +
    'background:#fff;color:#222;box-shadow:0 -2px 12px rgba(0,0,0,.25);font:15px/1.4 sans-serif';
  var MODAL_STYLE = 'position:fixed;left:50%;top:50%;transform:translate(-50%,-50%);z-index:2147483000;' +
    'width:min(560px,90vw);padding:24px;background:#fff;color:#222;border-radius:8px;' +
    'box-shadow:0 4px 40px rgba(0,0,0,.4);font:15px/1.4 sans-serif';

  /* Raw cookie value (vendors encode their values differently), or null. */
  function cookie(name) {
    var prefix = name + '=';
    var found = document.cookie.split('; ').filter(function (part) {
      return part.indexOf(prefix) === 0;
    })[0];
    return found === undefined ? null : found.slice(prefix.length);
  }

  /* Write a first-party cookie; the value must already be encoded the vendor's way. */
  function setCookie(name, value, days) {
    var secure = location.protocol === 'https:' ? '; Secure' : '';
    document.cookie = name + '=' + value + '; Max-Age=' + (days || YEAR_DAYS) * 86400 +
      '; Path=/; SameSite=Lax' + secure;
  }

  function deleteCookie(name) {
    document.cookie = name + '=; Max-Age=0; Path=/';
    document.cookie = name + '=; Max-Age=0; Path=/; Domain=.' + location.hostname.replace(/^www\./, '');
  }

  /* Tracking cookies a CMP deletes when consent is refused or withdrawn. */
  function deleteTrackingCookies() {
    document.cookie.split('; ').forEach(function (part) {
      var name = part.split('=')[0];
      if (/^(_ga|_gid|_fbp)/.test(name)) {
        deleteCookie(name);
      }
    });
  }

  /* Parse an HTML string and append its single root element to `parent` (default body). */
  function mount(markup, parent) {
    var holder = document.createElement('div');
    holder.innerHTML = markup.trim();
    var root = holder.firstElementChild;
    (parent || document.body).appendChild(root);
    return root;
  }

  /* Call handler(event, element) for clicks on elements in root matching selector. */
  function onClick(root, selector, handler) {
    root.addEventListener('click', function (event) {
      var target = event.target.closest(selector);
      if (target && root.contains(target)) {
        event.preventDefault();
        handler(event, target);
      }
    });
  }

  /* Replace blocked <script> tags (any non-JS type, src in src or data-src) by live ones. */
  function unblock(selector) {
    document.querySelectorAll(selector).forEach(function (blocked) {
      var live = document.createElement('script');
      Array.prototype.forEach.call(blocked.attributes, function (attr) {
        if (['type', 'src', 'data-src'].indexOf(attr.name) === -1) {
          live.setAttribute(attr.name, attr.value);
        }
      });
      var source = blocked.getAttribute('data-src') || blocked.getAttribute('src');
      if (source) {
        live.src = source;
      } else {
        live.text = blocked.text;
      }
      blocked.parentNode.replaceChild(live, blocked);
    });
  }

  function uuid() {
    return crypto.randomUUID();
  }

  function whenReady(start) {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', start);
    } else {
      start();
    }
  }

  /* The life cycle every emulation shares. spec:
   *   stored()        -> true (accepted), false (refused) or null (no choice yet)
   *   show(decide)    renders the banner; its buttons call decide(true|false)
   *   hide()          removes or hides the banner
   *   store(accepted) writes the vendor's consent cookie/storage
   *   blocked         selector of the tags to unblock once accepted (omitted for TCF
   *                   CMPs, whose pages wait for consent through __tcfapi themselves)
   *   settle(accepted, fresh)  optional: vendor API state and widgets after a choice
   *                   (fresh: made now rather than read from storage)
   * Returns decide(accepted), for the vendor's JavaScript API. */
  function run(spec) {
    function apply(accepted, fresh) {
      if (accepted && spec.blocked) {
        unblock(spec.blocked);
      } else if (!accepted && fresh) {
        deleteTrackingCookies();
      }
      if (spec.settle) {
        spec.settle(accepted, fresh);
      }
    }

    function decide(accepted) {
      spec.store(accepted);
      spec.hide();
      apply(accepted, true);
    }

    whenReady(function () {
      var stored = spec.stored();
      if (stored === null) {
        spec.show(decide);
      } else {
        apply(stored, false);
      }
    });
    return decide;
  }

  /* --- TCF v2.2 ------------------------------------------------------------------------ */

  var PURPOSES = 11;
  var GOOGLE_VENDOR_ID = 755;

  function bits(value, length) {
    return Number(value).toString(2).padStart(length, '0');
  }

  function flags(count, isOn) {
    var out = '';
    for (var i = 1; i <= count; i += 1) {
      out += isOn(i) ? '1' : '0';
    }
    return out;
  }

  function letters(code) {
    return bits(code.charCodeAt(0) - 65, 6) + bits(code.charCodeAt(1) - 65, 6);
  }

  /* Core segment of a TC string (TCF v2.2, policy version 4), base64url without padding.
   * Accepted: purposes 1-11 and vendor 755 (Google); refused: nothing. */
  function tcString(options, accepted) {
    var now = Math.round(Date.now() / 864e6) * 864e3; // deciseconds, rounded to the day
    var vendors = accepted ? flags(GOOGLE_VENDOR_ID, function (id) { return id === GOOGLE_VENDOR_ID; }) : '';
    var field = [
      bits(2, 6), bits(now, 36), bits(now, 36), bits(options.cmpId, 12), bits(1, 12),
      bits(1, 6), letters('NL'), bits(options.vendorListVersion || 90, 12), bits(4, 6),
      '0', '0', bits(0, 12),
      flags(24, function (id) { return accepted && id <= PURPOSES; }), bits(0, 24),
      '0', letters('NL'),
      bits(accepted ? GOOGLE_VENDOR_ID : 0, 16), '0', vendors,
      bits(0, 16), '0', bits(0, 12)
    ].join('');
    var bytes = '';
    for (var i = 0; i < field.length; i += 8) {
      bytes += String.fromCharCode(parseInt(field.slice(i, i + 8).padEnd(8, '0'), 2));
    }
    return btoa(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  /* window.__tcfapi with ping, getTCData, addEventListener and removeEventListener.
   * Returns decide(accepted), which stores euconsent-v2 and notifies listeners. */
  function installTcfApi(options) {
    var stored = cookie('euconsent-v2');
    var state = {
      tcString: stored || '',
      accepted: stored ? options.storedChoice() === true : false,
      eventStatus: stored ? 'tcloaded' : 'cmpuishown'
    };
    var listeners = {};
    var nextId = 1;

    function tcData(listenerId) {
      var consents = {};
      for (var id = 1; id <= PURPOSES; id += 1) {
        consents[id] = state.accepted;
      }
      var vendorConsents = {};
      vendorConsents[GOOGLE_VENDOR_ID] = state.accepted;
      return {
        tcString: state.tcString, tcfPolicyVersion: 4, cmpId: options.cmpId, cmpVersion: 1,
        gdprApplies: true, eventStatus: state.eventStatus, cmpStatus: 'loaded',
        listenerId: listenerId, isServiceSpecific: false, useNonStandardTexts: false,
        publisherCC: 'NL', purposeOneTreatment: false,
        purpose: { consents: consents, legitimateInterests: {} },
        vendor: { consents: vendorConsents, legitimateInterests: {} },
        specialFeatureOptins: {}, publisher: { consents: {}, legitimateInterests: {} }
      };
    }

    window.__tcfapi = function (command, version, callback, parameter) {
      if (command === 'ping') {
        callback({ gdprApplies: true, cmpLoaded: true, cmpStatus: 'loaded',
          displayStatus: state.eventStatus === 'cmpuishown' ? 'visible' : 'hidden',
          apiVersion: '2.2', cmpVersion: 1, cmpId: options.cmpId, tcfPolicyVersion: 4 }, true);
      } else if (command === 'getTCData') {
        callback(tcData(undefined), true);
      } else if (command === 'addEventListener') {
        var id = nextId;
        nextId += 1;
        listeners[id] = callback;
        callback(tcData(id), true);
      } else if (command === 'removeEventListener') {
        var known = Object.prototype.hasOwnProperty.call(listeners, parameter);
        delete listeners[parameter];
        callback(known);
      } else {
        callback(null, false);
      }
    };

    return function decide(accepted) {
      state.accepted = accepted;
      state.tcString = tcString(options, accepted);
      state.eventStatus = 'useractioncomplete';
      setCookie('euconsent-v2', state.tcString, 390);
      Object.keys(listeners).forEach(function (id) {
        listeners[id](tcData(Number(id)), true);
      });
    };
  }

  /* What a TCF site does: load its tags once __tcfapi reports consent for purpose 1. */
  function onTcfConsent(load) {
    var loaded = false;
    window.__tcfapi('addEventListener', 2, function (data, success) {
      var decided = data && (data.eventStatus === 'tcloaded' || data.eventStatus === 'useractioncomplete');
      if (success && decided && data.purpose.consents[1] && !loaded) {
        loaded = true;
        load();
      }
    });
  }

  window.CmpKit = {
    BAR_STYLE: BAR_STYLE,
    MODAL_STYLE: MODAL_STYLE,
    run: run,
    cookie: cookie,
    setCookie: setCookie,
    deleteTrackingCookies: deleteTrackingCookies,
    mount: mount,
    onClick: onClick,
    unblock: unblock,
    uuid: uuid,
    whenReady: whenReady,
    tcString: tcString,
    installTcfApi: installTcfApi,
    onTcfConsent: onTcfConsent
  };
})();
