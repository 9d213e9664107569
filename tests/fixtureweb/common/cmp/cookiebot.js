/* Cookiebot emulation: #CybotCookiebotDialog, window.Cookiebot (consent flags, hasResponse,
 * dialog.visible, withdraw/hide/show/renew), cookie CookieConsent, tags blocked as
 * <script type="text/plain" data-cookieconsent="statistics|marketing">, and the renew widget
 * #CookiebotWidget after a choice. */
(function (kit) {
  'use strict';
  var decide;
  var cookiebot = {
    consent: { necessary: true, preferences: false, statistics: false, marketing: false, method: null },
    consented: false, declined: false, hasResponse: false, consentID: '0',
    dialog: { visible: false },
    show: function () { showDialog(); },
    renew: function () { showDialog(); },
    hide: function () { hideDialog(); },
    withdraw: function () { decide(false); },
    submitCustomConsent: function (preferences, statistics, marketing) {
      decide(Boolean(statistics && marketing));
    }
  };
  window.Cookiebot = window.CookieConsent = cookiebot;

  function showDialog() {
    if (document.getElementById('CybotCookiebotDialog')) {
      return;
    }
    var dialog = kit.mount(
      '<div id="CybotCookiebotDialog" name="CybotCookiebotDialog" role="dialog" ' +
      'aria-modal="true" aria-labelledby="CybotCookiebotDialogBodyContentTitle" ' +
      'class="CybotCookiebotDialogActive" style="' + kit.MODAL_STYLE + '">' +
      '<div id="CybotCookiebotDialogBody">' +
      '<h2 id="CybotCookiebotDialogBodyContentTitle">Deze website gebruikt cookies</h2>' +
      '<div id="CybotCookiebotDialogBodyContentText">We gebruiken cookies om content en ' +
      'advertenties te personaliseren en om ons websiteverkeer te analyseren.</div></div>' +
      '<div id="CybotCookiebotDialogBodyLevelWrapper">' +
      '<label><input type="checkbox" id="CybotCookiebotDialogBodyLevelButtonNecessary" ' +
      'class="CybotCookiebotDialogBodyLevelButton" checked disabled> Noodzakelijk</label> ' +
      '<label><input type="checkbox" id="CybotCookiebotDialogBodyLevelButtonStatistics" ' +
      'class="CybotCookiebotDialogBodyLevelButton"> Statistieken</label> ' +
      '<label><input type="checkbox" id="CybotCookiebotDialogBodyLevelButtonMarketing" ' +
      'class="CybotCookiebotDialogBodyLevelButton"> Marketing</label></div>' +
      '<div id="CybotCookiebotDialogFooter">' +
      '<button id="CybotCookiebotDialogBodyButtonDecline">Weigeren</button> ' +
      '<button id="CybotCookiebotDialogBodyLevelButtonLevelOptinAllowallSelection">' +
      'Selectie toestaan</button> ' +
      '<button id="CybotCookiebotDialogBodyButtonAccept">Alle cookies toestaan</button>' +
      '</div></div>'
    );
    kit.onClick(dialog, '#CybotCookiebotDialogBodyButtonAccept', function () { decide(true); });
    kit.onClick(dialog, '#CybotCookiebotDialogBodyButtonDecline', function () { decide(false); });
    kit.onClick(dialog, '#CybotCookiebotDialogBodyLevelButtonLevelOptinAllowallSelection', function () {
      decide(['Statistics', 'Marketing'].every(function (level) {
        return document.getElementById('CybotCookiebotDialogBodyLevelButton' + level).checked;
      }));
    });
    cookiebot.dialog.visible = true;
  }

  function hideDialog() {
    var dialog = document.getElementById('CybotCookiebotDialog');
    if (dialog) {
      dialog.remove();
    }
    cookiebot.dialog.visible = false;
  }

  function settle(accepted) {
    cookiebot.consent = { necessary: true, preferences: accepted, statistics: accepted,
      marketing: accepted, method: 'explicit' };
    cookiebot.consented = accepted;
    cookiebot.declined = !accepted;
    cookiebot.hasResponse = true;
    if (!document.getElementById('CookiebotWidget')) {
      var widget = kit.mount(
        '<div id="CookiebotWidget" style="position:fixed;left:16px;bottom:16px">' +
        '<button class="CookiebotWidget-logo" aria-label="Cookie-toestemming aanpassen">' +
        'Toestemming aanpassen</button></div>'
      );
      kit.onClick(widget, 'button', showDialog);
    }
  }

  decide = kit.run({
    stored: function () {
      var stored = kit.cookie('CookieConsent');
      return stored === null ? null : decodeURIComponent(stored).indexOf('marketing:true') !== -1;
    },
    show: showDialog,
    hide: hideDialog,
    store: function (accepted) {
      var value = '{stamp:\'' + btoa(kit.uuid()).slice(0, 56) + '\',necessary:true,' +
        'preferences:' + accepted + ',statistics:' + accepted + ',marketing:' + accepted +
        ',method:\'explicit\',ver:1,utc:' + Date.now() + ',region:\'nl\'}';
      kit.setCookie('CookieConsent', encodeURIComponent(value));
    },
    blocked: 'script[type="text/plain"][data-cookieconsent]',
    settle: settle
  });
})(window.CmpKit);
