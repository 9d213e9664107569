/* Instagram embed.js emulation: blockquote.instagram-media becomes the embed iframe. */
if (window.instgrm && window.instgrm.fixtureLoaded) {
  return;
}

function process() {
  document.querySelectorAll('blockquote.instagram-media').forEach(function (quote, index) {
    var link = quote.querySelector('a[href*="instagram.com"]');
    var permalink = quote.getAttribute('data-instgrm-permalink') || (link ? link.href : '');
    var match = permalink.match(/instagram\.com\/(p|reel|tv)\/([\w-]+)/);
    if (!match) {
      return;
    }
    var captioned = quote.hasAttribute('data-instgrm-captioned') ? 'captioned/' : '';
    var iframe = document.createElement('iframe');
    iframe.src = 'https://www.instagram.com/' + match[1] + '/' + match[2] + '/embed/' + captioned + '?' + query({
      cr: 1, v: quote.getAttribute('data-instgrm-version') || 14, wp: 540,
      rd: location.origin, rp: location.pathname
    });
    iframe.className = 'instagram-media instagram-media-rendered';
    iframe.id = 'instagram-embed-' + index;
    iframe.width = 540;
    iframe.height = 600;
    iframe.title = 'Instagram post';
    iframe.style.border = '0';
    iframe.setAttribute('allowtransparency', 'true');
    quote.parentNode.replaceChild(iframe, quote);
  });
}

window.instgrm = {fixtureLoaded: true, Embeds: {process: process}};
if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', process);
} else {
  process();
}
