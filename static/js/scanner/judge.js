// Offline judgement: what the server would decide, from the lists the phone keeps.
//
// MIRROR of tickets.services.judge() (and of the token half of _find_pass()), in the same
// order. Change both together. What the phone cannot know offline is marked below:
// a typed pass code (no list of codes on the phone), a pass awaiting approval or payment
// (such passes are not sent out, so their QR codes are not in visitors' hands), and
// whether the pass still exists. The server judges every queued scan again on upload
// and flags an offline admission it would have refused (CheckIn.conflict).

import { looksLikeToken, readClaims, TokenError, verifyToken } from "./token.js";

export const ADMITTED = "admitted";
export const REFUSED = "refused";
export const UNVERIFIED = "unverified"; // queued; the gate staff check by eye

export const IN = "in";
export const OUT = "out";

/** services.normalize_code: upper case, letters and digits only. */
export function normalizeCode(text) {
  return String(text || "")
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, "");
}

/** The calendar date "YYYY-MM-DD" of ``moment`` in ``timeZone`` (services.scan_day). */
export function localDate(moment, timeZone) {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(moment);
  const get = (type) => parts.find((part) => part.type === type).value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** services.scan_day: the edition's day that ``moment`` falls on, or null. */
export function scanDay(config, moment) {
  const date = localDate(moment, config.event.time_zone);
  return config.days.find((day) => day.date === date) || null;
}

/**
 * Judge one scan offline.
 *
 * ``state``: {config, keys: Map kid → Uint8Array, revocations: Map pass id → lowest valid
 * serial (0: void), presence: Map pass id → {inside, day, t}, gateId}.
 * Returns {result, reason, claims, passType}.
 */
export async function judgeOffline(text, direction, moment, state) {
  const { config } = state;
  const eventId = config.event.id;
  const verdict = (result, reason = "", claims = null, passType = null) => ({
    result,
    reason,
    claims,
    passType,
  });

  // _find_pass(): a token is verified here; a typed code needs the server's list.
  if (!looksLikeToken(text)) {
    const code = normalizeCode(text);
    if (!code || code.length > 12) return verdict(REFUSED, "unknown");
    return verdict(UNVERIFIED);
  }
  let claims;
  try {
    claims = await verifyToken(text, state.keys);
  } catch (error) {
    if (!(error instanceof TokenError)) throw error;
    try {
      ({ claims } = readClaims(text));
    } catch (malformed) {
      return verdict(REFUSED, "unknown");
    }
    if (claims.eventId !== eventId) return verdict(REFUSED, "other_event", claims);
    return verdict(REFUSED, "unknown", claims);
  }
  if (claims.eventId !== eventId) return verdict(REFUSED, "other_event", claims);
  // (Offline the phone cannot tell whether the pass still exists: the server may say "unknown".)

  const passType = config.pass_types.find((type) => type.id === claims.passTypeId) || null;

  // judge(): void, then the serial.
  const validSerial = state.revocations.has(claims.passId)
    ? state.revocations.get(claims.passId)
    : 1; // every re-issue is in the revocation log, so a pass never re-issued has serial 1
  if (validSerial === 0) return verdict(REFUSED, "void", claims, passType);
  if (claims.serial < validSerial) return verdict(REFUSED, "revoked", claims, passType);
  // A higher serial than the phone knows: the server signed it after the phone's last
  // download of the revocation log, so the phone's list is old, not the token (the server
  // refuses serial > pass.serial as "unknown", which a validly signed token never has).

  if (direction === OUT) {
    // Nobody is kept in; an exit of someone not inside is noted, not refused (_move()).
    const presence = state.presence.get(claims.passId);
    const note = presence && presence.inside ? "" : "not_inside";
    return verdict(ADMITTED, note, claims, passType);
  }
  // (status pending → "not_approved", awaiting_payment → "not_paid": not known offline.)

  const day = scanDay(config, moment);
  if (!day) return verdict(REFUSED, "closed", claims, passType);
  if (!((claims.dayMask >> day.index) & 1)) return verdict(REFUSED, "wrong_day", claims, passType);

  if (!passType) return verdict(UNVERIFIED, "", claims, null); // a type newer than the config
  if (passType.gates.length && !passType.gates.includes(state.gateId)) {
    return verdict(REFUSED, "wrong_gate", claims, passType);
  }
  const presence = state.presence.get(claims.passId);
  if (presence && presence.inside && presence.day === day.id && !passType.multiple_entries) {
    return verdict(REFUSED, "already_inside", claims, passType);
  }
  return verdict(ADMITTED, "", claims, passType);
}

/**
 * services._move: record where a holder is; an older scan arriving late does not undo a
 * newer one. ``t`` is seconds since the epoch.
 */
export function movePresence(presence, passId, direction, dayId, t) {
  const known = presence.get(passId);
  if (known && t < known.t) return;
  presence.set(passId, { inside: direction === IN, day: direction === IN ? dayId : null, t });
}
