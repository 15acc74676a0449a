/**
 * How to make a device trust the office's own certificate authority, shown on the
 * desktop's 局域网共享 page and on the certificate's download page. Kept short: the
 * people following it are at a checkpoint with a phone, not at a help desk.
 */
export const CA_INSTRUCTIONS: { platform: string; steps: string[] }[] = [
  {
    platform: 'Windows 电脑',
    steps: [
      '下载证书文件 street-command-ca.crt，双击打开，点“安装证书”。',
      '选“本地计算机”（或“当前用户”），再选“将所有的证书都放入下列存储”→“浏览”→“受信任的根证书颁发机构”。',
      '点“完成”，在安全警告中核对指纹后点“是”。重新打开浏览器（360、QQ 浏览器同样适用）。',
    ],
  },
  {
    platform: 'Android 手机',
    steps: [
      '用手机浏览器扫码下载证书。',
      '打开“设置”→“安全”（或“密码与安全”）→“加密与凭据”→“安装证书”→“CA 证书”，选择刚下载的文件。',
      '按提示确认安装（可能需要先设置锁屏密码）。',
    ],
  },
  {
    platform: 'iPhone / iPad',
    steps: [
      '用 Safari 扫码打开，点“下载证书”，选“允许”。',
      '打开“设置”→“已下载描述文件”→“安装”。',
      '再到“设置”→“通用”→“关于本机”→“证书信任设置”，打开本证书的开关。',
    ],
  },
];
