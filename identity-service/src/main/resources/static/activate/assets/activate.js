// Live feedback for the activation form; the form works the same without it. The rules are judged by the server
// (POST /activate/check, the password policy the activation itself applies), never re-implemented here, so what
// this shows and what the server decides cannot differ. Same origin only (CSP script-src/connect-src 'self').
(function () {
  'use strict';
  var form = document.getElementById('activation-form');
  if (!form || !window.fetch) {
    return;
  }
  var password = document.getElementById('password');
  var confirmation = document.getElementById('confirmation');
  var live = document.getElementById('live');
  var rules = Array.prototype.slice.call(document.querySelectorAll('#rules li[data-rule]'));
  var token = form.querySelector('input[name="token"]').value;
  var timer = null;
  var sequence = 0;

  function show(failed) {
    var met = 0;
    rules.forEach(function (rule) {
      var broken = failed.indexOf(rule.getAttribute('data-rule')) >= 0;
      rule.classList.toggle('broken', broken);
      rule.classList.toggle('met', !broken);
      if (!broken) {
        met++;
      }
    });
    live.textContent = live.getAttribute('data-template')
      .replace('%MET%', String(met)).replace('%TOTAL%', String(rules.length));
  }

  function check() {
    var mine = ++sequence;
    if (password.value === '') {
      rules.forEach(function (rule) { rule.classList.remove('broken', 'met'); });
      live.textContent = '';
      return;
    }
    var body = new URLSearchParams();
    body.append('token', token);
    body.append('password', password.value);
    fetch(form.getAttribute('data-check-url'), {
      method: 'POST',
      body: body,
      credentials: 'same-origin',
      cache: 'no-store',
      referrerPolicy: 'no-referrer'
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (answer) {
      // Only the latest keystroke's answer counts; an older one arriving late is dropped.
      if (answer && mine === sequence) {
        show(answer.failed || []);
      }
    }).catch(function () {
      // No feedback is still a working form: the server judges on submit.
    });
  }

  function mismatch() {
    confirmation.setCustomValidity('');
    confirmation.classList.toggle('broken', confirmation.value !== '' && confirmation.value !== password.value);
  }

  password.addEventListener('input', function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, 250);
    mismatch();
  });
  confirmation.addEventListener('input', mismatch);
  form.setAttribute('data-enhanced', 'true');
}());
