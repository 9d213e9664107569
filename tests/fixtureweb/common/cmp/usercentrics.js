/* Usercentrics (CMP v2 browser UI) emulation: the banner lives in the OPEN shadow root of
 * #usercentrics-root ([data-testid=uc-container], uc-accept-all-button, uc-deny-all-button),
 * window.UC_UI (acceptAllConsents, denyAllConsents, closeCMP, areAllConsentsAccepted, ...),
 * localStorage uc_settings + ucData + uc_user_interaction, tags blocked as
 * <script type="text/plain" data-usercentrics="<service name>">. */
(function (kit) {
  'use strict';
  var SERVICES = [
    { id: 'HkocEodjb7', name: 'Google Analytics' },
    { id: 'ko1w5PpFl', name: 'Facebook Pixel' },
    { id: 'H1Vl5NidjWX', name: 'Usercentrics Consent Management Platform', essential: true }
  ];
  var root = null;
  var decide;

  function settings() {
    var stored = localStorage.getItem('uc_settings');
    return stored === null ? null : JSON.parse(stored);
  }

  function storedChoice() {
    var current = settings();
    return current === null ? null : current.services.every(function (service) {
      return service.status;
    });
  }

  function shadow() {
    root = root || document.getElementById('usercentrics-root') ||
      kit.mount('<div id="usercentrics-root" data-created-at="' + Date.now() + '"></div>');
    return root.shadowRoot || root.attachShadow({ mode: 'open' });
  }

  function showBanner() {
    var tree = shadow();
    if (tree.querySelector('[data-testid=uc-container]')) {
      return;
    }
    var banner = kit.mount(
      '<div data-testid="uc-container" id="uc-center-container" role="dialog" ' +
      'aria-label="Privacy-instellingen" style="' + kit.BAR_STYLE + '">' +
      '<h2 id="uc-heading-title">Privacy-instellingen</h2>' +
      '<div data-testid="uc-message-container">Wij gebruiken cookies en vergelijkbare ' +
      'technologieën voor statistiek en marketing. Je kunt je toestemming op elk moment ' +
      'intrekken.</div>' +
      '<div data-testid="uc-buttons-container">' +
      '<button data-testid="uc-more-button" role="button">Instellingen</button> ' +
      '<button data-testid="uc-deny-all-button" role="button">Weigeren</button> ' +
      '<button data-testid="uc-accept-all-button" role="button">Alles accepteren</button>' +
      '</div></div>',
      tree
    );
    kit.onClick(banner, '[data-testid=uc-accept-all-button]', function () { decide(true); });
    kit.onClick(banner, '[data-testid=uc-deny-all-button]', function () { decide(false); });
  }

  function hideBanner() {
    var banner = shadow().querySelector('[data-testid=uc-container]');
    if (banner) {
      banner.remove();
    }
  }

  function store(accepted) {
    var now = Date.now();
    var action = accepted ? 'onAcceptAllServices' : 'onDenyAllServices';
    localStorage.setItem('uc_settings', JSON.stringify({
      controllerId: kit.uuid().replace(/-/g, ''), id: 'FixtureSet1', language: 'nl',
      version: '3.24.0',
      services: SERVICES.map(function (service) {
        var status = accepted || Boolean(service.essential);
        return { id: service.id, processorId: kit.uuid().replace(/-/g, ''), status: status,
          history: [{ action: action, language: 'nl', status: status, timestamp: now,
            type: 'explicit', versions: { application: '2.24.0', service: '1.0.0', settings: '3.24.0' } }] };
      })
    }));
    var consents = {};
    SERVICES.forEach(function (service) { consents[service.name] = accepted || Boolean(service.essential); });
    localStorage.setItem('ucData', JSON.stringify({
      gcm: { adStorage: accepted ? 'granted' : 'denied', analyticsStorage: accepted ? 'granted' : 'denied' },
      consent: { services: consents }
    }));
    localStorage.setItem('uc_user_interaction', 'true');
  }

  window.UC_UI = {
    isInitialized: function () { return true; },
    acceptAllConsents: function () { decide(true); return Promise.resolve(); },
    denyAllConsents: function () { decide(false); return Promise.resolve(); },
    closeCMP: function () { hideBanner(); return Promise.resolve(); },
    showFirstLayer: showBanner,
    showSecondLayer: showBanner,
    areAllConsentsAccepted: function () { return storedChoice() === true; },
    getServicesBaseInfo: function () {
      var accepted = storedChoice() === true;
      return SERVICES.map(function (service) {
        return { id: service.id, name: service.name,
          consent: { status: accepted || Boolean(service.essential) } };
      });
    }
  };

  decide = kit.run({
    stored: storedChoice,
    show: showBanner,
    hide: hideBanner,
    store: store,
    blocked: 'script[type="text/plain"][data-usercentrics]'
  });
  kit.whenReady(shadow);
})(window.CmpKit);
