// Checks the lead time of a service request as the dates are typed, with the same rule the server enforces.
(() => {
  const out = document.getElementById('leadtime');
  if (!out) return;
  const field = id => document.getElementById(id);
  let pending;
  async function check() {
    const submitted = field('submitted').value, order = field('order').value;
    if (!submitted || !order) { out.className = 'leadtime'; out.textContent = 'Enter both dates to check the lead time.'; return; }
    const body = { submitted, order, large_resources: field('large').checked, country: field('country').value || null };
    try {
      const response = await fetch('/api/v1/requests/check', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' });
      const result = await response.json();
      if (!response.ok) { out.className = 'leadtime fail'; out.textContent = result.detail || 'The dates cannot be checked.'; return; }
      out.className = 'leadtime ' + (result.passed ? 'pass' : 'fail');
      out.textContent = result.explanation;
    } catch {
      out.className = 'leadtime'; out.textContent = 'The check is unavailable; the server checks the dates when you submit.';
    }
  }
  for (const id of ['submitted', 'order', 'large', 'country']) {
    const el = field(id);
    if (el) el.addEventListener('input', () => { clearTimeout(pending); pending = setTimeout(check, 250); });
  }
  check();
})();
