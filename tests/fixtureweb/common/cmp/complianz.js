/* Complianz (WordPress) emulation: #cmplz-cookiebanner-container .cmplz-cookiebanner with
 * .cmplz-accept/.cmplz-deny/.cmplz-view-preferences, cookies cmplz_banner-status,
 * cmplz_statistics, cmplz_marketing, cmplz_functional, cmplz_policy_id, tags blocked as
 * <script type="text/plain" class="cmplz-script" data-category="statistics|marketing">, and the
 * "Toestemming beheren" tab (#cmplz-manage-consent) that reopens the banner. */
(function (kit) {
  'use strict';
  var decide;

  function showBanner() {
    var banner = document.querySelector('.cmplz-cookiebanner');
    if (banner) {
      banner.classList.replace('cmplz-dismissed', 'cmplz-show');
      banner.style.display = '';
      return;
    }
    var container = kit.mount(
      '<div id="cmplz-cookiebanner-container">' +
      '<div class="cmplz-cookiebanner cmplz-show banner-1 optin cmplz-bottom-right" ' +
      'aria-modal="true" role="dialog" aria-labelledby="cmplz-header-1-optin" ' +
      'style="' + kit.BAR_STYLE + '">' +
      '<div class="cmplz-header"><div class="cmplz-title" id="cmplz-header-1-optin">' +
      'Beheer toestemming</div></div>' +
      '<div class="cmplz-body"><div class="cmplz-message">Om de beste ervaring te bieden, ' +
      'gebruiken wij technologieën zoals cookies om informatie over je apparaat op te slaan ' +
      'en/of te raadplegen.</div></div>' +
      '<div class="cmplz-buttons">' +
      '<button class="cmplz-btn cmplz-accept">Accepteren</button> ' +
      '<button class="cmplz-btn cmplz-deny">Weigeren</button> ' +
      '<a class="cmplz-btn cmplz-manage-options" href="/tweede/">Voorkeuren bekijken</a>' +
      '</div></div></div>'
    );
    kit.onClick(container, '.cmplz-accept', function () { decide(true); });
    kit.onClick(container, '.cmplz-deny', function () { decide(false); });
  }

  function hideBanner() {
    var banner = document.querySelector('.cmplz-cookiebanner');
    if (banner) {
      banner.classList.replace('cmplz-show', 'cmplz-dismissed');
      banner.style.display = 'none';
    }
  }

  function store(accepted) {
    var value = accepted ? 'allow' : 'deny';
    kit.setCookie('cmplz_functional', 'allow');
    kit.setCookie('cmplz_preferences', value);
    kit.setCookie('cmplz_statistics', value);
    kit.setCookie('cmplz_marketing', value);
    kit.setCookie('cmplz_policy_id', '14');
    kit.setCookie('cmplz_consented_services', '');
    kit.setCookie('cmplz_banner-status', 'dismissed');
  }

  function showManageTab() {
    if (document.getElementById('cmplz-manage-consent')) {
      return;
    }
    var tab = kit.mount(
      '<div id="cmplz-manage-consent" data-nosnippet="true" ' +
      'style="position:fixed;right:24px;bottom:0"><button class="cmplz-btn cmplz-hidden ' +
      'cmplz-manage-consent manage-consent-1">Toestemming beheren</button></div>'
    );
    kit.onClick(tab, 'button', showBanner);
  }

  decide = kit.run({
    stored: function () {
      var marketing = kit.cookie('cmplz_marketing');
      return kit.cookie('cmplz_banner-status') === null ? null : marketing === 'allow';
    },
    show: showBanner,
    hide: hideBanner,
    store: store,
    blocked: 'script[type="text/plain"].cmplz-script',
    settle: showManageTab
  });
})(window.CmpKit);
