/**
 * Prints one part of the page (a card, a voucher) and nothing else: the print style sheet hides
 * everything but the element marked `print-target` while the `printing` class is on the body.
 */
export function printOnly(elementId: string): void {
  const target = document.getElementById(elementId);
  if (!target) return;
  target.classList.add('print-target');
  document.body.classList.add('printing');
  const done = () => {
    target.classList.remove('print-target');
    document.body.classList.remove('printing');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}
