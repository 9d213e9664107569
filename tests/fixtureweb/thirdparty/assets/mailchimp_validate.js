/* mc-validate.js emulation (without jQuery): blocks submitting an empty or malformed
   e-mail address and otherwise lets the form POST to list-manage.com as usual. */
function validate(event) {
  var form = event.target;
  if (!form || form.id !== 'mc-embedded-subscribe-form') {
    return;
  }
  var email = form.querySelector('input[name="EMAIL"]');
  var error = document.getElementById('mce-error-response');
  if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email.value)) {
    event.preventDefault();
    if (error) {
      error.textContent = 'Please enter a valid email address.';
      error.style.display = 'block';
    }
  }
}
document.addEventListener('submit', validate, true);
