// The camera, read by qr-scanner (static/vendor/qr-scanner): the browser's BarcodeDetector
// where there is one, else its jsQR-based worker.

import QrScanner from "../../vendor/qr-scanner/qr-scanner.min.js";

export class Camera {
  constructor(video, onText) {
    this.video = video;
    this.onText = onText;
    this.scanner = null;
  }

  static async available() {
    try {
      return await QrScanner.hasCamera();
    } catch (error) {
      return false;
    }
  }

  async start() {
    if (!this.scanner) {
      this.scanner = new QrScanner(this.video, (result) => this.onText(result.data), {
        returnDetailedScanResult: true,
        preferredCamera: "environment",
        maxScansPerSecond: 10,
        highlightScanRegion: false,
        highlightCodeOutline: false,
        onDecodeError: () => {},
      });
    }
    await this.scanner.start();
  }

  stop() {
    if (this.scanner) {
      this.scanner.stop();
    }
  }
}
