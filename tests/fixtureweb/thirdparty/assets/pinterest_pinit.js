/* pinit.js emulation: renders "Save" buttons for <a data-pin-do="buttonPin">. */
var BUTTON_IMAGE = 'https://s.pinimg.com/images/pidgets/pinit_bg_en_rect_red_20_1.png';

function build(root) {
  (root || document).querySelectorAll('a[data-pin-do="buttonPin"], a[data-pin-do="buttonBookmark"]')
    .forEach(function (link) {
      if (link.getAttribute('data-pin-rendered')) {
        return;
      }
      var image = document.createElement('img');
      image.src = BUTTON_IMAGE;
      image.alt = '';
      image.width = 40;
      image.height = 20;
      var label = document.createElement('span');
      label.textContent = 'Save';
      link.textContent = '';
      link.appendChild(image);
      link.appendChild(label);
      link.setAttribute('data-pin-rendered', 'true');
      link.target = '_blank';
      link.rel = 'noopener';
    });
}

window.PinUtils = {build: build};
if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', function () { build(); });
} else {
  build();
}
