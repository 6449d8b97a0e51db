// The QR token, read and verified on the phone: the same layout as tickets/tokens.py.
//
//   byte 0      format version (3 bits) | key id (5 bits)
//   bytes 1-2   event id
//   bytes 3-6   pass id
//   byte 7      serial (re-issue number; older serials are revoked)
//   bytes 8-9   pass type id
//   bytes 10-11 day mask (bit i: the edition's i-th day, in date order)
//   bytes 12-75 Ed25519 signature over bytes 0-11
//
// written in RFC 4648 base32 without padding: 122 characters.

export const FORMAT_VERSION = 1;
export const CLAIMS_BYTES = 12;
export const SIGNATURE_BYTES = 64;
export const TOKEN_BYTES = CLAIMS_BYTES + SIGNATURE_BYTES;
export const TOKEN_CHARS = 122;
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export class TokenError extends Error {}

/** The text without white space, upper case (tokens.read_claims does the same). */
export function compact(text) {
  return String(text || "").replace(/\s+/g, "").toUpperCase();
}

/** tokens.looks_like_token: a token, not a typed pass code. */
export function looksLikeToken(text) {
  return String(text || "").replace(/\s+/g, "").length === TOKEN_CHARS;
}

/** RFC 4648 base32 (no padding) → bytes; TokenError on a character outside A–Z, 2–7. */
export function base32Decode(text) {
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const ch of text) {
    const value = ALPHABET.indexOf(ch);
    if (value < 0) throw new TokenError("alphabet");
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}

/** tokens.read_claims: {claims, body, signature}, not yet verified; TokenError if malformed. */
export function readClaims(token) {
  const text = compact(token);
  if (text.length !== TOKEN_CHARS) throw new TokenError("length");
  const raw = base32Decode(text);
  if (raw.length !== TOKEN_BYTES) throw new TokenError("length");
  const body = raw.slice(0, CLAIMS_BYTES);
  const signature = raw.slice(CLAIMS_BYTES);
  const view = new DataView(body.buffer);
  const header = view.getUint8(0);
  if (header >> 5 !== FORMAT_VERSION) throw new TokenError("version");
  const claims = {
    kid: header & 31,
    eventId: view.getUint16(1),
    passId: view.getUint32(3),
    serial: view.getUint8(7),
    passTypeId: view.getUint16(8),
    dayMask: view.getUint16(10),
  };
  return { claims, body, signature };
}

export function base64Decode(text) {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

// --- Ed25519 ----------------------------------------------------------------------------
// WebCrypto's Ed25519 where the browser has it (Chrome 137+); else @noble/ed25519
// (static/vendor/noble-ed25519), strict RFC 8032 checks like the server's.

let subtleWorks = null; // null: not tried yet
const subtleKeys = new Map();
let noble = null;

async function verifySubtle(publicKey, body, signature) {
  const id = String.fromCharCode(...publicKey);
  let key = subtleKeys.get(id);
  if (!key) {
    key = await crypto.subtle.importKey("raw", publicKey, { name: "Ed25519" }, false, ["verify"]);
    subtleKeys.set(id, key);
  }
  return crypto.subtle.verify({ name: "Ed25519" }, key, signature, body);
}

async function verifyNoble(publicKey, body, signature) {
  if (!noble) noble = await import("../../vendor/noble-ed25519/index.js");
  try {
    return await noble.verifyAsync(signature, body, publicKey, { zip215: false });
  } catch (error) {
    return false; // a malformed key or signature verifies nothing
  }
}

/** Does ``signature`` sign ``body`` under the raw 32-byte ``publicKey``? */
export async function verifySignature(publicKey, body, signature, { engine } = {}) {
  if (engine === "noble") return verifyNoble(publicKey, body, signature);
  if (engine === "subtle" || (subtleWorks !== false && globalThis.crypto?.subtle)) {
    try {
      const valid = await verifySubtle(publicKey, body, signature);
      subtleWorks = true;
      return valid;
    } catch (error) {
      if (engine === "subtle") throw error;
      if (subtleWorks === null) subtleWorks = false; // no Ed25519 in this browser's WebCrypto
    }
  }
  return verifyNoble(publicKey, body, signature);
}

/** tokens.verify: the claims if one of ``keys`` (kid → raw key) signed the token. */
export async function verifyToken(token, keys, options = {}) {
  const { claims, body, signature } = readClaims(token);
  const publicKey = keys.get(claims.kid);
  if (!publicKey) throw new TokenError("key");
  if (!(await verifySignature(publicKey, body, signature, options))) {
    throw new TokenError("signature");
  }
  return claims;
}
