/**
 * Ids in exports: HMAC-SHA-256 keyed with the study's salt, first 128 bits in hex. The same id in
 * the same study always hashes the same (so rows join up and re-exports line up), while without
 * the salt nothing can be recomputed or linked across studies. The local keys hashed here are
 * already hashes (messageKeyOf, the salted patientKey): no EHR id or name is ever an input.
 */
export interface Hasher {
  id(kind: 'message' | 'patient', local: string): Promise<string>;
}

export async function createHasher(salt: string): Promise<Hasher> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(salt), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const memo = new Map<string, Promise<string>>();
  return {
    id(kind, local) {
      if (!local) return Promise.resolve('');
      const k = `${kind}|${local}`;
      let p = memo.get(k);
      if (!p) {
        p = crypto.subtle.sign('HMAC', key, new TextEncoder().encode(k)).then((sig) =>
          [...new Uint8Array(sig)].slice(0, 16).map((b) => b.toString(16).padStart(2, '0')).join(''),
        );
        memo.set(k, p);
      }
      return p;
    },
  };
}

export async function sha256Hex(text: string): Promise<string> {
  const d = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
