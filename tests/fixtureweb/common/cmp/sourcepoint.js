/* Sourcepoint (TCF v2.2) emulation, the publisher side: window._sp_ config, window.__tcfapi,
 * the message container #sp_message_container_<id> with an iframe from cdn.privacy-mgmt.com
 * (sites/cdn.privacy-mgmt.com/index.html holds the buttons), and cookies consentUUID +
 * consentDate + euconsent-v2 written when the frame posts the user's choice. The page's tags
 * wait for TCF consent (purpose 1) through __tcfapi('addEventListener'). No persistent link. */
(function (kit) {
  'use strict';
  var CMP_ID = 6;
  var MESSAGE_ID = 987654;
  var FRAME_ORIGIN = 'https://cdn.privacy-mgmt.com';
  var decide;

  function storedChoice() {
    var choice = kit.cookie('_sp_fixture_choice');
    return choice === null ? null : choice === 'accept';
  }

  var tcfDecide = kit.installTcfApi({ cmpId: CMP_ID, storedChoice: storedChoice });

  function showMessage() {
    var url = FRAME_ORIGIN + '/index.html?message_id=' + MESSAGE_ID +
      '&consentUUID=' + kit.uuid() + '&preload_message=true&version=v1';
    kit.mount(
      '<div id="sp_message_container_' + MESSAGE_ID + '" class="sp_veil" ' +
      'style="position:fixed;inset:0;z-index:2147483000;background:rgba(0,0,0,.5);' +
      'display:flex;align-items:center;justify-content:center">' +
      '<iframe id="sp_message_iframe_' + MESSAGE_ID + '" title="SP Consent Message" ' +
      'src="' + url + '" style="width:min(600px,90vw);height:360px;border:0;' +
      'background:#fff;border-radius:8px"></iframe></div>'
    );
  }

  function hideMessage() {
    var container = document.getElementById('sp_message_container_' + MESSAGE_ID);
    if (container) {
      container.remove();
    }
  }

  function store(accepted) {
    kit.setCookie('consentUUID', kit.uuid() + '_' + Math.floor(Math.random() * 90 + 10));
    kit.setCookie('consentDate', new Date().toISOString());
    kit.setCookie('_sp_fixture_choice', accepted ? 'accept' : 'reject');
    tcfDecide(accepted);
  }

  window._sp_ = { config: { accountId: 1234, baseEndpoint: FRAME_ORIGIN } };
  window.addEventListener('message', function (event) {
    var data = event.data;
    var open = document.getElementById('sp_message_container_' + MESSAGE_ID) !== null;
    if (open && event.origin === FRAME_ORIGIN && data && data.name === 'sp.choice') {
      decide(data.choice === 'accept');
    }
  });

  decide = kit.run({
    stored: storedChoice,
    show: showMessage,
    hide: hideMessage,
    store: store
  });
})(window.CmpKit);
