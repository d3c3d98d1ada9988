// The console's only script (CSP: script-src 'self'): the copy buttons next to read-only values.
document.addEventListener('click', function (event) {
  var button = event.target.closest('.copy-button');
  if (!button) {
    return;
  }
  var field = document.getElementById(button.dataset.copy);
  var done = function () {
    var shown = document.getElementById('copied-' + button.dataset.copy.substring(2));
    if (shown) {
      shown.hidden = false;
    }
  };
  var fallback = function () {
    field.select();
    if (document.execCommand('copy')) {
      done();
    }
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(field.value).then(done, fallback);
  } else {
    fallback();
  }
});
