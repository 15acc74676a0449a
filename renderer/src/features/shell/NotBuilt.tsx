import { Result } from 'antd';

/** An honest placeholder: no invented figures for a module that does not exist yet. */
export function NotBuilt({ title }: { title: string }) {
  return <Result status="info" title={title} subTitle="该模块尚在建设中，将在后续版本提供。" />;
}
