// A verdict is felt and heard as well as seen: vibration and a short beep.

let audio = null;

/** Create the audio context during a tap (browsers start it only after a user gesture). */
export function unlockAudio() {
  try {
    if (!audio) {
      const Context = window.AudioContext || window.webkitAudioContext;
      if (!Context) return;
      audio = new Context();
    }
    if (audio.state === "suspended") audio.resume();
  } catch (error) {
    audio = null;
  }
}

function tone(frequency, start, duration, type = "sine") {
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.type = type;
  oscillator.frequency.value = frequency;
  const at = audio.currentTime + start;
  gain.gain.setValueAtTime(0.0001, at);
  gain.gain.exponentialRampToValueAtTime(0.4, at + 0.01);
  gain.gain.exponentialRampToValueAtTime(0.0001, at + duration);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start(at);
  oscillator.stop(at + duration + 0.02);
}

const PATTERNS = {
  admitted: { vibrate: [90], tones: [[1320, 0, 0.14]] },
  refused: { vibrate: [250, 100, 250], tones: [[220, 0, 0.45, "square"]] },
  unverified: { vibrate: [120, 80, 120], tones: [[660, 0, 0.12], [660, 0.2, 0.12]] },
};

export function signal(kind) {
  const pattern = PATTERNS[kind] || PATTERNS.refused;
  try {
    if (navigator.vibrate) navigator.vibrate(pattern.vibrate);
  } catch (error) {
    // no vibration motor, or not allowed
  }
  if (!audio || audio.state !== "running") return;
  try {
    for (const [frequency, start, duration, type] of pattern.tones) {
      tone(frequency, start, duration, type);
    }
  } catch (error) {
    // audio output unavailable
  }
}
