// The demo shop's own behaviour: cart, checkout and sign-up, each reported to Polku with the calls
// a real shop would make (`polku('event', …)`, `polku('consent', …)`). The NPS question at checkout
// is Polku's feedback prompt: `data-feedback` on the tag, `feedback` in polku.config.ts.
const $ = (selector) => document.querySelector(selector);
const cart = () => JSON.parse(sessionStorage.getItem('valo-cart') || '{"id":"aalto","name":"Aalto lamp","price":120}');

for (const button of document.querySelectorAll('[data-consent]')) {
  button.addEventListener('click', () => {
    polku('consent', button.dataset.consent === 'yes');
    $('#consent').hidden = true;
  });
}

$('#add')?.addEventListener('click', (event) => {
  const { add, price } = event.currentTarget.dataset;
  sessionStorage.setItem('valo-cart', JSON.stringify({ id: add, name: $('h1').textContent, price: Number(price) }));
  polku('event', 'add_to_cart', { props: { product: add, price: Number(price) } });
  $('#added').hidden = false;
});

if ($('#cart')) $('#cart').textContent = `${cart().name}, ${cart().price} €`;

// The form posts the page id along to the shop's backend, which confirms the payment to Polku
// (`payment_confirmed`, with the value) through /api/server-events; the browser only says "purchase".
$('#pay-form')?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const paid = await fetch('/demo/api/pay', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ product: cart().id, page_id: polku.pageId }),
  });
  if (!paid.ok) return;
  polku('event', 'purchase', { props: { product: cart().id } });
  form.hidden = true;
  $('#paid').hidden = false;
});

$('#signup-form')?.addEventListener('submit', (event) => {
  event.preventDefault();
  if (event.currentTarget.elements.remember.checked) polku('consent', true);
  polku('event', 'sign_up');
  event.currentTarget.hidden = true;
  $('#joined').hidden = false;
});
