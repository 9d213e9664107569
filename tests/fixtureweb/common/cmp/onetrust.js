/* OneTrust emulation: otSDKStub's banner (#onetrust-banner-sdk inside #onetrust-consent-sdk),
 * cookies OptanonConsent + OptanonAlertBoxClosed, window.OneTrust/Optanon and
 * OnetrustActiveGroups, tags blocked as <script type="text/plain" class="optanon-category-Cxxxx">,
 * and the floating "Cookie-instellingen" button #ot-sdk-btn-floating after a choice. */
(function (kit) {
  'use strict';
  var NECESSARY = ',C0001,';
  var ALL = ',C0001,C0002,C0003,C0004,';
  var sdk = null;

  function groups() {
    var consent = kit.cookie('OptanonConsent');
    var match = consent && /(?:^|&)groups=([^&]*)/.exec(consent);
    return match ? decodeURIComponent(match[1]) : null;
  }

  function setActiveGroups(active) {
    window.OnetrustActiveGroups = active;
    window.OptanonActiveGroups = active;
    if (typeof window.OptanonWrapper === 'function') {
      window.OptanonWrapper();
    }
  }
  setActiveGroups(NECESSARY);

  function container() {
    sdk = sdk || document.getElementById('onetrust-consent-sdk') ||
      kit.mount('<div id="onetrust-consent-sdk"></div>');
    return sdk;
  }

  function show(decide) {
    var banner = kit.mount(
      '<div id="onetrust-banner-sdk" class="otFlat" role="region" aria-label="Cookiebanner" ' +
      'tabindex="0" style="' + kit.BAR_STYLE + '">' +
      '<div class="ot-sdk-container"><div class="ot-sdk-row">' +
      '<div id="onetrust-group-container" class="ot-sdk-eight ot-sdk-columns">' +
      '<div id="onetrust-policy"><h2 id="onetrust-policy-title">Wij waarderen je privacy</h2>' +
      '<p id="onetrust-policy-text">Wij en onze partners gebruiken cookies om het gebruik van de ' +
      'website te analyseren en om advertenties te personaliseren. Je kunt alle cookies ' +
      'accepteren of weigeren. <a class="ot-cookie-policy-link" href="/tweede/">Cookiebeleid</a></p>' +
      '</div></div>' +
      '<div id="onetrust-button-group-parent" class="ot-sdk-three ot-sdk-columns">' +
      '<div id="onetrust-button-group">' +
      '<button id="onetrust-reject-all-handler">Alles weigeren</button> ' +
      '<button id="onetrust-accept-btn-handler">Alle cookies accepteren</button>' +
      '</div></div></div></div></div>',
      container()
    );
    kit.onClick(banner, '#onetrust-accept-btn-handler', function () { decide(true); });
    kit.onClick(banner, '#onetrust-reject-all-handler', function () { decide(false); });
  }

  function hide() {
    var banner = document.getElementById('onetrust-banner-sdk');
    if (banner) {
      banner.remove();
    }
  }

  function store(accepted) {
    var flag = accepted ? '1' : '0';
    var consent = [
      'isGpcEnabled=0', 'datestamp=' + encodeURIComponent(new Date().toString()),
      'version=202409.1.0', 'browserGpcFlag=0', 'isIABGlobal=false', 'hosts=',
      'consentId=' + kit.uuid(), 'interactionCount=1', 'isAnonUser=1',
      'landingPath=NotLandingPage',
      'groups=' + encodeURIComponent('C0001:1,C0002:' + flag + ',C0003:' + flag + ',C0004:' + flag),
      'AwaitingReconsent=false'
    ].join('&');
    kit.setCookie('OptanonConsent', consent);
    kit.setCookie('OptanonAlertBoxClosed', new Date().toISOString());
  }

  function showFloatingButton(decide) {
    if (document.getElementById('ot-sdk-btn-floating')) {
      return;
    }
    var floating = kit.mount(
      '<div id="ot-sdk-btn-floating" class="ot-floating-button" title="Cookie-instellingen" ' +
      'style="position:fixed;left:16px;bottom:16px;z-index:2147482999">' +
      '<button class="ot-floating-button__open" aria-label="Cookie-instellingen">' +
      'Cookie-instellingen</button></div>',
      container()
    );
    kit.onClick(floating, 'button', function () {
      if (!document.getElementById('onetrust-banner-sdk')) {
        show(decide);
      }
    });
  }

  var decide = kit.run({
    stored: function () {
      var consented = groups();
      return consented === null ? null : consented.indexOf('C0004:1') !== -1;
    },
    show: show,
    hide: hide,
    store: store,
    blocked: 'script[type="text/plain"][class*="optanon-category-"]',
    settle: function (accepted) {
      setActiveGroups(accepted ? ALL : NECESSARY);
      showFloatingButton(decide);
    }
  });

  window.OneTrust = window.Optanon = {
    AllowAll: function () { decide(true); },
    RejectAll: function () { decide(false); },
    ToggleInfoDisplay: function () { show(decide); },
    IsAlertBoxClosed: function () { return kit.cookie('OptanonAlertBoxClosed') !== null; },
    GetDomainData: function () { return { ConsentModel: { Name: 'opt-in' } }; }
  };
})(window.CmpKit);
