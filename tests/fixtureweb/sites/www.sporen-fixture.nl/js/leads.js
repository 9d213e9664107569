// The site's own "lead capture": as soon as a visitor leaves the e-mail field, before any
// submit, the address goes to a lead vendor's API. The sender is first-party; the data is not.
(function () {
  var fields = document.querySelectorAll('input[type="email"]');
  Array.prototype.forEach.call(fields, function (field) {
    field.addEventListener("change", function () {
      fetch("https://api.leadvang-fixture.com/v1/lead", {
        method: "POST",
        mode: "cors",
        headers: { "Content-Type": "text/plain" },
        body: JSON.stringify({ site: location.hostname, email: field.value }),
      });
    });
  });
})();
