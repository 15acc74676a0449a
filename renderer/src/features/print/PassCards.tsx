import { Input } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/api';
import { day } from './documents';

type Card = Output<'passes.cards'>[number] & { svg: string };
const PER_PAGE = 8;

/**
 * QR codes as inline SVG: sharp at any printer resolution, and no image URL for the CSP to
 * weigh. Level M survives a crease or a smudge on a card carried for two weeks.
 */
export const qrSvg = (text: string) => QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });

export async function withQr(cards: Output<'passes.cards'>): Promise<Card[]> {
  return Promise.all(cards.map(async (c) => ({ ...c, svg: await qrSvg(c.payload) })));
}

/** 出入证: A4 sheets of 8 cards (2 × 4) to cut apart, each with its signed QR code. */
export function PassCardsSheet({ cards, officeName }: { cards: Card[]; officeName: string }) {
  if (!cards.length) return <p>没有可打印的有效出入证（已收回的不打印）。</p>;
  const pages: Card[][] = [];
  for (let i = 0; i < cards.length; i += PER_PAGE) pages.push(cards.slice(i, i + PER_PAGE));
  return (
    <>
      {pages.map((page, k) => (
        <section className="doc pass-page" key={k}>
          {page.map((c) => (
            <div className="pass-card" key={c.id} data-testid="pass-card" data-pass={c.passNo}>
              <div className="pass-card-text">
                <div className="pass-card-title">出入证</div>
                <div className="pass-card-office">{officeName}</div>
                <div>
                  编号：<b>{c.passNo}</b>
                </div>
                <div>住址：{c.address}</div>
                {c.holder && <div>持证人：{c.holder}</div>}
                <div>
                  规则：{c.perDays} 天内限出 {c.uses} 次
                </div>
                <div>
                  有效期：{day(c.validFrom)}至{day(c.validTo)}
                </div>
                <div className="pass-card-note">凭此证扫码出入，涂改无效</div>
              </div>
              <div className="pass-card-qr" data-testid="pass-qr" dangerouslySetInnerHTML={{ __html: c.svg }} />
            </div>
          ))}
        </section>
      ))}
    </>
  );
}

const BASE_KEY = 'street-command.premises-poster.base';
const defaultBase = () => localStorage.getItem(BASE_KEY) ?? (location.protocol.startsWith('http') ? location.origin : '');

/**
 * 场所码: a poster for the door of a premises. Scanned with a staff phone's camera it opens
 * that premises' 登记督查 entry (after sign-in). The address is the office's LAN address;
 * the desktop window has none of its own, so it is asked for once and remembered.
 */
export function PremisesPoster({ premises, officeName }: { premises: { id: number; name: string; address: string | null }; officeName: string }) {
  const [base, setBase] = useState(defaultBase);
  const [svg, setSvg] = useState('');
  const url = `${base.replace(/\/+$/, '')}/#/inspections?tab=records&new=1&premises=${premises.id}&name=${encodeURIComponent(premises.name)}`;
  useEffect(() => {
    if (base) void qrSvg(url).then(setSvg);
  }, [base, url]);
  return (
    <section className="doc premises-poster">
      <div className="no-print" style={{ marginBottom: 8 }}>
        <Input
          addonBefore="手机打开的地址"
          value={base}
          placeholder="如 https://192.168.1.20:5780（设置 → 局域网共享中显示）"
          onChange={(e) => (setBase(e.target.value), localStorage.setItem(BASE_KEY, e.target.value))}
          aria-label="手机打开的地址"
        />
      </div>
      <h1>{officeName}</h1>
      <div className="premises-poster-title">场所码</div>
      <div className="premises-poster-name">{premises.name}</div>
      {premises.address && <div className="premises-poster-address">{premises.address}</div>}
      {base ? (
        <div className="premises-poster-qr" data-testid="premises-qr" data-url={url} dangerouslySetInnerHTML={{ __html: svg }} />
      ) : (
        <p>请先在上方填写手机打开的地址。</p>
      )}
      <div className="premises-poster-note">督查人员请用手机扫码，登记本场所的督查情况</div>
    </section>
  );
}
