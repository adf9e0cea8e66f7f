// Live availability check for the setup page's sub-domain (ADR 026); the form works the same without it. The server
// judges (POST /setup/subdomain-check asks customer-service, which owns sub-domains), never this script, and the
// submit decides by claiming the name. Token and name go in the body, never in a URL. Same origin only (CSP).
(function () {
  'use strict';
  var form = document.getElementById('activation-form');
  var field = document.getElementById('subdomain-field');
  var input = document.getElementById('subdomain-name');
  if (!form || !field || !input || !window.fetch) {
    return;
  }
  var status = document.getElementById('subdomain-status');
  var token = form.querySelector('input[name="token"]').value;
  var timer = null;
  var sequence = 0;

  function suggestionList() {
    var list = document.getElementById('subdomain-suggestions');
    if (!list) {
      list = document.createElement('ul');
      list.id = 'subdomain-suggestions';
      status.parentNode.insertBefore(list, status.nextSibling);
    }
    return list;
  }

  // Each suggestion a button that takes the name and checks it; textContent only, never markup from the answer.
  function offer(names) {
    var list = suggestionList();
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    names.forEach(function (name) {
      var item = document.createElement('li');
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'suggestion';
      button.setAttribute('data-name', name);
      button.textContent = name;
      button.addEventListener('click', function () {
        input.value = name;
        check();
        input.focus();
      });
      item.appendChild(button);
      list.appendChild(item);
    });
  }

  function show(state, suggestions) {
    status.setAttribute('data-state', state);
    status.textContent = state ? field.getAttribute('data-' + state.toLowerCase()) || '' : '';
    input.setAttribute('aria-invalid', state === 'TAKEN' || state === 'INVALID' ? 'true' : 'false');
    offer(suggestions || []);
  }

  function check() {
    var mine = ++sequence;
    var name = input.value.trim();
    if (name === '') {
      show('', []);
      return;
    }
    status.setAttribute('data-state', 'CHECKING');
    status.textContent = field.getAttribute('data-checking') || '';
    var body = new URLSearchParams();
    body.append('token', token);
    body.append('name', name);
    fetch(field.getAttribute('data-check-url'), {
      method: 'POST',
      body: body,
      credentials: 'same-origin',
      cache: 'no-store',
      referrerPolicy: 'no-referrer'
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (answer) {
      // Only the latest keystroke's answer counts; an older one arriving late is dropped.
      if (mine === sequence) {
        show(answer ? answer.status : 'UNAVAILABLE', answer ? answer.suggestions : []);
      }
    }).catch(function () {
      if (mine === sequence) {
        show('UNAVAILABLE', []);
      }
    });
  }

  // Suggestions the server rendered after a taken submit become buttons too.
  var rendered = Array.prototype.map.call(document.querySelectorAll('#subdomain-suggestions li[data-name]'),
    function (item) { return item.getAttribute('data-name'); });
  if (rendered.length) {
    offer(rendered);
  }
  input.addEventListener('input', function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, 300);
  });
  field.setAttribute('data-enhanced', 'true');
}());
