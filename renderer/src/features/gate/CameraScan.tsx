import { BrowserQRCodeReader, type IScannerControls } from '@zxing/browser';
import { Alert, Modal } from 'antd';
import { useEffect, useRef, useState } from 'react';

/**
 * Reads a QR code with the phone's camera (@zxing/browser, the maintained browser layer of
 * ZXing; all decoding happens in the page). Browsers give the camera only to secure pages:
 * HTTPS on the LAN, or the server PC itself at http://127.0.0.1.
 */
export function CameraScan({ open, onClose, onText }: { open: boolean; onClose: () => void; onText: (text: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  // The latest callback, so a re-render of the page does not restart the camera.
  const deliver = useRef(onText);
  deliver.current = onText;
  useEffect(() => {
    if (!open) return;
    let controls: IScannerControls | undefined;
    let stopped = false;
    if (!window.isSecureContext || !navigator.mediaDevices) {
      setError('此页面不是安全连接（HTTPS），浏览器不允许使用摄像头；请用扫码枪，或通过 HTTPS 地址打开。');
      return;
    }
    setError(null);
    new BrowserQRCodeReader()
      .decodeFromConstraints({ video: { facingMode: 'environment' } }, video.current!, (result, _err, c) => {
        if (result && !stopped) {
          stopped = true;
          c.stop();
          deliver.current(result.getText());
        }
      })
      .then(
        (c) => void (stopped ? c.stop() : (controls = c)),
        (e: Error) => setError(`无法打开摄像头：${e.message}`),
      );
    return () => {
      stopped = true;
      controls?.stop();
    };
  }, [open]);
  return (
    <Modal open={open} onCancel={onClose} footer={null} title="对准出入证二维码" destroyOnHidden className="gate-camera">
      {error ? <Alert type="warning" showIcon title={error} /> : <video ref={video} muted playsInline />}
    </Modal>
  );
}
