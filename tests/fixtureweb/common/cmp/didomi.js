/* Didomi emulation (a TCF v2.2 CMP): #didomi-host with #didomi-notice, window.Didomi
 * (setUserAgreeToAll/setUserDisagreeToAll, getCurrentUserStatus, notice, preferences), window.__tcfapi,
 * cookies didomi_token + euconsent-v2, tags blocked as
 * <script type="didomi/javascript" data-vendor="c:...">. */
(function (kit) {
  'use strict';
  var CMP_ID = 7;
  var PURPOSES = ['cookies', 'measure_content_performance', 'select_personalized_ads'];
  var VENDORS = ['google', 'c:facebook'];
  var decide;

  function token() {
    var stored = kit.cookie('didomi_token');
    return stored === null ? null : JSON.parse(atob(decodeURIComponent(stored)));
  }

  function storedChoice() {
    var current = token();
    return current === null ? null : current.purposes.enabled.length > 0;
  }

  var tcfDecide = kit.installTcfApi({ cmpId: CMP_ID, storedChoice: storedChoice });

  function status(accepted) {
    var purposes = {};
    PURPOSES.forEach(function (id) { purposes[id] = { id: id, enabled: accepted }; });
    var vendors = {};
    VENDORS.forEach(function (id) { vendors[id] = { id: id, enabled: accepted }; });
    return { purposes: purposes, vendors: vendors, regulation: 'gdpr' };
  }

  function didomiHost() {
    return document.getElementById('didomi-host') ||
      kit.mount('<div id="didomi-host" data-nosnippet="true"></div>');
  }

  function showNotice() {
    if (document.getElementById('didomi-notice')) {
      return;
    }
    var notice = kit.mount(
      '<div id="didomi-notice" class="didomi-notice-banner didomi-popup-notice" role="dialog" ' +
      'aria-labelledby="didomi-notice-title" style="' + kit.BAR_STYLE + '">' +
      '<div class="didomi-notice-text"><h1 id="didomi-notice-title">Wij respecteren je privacy</h1>' +
      '<p>Wij en <a class="didomi-notice-partners" href="/tweede/">onze partners</a> slaan ' +
      'informatie op een apparaat op en lezen die uit, voor gepersonaliseerde advertenties en ' +
      'content, advertentie- en contentmeting.</p></div>' +
      '<div id="buttons" class="didomi-buttons">' +
      '<button id="didomi-notice-disagree-button" class="didomi-components-button">' +
      'Weigeren</button> ' +
      '<button id="didomi-notice-agree-button" class="didomi-components-button">' +
      'Akkoord en sluiten</button></div></div>',
      didomiHost()
    );
    kit.onClick(notice, '#didomi-notice-agree-button', function () { decide(true); });
    kit.onClick(notice, '#didomi-notice-disagree-button', function () { decide(false); });
  }

  function hideNotice() {
    var notice = document.getElementById('didomi-notice');
    if (notice) {
      notice.remove();
    }
  }

  function store(accepted) {
    var now = new Date().toISOString();
    var chosen = { enabled: accepted ? PURPOSES : [], disabled: accepted ? [] : PURPOSES };
    var vendors = { enabled: accepted ? VENDORS : [], disabled: accepted ? [] : VENDORS };
    kit.setCookie('didomi_token', encodeURIComponent(btoa(JSON.stringify({
      user_id: kit.uuid(), created: now, updated: now, vendors: vendors, purposes: chosen,
      version: 2
    }))));
    tcfDecide(accepted);
  }

  window.Didomi = {
    setUserAgreeToAll: function () { decide(true); },
    setUserDisagreeToAll: function () { decide(false); },
    getCurrentUserStatus: function () { return status(storedChoice() === true); },
    getUserConsentStatusForAll: function () {
      var accepted = storedChoice() === true;
      return {
        purposes: { enabled: accepted ? PURPOSES : [], disabled: accepted ? [] : PURPOSES },
        vendors: { enabled: accepted ? VENDORS : [], disabled: accepted ? [] : VENDORS }
      };
    },
    shouldConsentBeCollected: function () { return storedChoice() === null; },
    notice: {
      show: showNotice, hide: hideNotice,
      isVisible: function () { return document.getElementById('didomi-notice') !== null; }
    },
    preferences: { show: showNotice }
  };

  decide = kit.run({
    stored: storedChoice,
    show: showNotice,
    hide: hideNotice,
    store: store,
    blocked: 'script[type="didomi/javascript"]'
  });
  kit.whenReady(didomiHost);
})(window.CmpKit);
