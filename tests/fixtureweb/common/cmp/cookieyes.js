/* CookieYes emulation: .cky-consent-container with [data-cky-tag=accept-button|reject-button|
 * settings-button], cookie cookieyes-consent (consentid:..,consent:yes|no,action:yes,
 * necessary:yes,functional:..,analytics:..,performance:..,advertisement:..), tags blocked as
 * <script type="text/plain" data-cookieyes="cookieyes-analytics|cookieyes-advertisement">, and the
 * revisit button [data-cky-tag=revisit-consent] after a choice. */
(function (kit) {
  'use strict';
  var CATEGORIES = ['functional', 'analytics', 'performance', 'advertisement'];
  var decide;

  function showBanner() {
    if (document.querySelector('.cky-consent-container')) {
      return;
    }
    var container = kit.mount(
      '<div class="cky-consent-container cky-box-bottom-left" tabindex="0" ' +
      'aria-label="We waarderen je privacy" role="region" style="' + kit.BAR_STYLE + '">' +
      '<div class="cky-consent-bar" data-cky-tag="notice"><div class="cky-notice">' +
      '<p class="cky-title" data-cky-tag="title">We waarderen je privacy</p>' +
      '<div class="cky-notice-des" data-cky-tag="description">We gebruiken cookies om je ' +
      'surfervaring te verbeteren, advertenties of inhoud te personaliseren en ons verkeer te ' +
      'analyseren. Door op "Alles accepteren" te klikken, stem je in met ons gebruik van ' +
      'cookies.</div>' +
      '<div class="cky-notice-btn-wrapper" data-cky-tag="notice-buttons">' +
      '<button class="cky-btn cky-btn-customize" data-cky-tag="settings-button" ' +
      'aria-label="Aanpassen">Aanpassen</button> ' +
      '<button class="cky-btn cky-btn-reject" data-cky-tag="reject-button" ' +
      'aria-label="Alles weigeren">Alles weigeren</button> ' +
      '<button class="cky-btn cky-btn-accept" data-cky-tag="accept-button" ' +
      'aria-label="Alles accepteren">Alles accepteren</button>' +
      '</div></div></div></div>'
    );
    kit.onClick(container, '[data-cky-tag=accept-button]', function () { decide(true); });
    kit.onClick(container, '[data-cky-tag=reject-button]', function () { decide(false); });
  }

  function hideBanner() {
    var container = document.querySelector('.cky-consent-container');
    if (container) {
      container.remove();
    }
  }

  function store(accepted) {
    var answer = accepted ? 'yes' : 'no';
    var parts = ['consentid:' + btoa(kit.uuid()).slice(0, 32), 'consent:' + answer, 'action:yes',
      'necessary:yes'];
    CATEGORIES.forEach(function (category) { parts.push(category + ':' + answer); });
    parts.push('other:' + answer);
    kit.setCookie('cookieyes-consent', parts.join(','));
  }

  function showRevisit() {
    if (document.querySelector('[data-cky-tag=revisit-consent]')) {
      return;
    }
    var revisit = kit.mount(
      '<div class="cky-btn-revisit-wrapper cky-revisit-bottom-left" ' +
      'data-cky-tag="revisit-consent" data-tooltip="Cookievoorkeuren" ' +
      'style="position:fixed;left:16px;bottom:16px"><button class="cky-btn-revisit" ' +
      'aria-label="Cookievoorkeuren">Cookievoorkeuren</button></div>'
    );
    kit.onClick(revisit, 'button', showBanner);
  }

  decide = kit.run({
    stored: function () {
      var consent = kit.cookie('cookieyes-consent');
      return consent === null ? null : consent.indexOf('advertisement:yes') !== -1;
    },
    show: showBanner,
    hide: hideBanner,
    store: store,
    blocked: 'script[type="text/plain"][data-cookieyes]',
    settle: showRevisit
  });
})(window.CmpKit);
