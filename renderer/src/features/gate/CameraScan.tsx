import { Alert, Modal } from 'antd';
import jsQR from 'jsqr';
import { useEffect, useRef, useState } from 'react';

/** Frames are read at this width at most: enough for a pass held in front of an old phone, and quick. */
const FRAME_WIDTH = 640;
/** A frame every 150 ms: a gate line moves faster than that, and an old phone stays cool. */
const FRAME_MS = 150;

/**
 * Reads a QR code with the phone's camera: the frames are read in the page with jsQR. ZXing
 * (what this used before) failed to find one clean pass code in six, whatever the distance.
 * Browsers give the camera only to secure pages: HTTPS on the LAN, or the server PC itself at
 * http://127.0.0.1.
 */
export function CameraScan({ open, onClose, onText }: { open: boolean; onClose: () => void; onText: (text: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  // The latest callback, so a re-render of the page does not restart the camera.
  const deliver = useRef(onText);
  deliver.current = onText;
  useEffect(() => {
    if (!open) return;
    if (!window.isSecureContext || !navigator.mediaDevices) {
      setError('此页面不是安全连接（HTTPS），浏览器不允许使用摄像头；请用扫码枪，或通过 HTTPS 地址打开。');
      return;
    }
    setError(null);
    let stream: MediaStream | null = null;
    let timer: number | undefined;
    let stopped = false;
    const stop = () => {
      stopped = true;
      window.clearTimeout(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const readFrame = () => {
      const v = video.current;
      if (stopped || !v || !context) return;
      if (v.readyState >= v.HAVE_CURRENT_DATA && v.videoWidth > 0) {
        const scale = Math.min(1, FRAME_WIDTH / v.videoWidth);
        canvas.width = Math.round(v.videoWidth * scale);
        canvas.height = Math.round(v.videoHeight * scale);
        context.drawImage(v, 0, 0, canvas.width, canvas.height);
        const frame = context.getImageData(0, 0, canvas.width, canvas.height);
        const code = jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' });
        if (code?.data) {
          stop();
          deliver.current(code.data);
          return;
        }
      }
      timer = window.setTimeout(readFrame, FRAME_MS);
    };
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }).then(
      (s) => {
        stream = s;
        if (stopped || !video.current) return stop();
        video.current.srcObject = s;
        void video.current.play().catch(() => undefined);
        readFrame();
      },
      (e: Error) => setError(`无法打开摄像头：${e.message}`),
    );
    return stop;
  }, [open]);
  return (
    <Modal open={open} onCancel={onClose} footer={null} title="对准出入证二维码" destroyOnHidden className="gate-camera">
      {error ? <Alert type="warning" showIcon title={error} /> : <video ref={video} muted playsInline data-testid="gate-camera-video" />}
    </Modal>
  );
}
