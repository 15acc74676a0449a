import { CameraOutlined, CloseOutlined } from '@ant-design/icons';
import { App, Button, Image, Space, Spin } from 'antd';
import { useRef } from 'react';
import { call } from '../../api/client';
import { downscalePhoto } from '../../lib/photo';
import { useLoad } from '../../lib/useLoad';

/** Take or choose photos (the phone's camera first), downscaled before they are kept in the form. */
export function PhotoInput({ value, onChange, max = 4, testId }: { value: string[]; onChange: (v: string[]) => void; max?: number; testId?: string }) {
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const add = async (files: FileList | null) => {
    const next = [...value];
    for (const f of Array.from(files ?? []).slice(0, max - value.length)) {
      try {
        next.push(await downscalePhoto(f));
      } catch (e) {
        message.error((e as Error).message);
      }
    }
    onChange(next);
    if (input.current) input.current.value = '';
  };
  return (
    <Space wrap>
      {value.map((b, i) => (
        <span key={i} className="photo-thumb">
          <img src={`data:image/jpeg;base64,${b}`} alt={`照片 ${i + 1}`} />
          <Button size="small" shape="circle" icon={<CloseOutlined />} aria-label="删除照片" onClick={() => onChange(value.filter((_, j) => j !== i))} />
        </span>
      ))}
      {value.length < max && (
        <Button size="large" icon={<CameraOutlined />} onClick={() => input.current?.click()}>
          拍照
        </Button>
      )}
      <input ref={input} type="file" accept="image/*" capture="environment" multiple hidden data-testid={testId} onChange={(e) => void add(e.target.files)} />
    </Space>
  );
}

/** A stored photo, fetched through the API (it lives in the encrypted database). */
export function StoredPhoto({ id }: { id: number }) {
  const p = useLoad(() => call('photos.get', { id }), [id]);
  return p.data ? (
    <Image
      width={96}
      height={96}
      style={{ objectFit: 'cover' }}
      src={`data:${p.data.mime};base64,${p.data.base64}`}
      alt={`照片 ${id}`}
      data-testid="stored-photo"
    />
  ) : (
    <Spin size="small" />
  );
}
