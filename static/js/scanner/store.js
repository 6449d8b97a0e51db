// What the scanner keeps on the phone.
//
// localStorage: the device (bearer token, gate, edition) and small settings.
// IndexedDB "pameran-scanner": ``queue`` (scans made offline, by nonce, until uploaded)
// and ``kv`` (the edition's config, the revocation and presence lists, their cursors).

const DEVICE_KEY = "pameran.scanner.device";
const SETTINGS_KEY = "pameran.scanner.settings";
const DB_NAME = "pameran-scanner";
const DB_VERSION = 1;

export function loadDevice() {
  try {
    return JSON.parse(localStorage.getItem(DEVICE_KEY)) || null;
  } catch (error) {
    return null;
  }
}

export function saveDevice(device) {
  if (device) localStorage.setItem(DEVICE_KEY, JSON.stringify(device));
  else localStorage.removeItem(DEVICE_KEY);
}

export function loadSettings() {
  try {
    return { direction: "in", camera: false, ...JSON.parse(localStorage.getItem(SETTINGS_KEY)) };
  } catch (error) {
    return { direction: "in", camera: false };
  }
}

export function saveSettings(settings) {
  localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
}

let dbPromise = null;

function db() {
  if (!dbPromise) {
    dbPromise = new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, DB_VERSION);
      request.onupgradeneeded = () => {
        const database = request.result;
        if (!database.objectStoreNames.contains("queue")) {
          const queue = database.createObjectStore("queue", { keyPath: "nonce" });
          queue.createIndex("scanned_at", "scanned_at");
        }
        if (!database.objectStoreNames.contains("kv")) database.createObjectStore("kv");
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
  return dbPromise;
}

function done(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function store(name, mode) {
  return (await db()).transaction(name, mode).objectStore(name);
}

export async function kvGet(key) {
  return done((await store("kv", "readonly")).get(key));
}

export async function kvSet(key, value) {
  return done((await store("kv", "readwrite")).put(value, key));
}

export async function kvDelete(key) {
  return done((await store("kv", "readwrite")).delete(key));
}

/** Queue a scan made offline: {nonce, code, direction, scanned_at, device_result, device_reason, event}. */
export async function enqueue(scan) {
  return done((await store("queue", "readwrite")).put(scan));
}

/** The oldest ``limit`` queued scans of ``eventId``. */
export async function queued(eventId, limit = 500) {
  const all = await done((await store("queue", "readonly")).index("scanned_at").getAll());
  return all.filter((scan) => scan.event === eventId).slice(0, limit);
}

export async function queueCount(eventId) {
  return (await queued(eventId, Infinity)).length;
}

export async function dequeue(nonces) {
  const queue = await store("queue", "readwrite");
  await Promise.all(nonces.map((nonce) => done(queue.delete(nonce))));
}
