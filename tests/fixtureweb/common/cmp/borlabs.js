/* Borlabs Cookie 2.x emulation (WordPress): #BorlabsCookieBox with ._brlbs-box-wrap and
 * ._brlbs-block-content, links a[data-cookie-accept-all] and a[data-cookie-refuse], cookie
 * borlabs-cookie (URL-encoded JSON with consents per group), tags blocked as
 * <script type="text/template" data-borlabs-script-blocker-id="...">. No persistent link. */
(function (kit) {
  'use strict';
  var decide;

  function consents() {
    var stored = kit.cookie('borlabs-cookie');
    return stored === null ? null : JSON.parse(decodeURIComponent(stored)).consents;
  }

  function showBox() {
    var box = kit.mount(
      '<div id="BorlabsCookieBox" class="BorlabsCookie" role="dialog" ' +
      'aria-labelledby="CookieBoxTextHeadline" aria-modal="true">' +
      '<div class="bottom-center _brlbs-box-wrap" style="' + kit.BAR_STYLE + '">' +
      '<div class="_brlbs-box _brlbs-box-advanced"><div class="cookie-box">' +
      '<div class="container"><div class="row"><div class="col-12">' +
      '<div class="_brlbs-flex-center"><span role="heading" aria-level="3" ' +
      'class="_brlbs-h3" id="CookieBoxTextHeadline">Datenschutzeinstellungen</span></div>' +
      '<p id="CookieBoxTextDescription">Wir benötigen Ihre Einwilligung, bevor Sie unsere ' +
      'Website weiter besuchen können. Wir verwenden Cookies für Statistik und Marketing.</p>' +
      '<p class="_brlbs-accept"><a href="#" tabindex="0" role="button" ' +
      'class="_brlbs-btn _brlbs-btn-accept-all _brlbs-cursor" data-cookie-accept-all>' +
      'Alle akzeptieren</a></p>' +
      '<p class="_brlbs-refuse-btn"><a href="#" tabindex="0" role="button" ' +
      'class="_brlbs-btn _brlbs-cursor" data-cookie-refuse>' +
      'Nur essenzielle Cookies akzeptieren</a></p>' +
      '<div class="_brlbs-block-content"></div>' +
      '</div></div></div></div></div></div></div>'
    );
    kit.onClick(box, '[data-cookie-accept-all]', function () { decide(true); });
    kit.onClick(box, '[data-cookie-refuse]', function () { decide(false); });
  }

  function hideBox() {
    var box = document.getElementById('BorlabsCookieBox');
    if (box) {
      box.remove();
    }
  }

  function store(accepted) {
    var groups = { essential: ['borlabs-cookie'] };
    if (accepted) {
      groups.statistics = ['google-analytics'];
      groups.marketing = ['facebook-pixel'];
    }
    var expires = new Date(Date.now() + 365 * 864e5).toUTCString();
    kit.setCookie('borlabs-cookie', encodeURIComponent(JSON.stringify({
      consents: groups, domainPath: location.hostname + '/', expires: expires,
      uid: btoa(kit.uuid()).slice(0, 32), version: '1'
    })));
  }

  decide = kit.run({
    stored: function () {
      var groups = consents();
      return groups === null ? null : Boolean(groups.marketing);
    },
    show: showBox,
    hide: hideBox,
    store: store,
    blocked: 'script[type="text/template"][data-borlabs-script-blocker-id]'
  });
})(window.CmpKit);
