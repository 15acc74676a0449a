/** A chosen file as base64, the way uploads travel through the API (JSON, every transport alike). */
export const readBase64 = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).split(',')[1] ?? '');
    r.onerror = () => reject(new Error(`无法读取文件“${file.name}”`));
    r.readAsDataURL(file);
  });
