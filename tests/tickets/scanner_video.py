"""A fake camera for Chromium: a pass's QR code as a YUV4MPEG2 (.y4m) video.

Chromium plays the file in a loop as the camera when started with
``--use-file-for-fake-video-capture=<file>``. The frames are 4:2:0 ("C420jpeg"): a
grey-scale picture is its luma plane with both chroma planes at 128.
"""

from pathlib import Path

import qrcode
from PIL import Image

WIDTH, HEIGHT = 640, 480


def qr_frame(text: str, *, width: int = WIDTH, height: int = HEIGHT, box: int = 6) -> Image.Image:
    """``text`` as a QR code (error correction M, as passes print it) centred on white."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box, border=4)
    code.add_data(text)
    code.make(fit=True)
    picture = code.make_image(fill_color="black", back_color="white").get_image().convert("L")
    frame = Image.new("L", (width, height), 255)
    frame.paste(picture, ((width - picture.width) // 2, (height - picture.height) // 2))
    return frame


def write_y4m(path: Path, frame: Image.Image, *, frames: int = 10, fps: int = 10) -> Path:
    """``frames`` copies of the grey-scale ``frame`` as a .y4m video at ``fps``."""
    width, height = frame.size
    luma = frame.convert("L").tobytes()
    chroma = bytes([128]) * ((width // 2) * (height // 2))
    with open(path, "wb") as video:
        video.write(f"YUV4MPEG2 W{width} H{height} F{fps}:1 Ip A1:1 C420jpeg\n".encode("ascii"))
        for _ in range(frames):
            video.write(b"FRAME\n")
            video.write(luma)
            video.write(chroma)
            video.write(chroma)
    return path
