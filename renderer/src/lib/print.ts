/** The one print path for documents (allocation sheets now, the daily briefing later). */
export function printDocument(): void {
  window.print();
}

/** Desktop only: Electron's printToPDF with a save dialog; returns the saved path, or null when cancelled. */
export async function savePdf(fileName: string): Promise<string | null> {
  if (!window.api?.printToPdf) throw new Error('浏览器中请使用“打印”，在打印对话框中选择“另存为 PDF”');
  const r = await window.api.printToPdf(fileName);
  if (!r.ok) throw new Error(r.message ?? '导出 PDF 失败');
  return r.path;
}
