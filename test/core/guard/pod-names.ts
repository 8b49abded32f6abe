/** Agent names as KEDA's pods give them, for generated test pools. */
const KUBERNETES_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** The `n`th five-character Kubernetes name suffix: distinct for every n below 27^5. */
function suffix(n: number): string {
  let text = '';
  for (let i = 0; i < 5; i++, n = Math.floor(n / KUBERNETES_ALPHABET.length)) text += KUBERNETES_ALPHABET[n % KUBERNETES_ALPHABET.length];
  return text;
}

/** `<scaledJob>-xxxxx-yyyyy`, distinct for every index below 27^5. */
export function podName(scaledJob: string, index: number): string {
  return `${scaledJob}-${suffix(index)}-${suffix(index * 7 + 3)}`;
}
