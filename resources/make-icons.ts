/**
 * Writes resources/icon.png (512 px: Linux packages and the window icon) and resources/icon.ico
 * (16–256 px: the Windows exe, installer and shortcuts). Run `npx tsx resources/make-icons.ts`
 * after changing emblem.ts and commit both files; electron-builder takes them as they are.
 */
import { writeFileSync } from 'node:fs';
import { drawEmblem, encodeIco, encodePng, ICO_SIZES, PNG_SIZE } from './emblem';

writeFileSync(new URL('icon.png', import.meta.url), encodePng(PNG_SIZE, drawEmblem(PNG_SIZE)));
writeFileSync(new URL('icon.ico', import.meta.url), encodeIco(ICO_SIZES.map((size) => ({ size, png: encodePng(size, drawEmblem(size)) }))));
console.log('wrote resources/icon.png and resources/icon.ico');
