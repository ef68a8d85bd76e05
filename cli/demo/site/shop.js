// The demo shop's own behaviour: cart, checkout and sign-up, each reported to Polku with the calls
// a real shop would make (`polku('event', …)`, `polku('consent', …)`). The NPS question at checkout
// is Polku's feedback prompt: `data-feedback` on the tag, `feedback` in polku.config.ts.
const $ = (selector) => document.querySelector(selector);
const cart = () => JSON.parse(sessionStorage.getItem('valo-cart') || '{"name":"Aalto lamp","price":120}');

for (const button of document.querySelectorAll('[data-consent]')) {
  button.addEventListener('click', () => {
    polku('consent', button.dataset.consent === 'yes');
    $('#consent').hidden = true;
  });
}

$('#add')?.addEventListener('click', (event) => {
  const { add, price } = event.currentTarget.dataset;
  sessionStorage.setItem('valo-cart', JSON.stringify({ name: $('h1').textContent, price: Number(price) }));
  polku('event', 'add_to_cart', { props: { product: add, price: Number(price) } });
  $('#added').hidden = false;
});

if ($('#cart')) $('#cart').textContent = `${cart().name}, ${cart().price} €`;

$('#pay-form')?.addEventListener('submit', (event) => {
  event.preventDefault();
  polku('event', 'purchase', { value: cart().price });
  event.currentTarget.hidden = true;
  $('#paid').hidden = false;
});

$('#signup-form')?.addEventListener('submit', (event) => {
  event.preventDefault();
  if (event.currentTarget.elements.remember.checked) polku('consent', true);
  polku('event', 'sign_up');
  event.currentTarget.hidden = true;
  $('#joined').hidden = false;
});
