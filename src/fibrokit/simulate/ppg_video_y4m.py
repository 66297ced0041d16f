"""A synthetic fingertip video as the bytes of a YUV4MPEG2 (Y4M) file, e.g. for a browser's fake camera."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from fibrokit.simulate.simulate_ppg_video import PpgVideo


def ppg_video_y4m(video: PpgVideo, *, width: int = 32, height: int = 24, seed: int = 0) -> bytes:
    """Encode the frames of ``video`` as a Y4M file (4:2:0, full-range BT.601, the format's default).

    Each frame is lit like a fingertip over a torch: brightest at the centre and falling off to the edges, with
    a little noise on every pixel, scaled so that the frame's mean colour is the video's colour for that frame.
    Y4M has a fixed frame rate, so the video must have been made with even frame times (``jitter_ms=0`` and
    ``drop_share=0``); a browser that plays the file as a fake camera adds its own uneven timing.

    Parameters
    ----------
    video : PpgVideo
        The frame series from :func:`simulate_ppg_video`.
    width, height : int
        Frame size in pixels; both must be even.
    seed : int
        Seed of the pixel noise.

    Returns
    -------
    bytes
        The whole file.

    Examples
    --------
    >>> from fibrokit.simulate.simulate_ppg_video import simulate_ppg_video
    >>> video = simulate_ppg_video([1000.0] * 5, jitter_ms=0.0, drop_share=0.0, seed=1)
    >>> data = ppg_video_y4m(video, width=8, height=6)
    >>> data[:24]
    b'YUV4MPEG2 W8 H6 F30:1 Ip'
    """
    if width % 2 or height % 2 or width < 2 or height < 2:
        raise ValueError("`width` and `height` must be even and at least 2")
    nominal = np.arange(video.times_s.size) / video.fps
    if np.max(np.abs(video.times_s - video.times_s[0] - nominal), initial=0.0) > 1e-3:
        raise ValueError(
            "a Y4M file has a fixed frame rate: make the video with jitter_ms=0 and drop_share=0"
        )
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width]
    radius = np.hypot((x - width / 2 + 0.5) / width, (y - height / 2 + 0.5) / height)
    glow = 1.2 - 0.8 * radius**2
    glow /= glow.mean()
    header = f"YUV4MPEG2 W{width} H{height} {_rate(video.fps)} Ip A1:1 C420jpeg\n"
    parts = [header.encode("ascii")]
    for r, g, b in zip(video.red, video.green, video.blue, strict=True):
        noise = rng.normal(0.0, 1.5, (3, height, width))
        rgb = np.stack([r * glow, g * glow, b * glow]) + noise
        parts.append(b"FRAME\n" + _yuv420(np.clip(rgb, 0.0, 255.0)))
    return b"".join(parts)


def _rate(fps: float) -> str:
    whole = round(fps)
    return f"F{whole}:1" if abs(fps - whole) < 1e-9 else f"F{round(fps * 1000)}:1000"


def _yuv420(rgb: npt.NDArray[np.float64]) -> bytes:
    r, g, b = rgb
    luma = 0.299 * r + 0.587 * g + 0.114 * b
    cb = 128.0 - 0.168736 * r - 0.331264 * g + 0.5 * b
    cr = 128.0 + 0.5 * r - 0.418688 * g - 0.081312 * b
    h, w = luma.shape

    def _half(plane: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return np.asarray(plane.reshape(h // 2, 2, w // 2, 2).mean(axis=(1, 3)), dtype=np.float64)

    planes = [luma, _half(cb), _half(cr)]
    return b"".join(np.clip(np.round(p), 0, 255).astype(np.uint8).tobytes() for p in planes)
